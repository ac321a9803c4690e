#!/usr/bin/env bash
# Times `nas profile` on the torchvision fixtures, run once by hand (not part of the test suite):
#   mvn -B -o -q package -DskipTests && mvn -B -o -q verify -pl latency-profiler -am   # builds + fixtures
#   latency-profiler/src/test/bench/profile_speed.sh [RUNS]
# For each model prints the median wall time of `nas profile MODEL --json` and of `nas --version` (JVM and CLI
# start alone); the difference is the time spent reading, inferring and counting the model.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
CP="$ROOT/cli/target/nas4j-cli.jar:$ROOT/cli/target/lib/*"
FIX="$ROOT/latency-profiler/target/fixtures"
RUNS=${1:-5}

ms() {
  local start end
  start=$(date +%s%N)
  java -cp "$CP" org.nas4j.cli.Main "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() {
  local times=()
  for _ in $(seq "$RUNS"); do times+=("$(ms "$@")"); done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

base=$(median --version)
printf '%-28s %6s %8s %10s %s\n' MODEL NODES SIZE_MB WALL_MS MINUS_STARTUP_MS
printf '%-28s %6s %8s %10s %s\n' "(nas --version)" - - "$base" 0
for f in "$FIX"/*.onnx; do
  shape=()
  case "$f" in *_dynbatch.onnx) shape=(--shape input=1x3x224x224) ;; esac
  nodes=$(java -cp "$CP" org.nas4j.cli.Main profile "$f" --json "${shape[@]}" \
    | sed -n 's/.*"nodeCount" : \([0-9]*\).*/\1/p')
  size=$(($(stat -c %s "$f") / 1000000))
  t=$(median profile "$f" --json "${shape[@]}")
  printf '%-28s %6s %8s %10s %s\n' "$(basename "$f")" "$nodes" "$size" "$t" $((t - base))
done
