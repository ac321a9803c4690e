#!/usr/bin/env bash
# Acceptance check of `nas bench`: its p50 must agree within 10% with an independent ONNX Runtime client
# (onnxruntime-node, same ORT version, same thread count) timing the same model.
#
# Usage: benchmarks/ort-node-compare.sh [MODEL.onnx ...]
#   Without models, generates three conv nets of different sizes (tiny, ~1 ms, ~10 ms).
#   ORT_NODE_DIR: where onnxruntime-node is installed (default benchmarks/.ort-node; installed on first use with
#   `npm install onnxruntime-node@1.29.0`, skipping the optional CUDA download; later runs work offline).
#   ROUNDS (default 5): nas and node alternate ROUNDS times per model. Reported: the median over rounds of each
#   p50, and the median over rounds of the per-round ratio nas/node (each round's two runs are adjacent in time, so
#   the per-round ratio is less affected by load changing between rounds); the acceptance uses the latter.
# Needs: mvn -B -o -q package -DskipTests (cli/target and latency-profiler/target/test-classes), node >= 18.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ORT_NODE_DIR=${ORT_NODE_DIR:-$ROOT/benchmarks/.ort-node}
ROUNDS=${ROUNDS:-5}
RUNS=300
WARMUP=50
CP="latency-profiler/target/test-classes:cli/target/nas4j-cli.jar:cli/target/lib/*"
if [ ! -d "$ORT_NODE_DIR/node_modules/onnxruntime-node" ]; then
  mkdir -p "$ORT_NODE_DIR"
  [ -f "$ORT_NODE_DIR/package.json" ] || echo '{"name": "nas-ort-node-compare", "private": true}' \
    > "$ORT_NODE_DIR/package.json"
  (cd "$ORT_NODE_DIR" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund onnxruntime-node@1.29.0)
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MODELS=("$@")
if [ ${#MODELS[@]} -eq 0 ]; then
  java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$WORK/tiny-16c3l16px.onnx" 16 3 16
  java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$WORK/small-32c3l32px.onnx" 32 3 32
  java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$WORK/mid-32c10l32px.onnx" 32 10 32
  java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$WORK/big-64c6l64px.onnx" 64 6 64
  MODELS=("$WORK/tiny-16c3l16px.onnx" "$WORK/small-32c3l32px.onnx" "$WORK/mid-32c10l32px.onnx" \
    "$WORK/big-64c6l64px.onnx")
fi
median() { python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# threads 1, warm-up $WARMUP, $RUNS timed runs; nas: --sessions 1; $ROUNDS alternating rounds per model"
printf '%-24s %11s %11s %9s %9s   %s\n' model nas-p50-ms node-p50-ms ratio-p50 med-ratio "per-round nas/node ratios"
status=0
for m in "${MODELS[@]}"; do
  nas=(); node=()
  for r in $(seq 1 "$ROUNDS"); do
    nas+=("$(java -cp "$CP" org.nas4j.cli.Main bench "$m" --target host --threads 1 --warmup $WARMUP --runs $RUNS \
      --sessions 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["latency"]["p50Ms"])')")
    node+=("$(NODE_PATH="$ORT_NODE_DIR/node_modules" node benchmarks/ort-node-compare.js "$m" $RUNS $WARMUP 1 \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["p50Ms"])')")
  done
  a=$(median "${nas[@]}"); b=$(median "${node[@]}")
  ratio=$(python3 -c "print('%.4f' % ($a / $b))")
  rounds=$(python3 -c 'import sys; n=len(sys.argv)//2; a=sys.argv[1:n+1]; b=sys.argv[n+1:]; print(" ".join("%.3f" % (float(x)/float(y)) for x,y in zip(a,b)))' "${nas[@]}" "${node[@]}")
  med=$(median $rounds)
  ok=$(python3 -c "print('ok' if abs($med - 1) <= 0.10 else 'DISAGREE')")
  [ "$ok" = ok ] || status=1
  printf '%-24s %11.4f %11.4f %9s %9.4f   %s  %s\n' "$(basename "$m")" "$a" "$b" "$ratio" "$med" "$rounds" "$ok"
done
exit $status
