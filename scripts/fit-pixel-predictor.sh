#!/usr/bin/env bash
# Regenerates the built-in Pixel 3 latency predictor (targets/.../pixel3-cpu-fp32.json) from the HW-NAS-Bench
# Pixel 3 tables (TFLite float32 CPU): all NB201 cells and the 5,000 FBNet-space networks.
# Usage: scripts/fit-pixel-predictor.sh [BENCHMARK_DIR]   (default ../shared/benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/benchmarks}"
mvn -B -o -q package -DskipTests -pl cli -am
java -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" org.nas4j.cli.Main targets fit \
  --space nb201 --table "$DIR/nb201.csv" --arch-column arch --latency-column hw_c10_pixel3_latency_ms \
  --space fbnet --table "$DIR/fbnet_c100_latency.csv" --arch-column ops --latency-column hw_pixel3_latency_ms \
  --folds 5 --seed 1 --device "Pixel 3" --runtime "TFLite float32 CPU" --precision fp32 \
  --source "HW-NAS-Bench Pixel 3 measurements (NB201 CIFAR-10 cells and FBNet-space CIFAR-100 networks, via HELP / HW-NAS-Bench tables)" \
  --out targets/src/main/resources/org/nas4j/targets/pixel3-cpu-fp32.json
