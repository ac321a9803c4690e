#!/usr/bin/env bash
# Measures the false-alarm and detection rates of the latency regression gate of `nas bench`.
#
# For each of TRIES tries, in separate JVM processes (so process-to-process drift is included):
#   1. nas bench fast.onnx --target host --save-baseline base.json      (the baseline)
#   2. nas bench fast.onnx --target host --baseline base.json           (same model: exit 3 is a false alarm)
#   3. nas bench slow.onnx --target host --baseline base.json           (~10% slower model: exit 3 is a detection)
# The true slowdown of slow.onnx is measured once with --compare (interleaved, paired over sessions) and printed.
#
# Usage: benchmarks/gate-accuracy.sh [TRIES] [extra nas bench options...]
# Needs: mvn -B -o -q package -DskipTests  (for cli/target and latency-profiler/target/test-classes).
set -euo pipefail
cd "$(dirname "$0")/.."
TRIES=${1:-20}
shift || true
EXTRA=("$@")
CP="latency-profiler/target/test-classes:cli/target/nas4j-cli.jar:cli/target/lib/*"
NAS=(java -cp "$CP" org.nas4j.cli.Main)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Same structure, 32 channels at 32x32; slow has 11 instead of 10 Conv+Relu layers (~10% more work).
java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$WORK/fast.onnx" 32 10 32
java -cp "$CP" org.nas4j.profiler.testing.OnnxModels "$WORK/slow.onnx" 32 11 32
echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# gate options: --target host --max-regression-pct 5 ${EXTRA[*]:-}"
echo "# true slowdown of slow.onnx (interleaved --compare, 10 sessions x 100 runs):"
"${NAS[@]}" bench "$WORK/slow.onnx" --compare "$WORK/fast.onnx" --target host --runs 1000 --sessions 10 | tail -1
false_alarms=0
detections=0
start=$(date +%s)
printf '%-4s %-28s %-28s\n' try "same model: slowdown [90% CI]" "10% slower: slowdown [90% CI]"
for i in $(seq 1 "$TRIES"); do
  "${NAS[@]}" -q bench "$WORK/fast.onnx" --target host "${EXTRA[@]}" --save-baseline "$WORK/base.json" > /dev/null
  set +e
  "${NAS[@]}" bench "$WORK/fast.onnx" --target host "${EXTRA[@]}" --baseline "$WORK/base.json" --json \
    > "$WORK/same.json" 2>/dev/null
  same=$?
  "${NAS[@]}" bench "$WORK/slow.onnx" --target host "${EXTRA[@]}" --baseline "$WORK/base.json" --json \
    > "$WORK/slow.json" 2>/dev/null
  slow=$?
  set -e
  [ "$same" -eq 3 ] && false_alarms=$((false_alarms + 1))
  [ "$slow" -eq 3 ] && detections=$((detections + 1))
  fmt() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["regressionTest"]; print("%+6.2f%% [%+6.2f, %+6.2f] %s" % (r["slowdownPct"], r["slowdownCiLowPct"], r["slowdownCiHighPct"], "ALARM" if r["regressed"] else "ok"))' "$1"; }
  printf '%-4s %-28s %-28s\n' "$i" "$(fmt "$WORK/same.json") (rc $same)" "$(fmt "$WORK/slow.json") (rc $slow)"
done
echo "false alarms (same model flagged):   $false_alarms/$TRIES"
echo "detections (10% slower model flagged): $detections/$TRIES"
echo "elapsed: $(( $(date +%s) - start )) s, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
