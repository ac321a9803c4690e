#!/usr/bin/env bash
# Measures the effect of ONNX Runtime's intra-op spinning (session.intra_op.allow_spinning) at 1 and 2 threads with
# `nas bench --spinning on|off`, alternating the settings ROUNDS times to spread machine drift over both.
# Usage: benchmarks/spinning.sh [MODEL.onnx]   (default: a generated 32-channel, 10-layer conv net at 32x32)
set -euo pipefail
cd "$(dirname "$0")/.."
CP="latency-profiler/target/test-classes:cli/target/nas4j-cli.jar:cli/target/lib/*"
ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MODEL=${1:-$WORK/mid.onnx}
[ -f "$MODEL" ] || java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$MODEL" 32 10 32
echo "# $(basename "$MODEL"), load $(cut -d' ' -f1-3 /proc/loadavg); p50 ms (p90 ms) per round, 5 sessions x 60 runs"
for threads in 1 2; do
  for spin in off on; do
    line="threads=$threads spinning=$spin:"
    for r in $(seq 1 "$ROUNDS"); do
      line+=" $(java -cp "$CP" org.nas4j.cli.Main bench "$MODEL" --target host --threads $threads --spinning $spin \
        --json | python3 -c 'import json,sys; l=json.load(sys.stdin)["latency"]; print("%.4f(%.4f)" % (l["p50Ms"], l["p90Ms"]))')"
    done
    echo "$line"
  done
done
