#!/usr/bin/env bash
# Host latency calibration acceptance: sample DARTS-space architectures, export and time each one through ONNX
# Runtime (1 thread, interleaved with the calibration model), fit the kernel-linear predictor and print its
# 5-fold held-out error (acceptance: >= 95% of held-out architectures within +-10%).
# Usage: benchmarks/host-calibration.sh [SAMPLES] [SEED] [OUT_DIR]     (about 1 minute for 200 samples)
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${1:-200}"
SEED="${2:-1}"
OUT="${3:-target/host-calibration}"
mvn -B -o -q package -DskipTests -pl cli -am
mkdir -p "$OUT"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
java -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" org.nas4j.cli.Main targets calibrate --target host \
  --space darts --samples "$SAMPLES" --cells 5 --channels 8 --input 3x32x32 --seed "$SEED" \
  --out "$OUT/host-predictor.json" 2> "$OUT/calibrate.log"
echo "took $(( $(date +%s) - start )) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw p50 instead of the drift-corrected latency (for comparison):"
java -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" org.nas4j.cli.Main targets fit --space darts \
  --table "$OUT/host-predictor.csv" --arch-column arch --latency-column p50Ms --cells 5 --channels 8 \
  --seed "$SEED" --out "$OUT/host-predictor-raw-p50.json" | sed -n '3,4p'
