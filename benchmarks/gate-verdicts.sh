#!/usr/bin/env bash
# Measures the three verdicts of the `nas bench --baseline` CI gate on a real network under three load conditions.
#
# Models: torchvision's mobilenet_v2 (random weights, nothing downloaded) exported to ONNX at 224x224 (the baseline),
# unchanged, and at width multipliers 1.05 and 1.07 (channels rounded to multiples of 4), which `nas bench --compare`
# measured on an idle 2-core machine as +9.5..+10.4% and +20.9% slower (the script measures and prints the true
# slowdown again at the start of each condition). Resolution is too coarse a knob for this: the stride-32 feature
# maps grow a whole row at once, so 228 px is already +12% and 238 px +16%.
# A baseline of the 224 model is recorded once (--save-baseline, which also keeps a copy of the model next to it);
# then, per condition, RUNS rounds of three gates, interleaved: unchanged, +10%, +20%, each in its own JVM with
# --max-regression-pct 5. Per condition it counts
#   unchanged: OK (right), REGRESSION (false alarm), INCONCLUSIVE
#   slower:    REGRESSION (detection), OK (wrong OK), INCONCLUSIVE
# Conditions: quiet (whatever else runs on the machine: the load average is printed, so judge it), one-core (one CPU
# hog that this script starts and stops), both-cores (two hogs).
#
# Usage: benchmarks/gate-verdicts.sh [--runs N] [--conditions quiet,one-core,both-cores] [--mode paired|calibrated]
#                                    [--out FILE] [-- extra nas bench options]
#   --mode paired      (default) the gate times the stored baseline model interleaved with the new one
#   --mode calibrated  the stored copy is removed: the gate divides out the built-in calibration model instead
# Needs: mvn -B -q package -DskipTests; /usr/bin/python3 with torch, torchvision and onnx (Debian python3-torch,
# python3-torchvision, python3-onnx) the first time, to export the models into ${XDG_CACHE_HOME:-~/.cache}/nas4j.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=20
CONDITIONS=quiet,one-core,both-cores
MODE=paired
OUT=""
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --conditions) CONDITIONS=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "gate-verdicts.sh: unknown option $1 (see the header of this script)" >&2; exit 2 ;;
  esac
done
case "$MODE" in paired|calibrated) ;; *) echo "gate-verdicts.sh: --mode must be paired or calibrated" >&2; exit 2 ;; esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "gate-verdicts.sh: --runs must be a positive integer" >&2; exit 2; }
for c in ${CONDITIONS//,/ }; do
  case "$c" in quiet|one-core|both-cores) ;; *) echo "gate-verdicts.sh: unknown condition $c" >&2; exit 2 ;; esac
done
OUT=${OUT:-benchmarks/results/gate-verdicts-$(date -u +%Y-%m-%dT%H%M)-$MODE.txt}
[ -f cli/target/nas4j-cli.jar ] || { echo "gate-verdicts.sh: build first: mvn -B -q package -DskipTests" >&2; exit 2; }

MODELS=${XDG_CACHE_HOME:-$HOME/.cache}/nas4j/gate-models
mkdir -p "$MODELS"
for w in 1.00 1.05 1.07; do
  if [ ! -f "$MODELS/mobilenet_v2_w$w.onnx" ]; then
    /usr/bin/python3 - "$MODELS/mobilenet_v2_w$w.onnx" "$w" <<'EOF'
import sys, torch, torchvision
torch.manual_seed(0)
width = float(sys.argv[2])
model = torchvision.models.mobilenet_v2(weights=None, width_mult=width, round_nearest=8 if width == 1 else 4).eval()
torch.onnx.export(model, torch.randn(1, 3, 224, 224), sys.argv[1], opset_version=13,
                  input_names=["input"], output_names=["logits"])
EOF
  fi
done
WORK=$(mktemp -d)
# a private copy of the build, so that a rebuild while this runs does not change what is measured
mkdir -p "$WORK/nas"
cp -r cli/target/nas4j-cli.jar cli/target/lib "$WORK/nas/"
NAS=(java -XX:+UseSerialGC -cp "$WORK/nas/nas4j-cli.jar:$WORK/nas/lib/*" org.nas4j.cli.Main)
# the same file name for every variant, so each matches the baseline's entry as a new build of the model would
HOGS=()
stop_hogs() {
  for p in "${HOGS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${HOGS[@]}"; do wait "$p" 2>/dev/null || true; done
  HOGS=()
}
trap 'stop_hogs; rm -rf "$WORK"' EXIT
for v in same:1.00 plus10:1.05 plus20:1.07; do
  mkdir -p "$WORK/${v%%:*}"
  cp "$MODELS/mobilenet_v2_w${v##*:}.onnx" "$WORK/${v%%:*}/mobilenet_v2.onnx"
done
GATE=(--target host --max-regression-pct 5 "${EXTRA[@]}")
n_cond=$(echo "${CONDITIONS//,/ }" | wc -w)
mkdir -p "$(dirname "$OUT")"
exec > >(tee "$OUT") 2>&1
echo "# gate-verdicts: $(date -u +%FT%TZ), mode $MODE, $RUNS runs x 3 models x $n_cond condition(s)"
echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# gate: nas bench MODEL ${GATE[*]} --baseline base.json --json"
echo "# expected duration: about $((RUNS * 3 * n_cond * 10 / 60 + n_cond))-$((RUNS * 3 * n_cond * 100 / 60 + 3 * n_cond)) min" \
  "(a gate takes ~10 s decided in one round on an idle 2-core machine, 35-130 s at load average 8-20, where it" \
  "needs more rounds or ends inconclusive at its 120 s budget; plus 1-3 min per condition for --compare)"
echo "# load before the baseline: $(cut -d' ' -f1-3 /proc/loadavg)"
"${NAS[@]}" bench "$WORK/same/mobilenet_v2.onnx" "${GATE[@]}" --save-baseline "$WORK/base.json" -q > /dev/null
if [ "$MODE" = calibrated ]; then rm -rf "$WORK/base.models"; fi
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["entries"][0]; print("# baseline: p50 %.3f ms, supports allowances >= %.2f%%" % (e["latency"]["p50Ms"], e["supportedRegressionPct"]))' "$WORK/base.json"

start_hogs() {
  for _ in $(seq 1 "$1"); do
    ( while :; do :; done ) &
    HOGS+=($!)
  done
}

printf '\n| condition | load (1 min avg, start..end) | model | true slowdown | OK | REGRESSION | INCONCLUSIVE | false alarms | wrong OK | median s |\n' > "$WORK/summary"
printf '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n' >> "$WORK/summary"
declare -A truth
for cond in ${CONDITIONS//,/ }; do
  case "$cond" in quiet) start_hogs 0 ;; one-core) start_hogs 1 ;; both-cores) start_hogs 2 ;; esac
  sleep 5
  load0=$(cut -d' ' -f1 /proc/loadavg)
  echo
  echo "## $cond (${#HOGS[@]} CPU hog(s) started by this script), load $(cut -d' ' -f1-3 /proc/loadavg)"

  for v in plus10 plus20; do
    truth[$v]=$("${NAS[@]}" bench "$WORK/$v/mobilenet_v2.onnx" --compare "$WORK/same/mobilenet_v2.onnx" \
      --target host --runs 300 --sessions 10 --json | python3 -c 'import json,sys; c=json.load(sys.stdin)["comparison"]; print("%+.1f%% [%+.1f, %+.1f]" % (100*(c["ratio"]-1), 100*(c["ratioCiLow"]-1), 100*(c["ratioCiHigh"]-1)))')
    echo "# true slowdown of $v (--compare, 10 sessions x 30 runs, 95% CI): ${truth[$v]}"
  done
  truth[same]="0 (same file)"
  : > "$WORK/$cond.tsv"
  for i in $(seq 1 "$RUNS"); do
    for v in same plus10 plus20; do
      set +e
      "${NAS[@]}" bench "$WORK/$v/mobilenet_v2.onnx" "${GATE[@]}" --baseline "$WORK/base.json" --json \
        > "$WORK/r.json" 2> /dev/null
      rc=$?
      set -e
      line=$(python3 -c 'import json,sys
r=json.load(open(sys.argv[1])); t=r["regressionTest"]; g=r["gate"]
print("%s\t%+.2f\t%+.2f\t%+.2f\t%.1f\t%d\t%.1f\t%s" % (r["verdict"], t["slowdownPct"], t["slowdownCiLowPct"], t["slowdownCiHighPct"], t["minDetectablePct"], g["rounds"], g["seconds"], t.get("reason", "")))' "$WORK/r.json" 2>/dev/null || echo "ERROR rc=$rc")
      printf '%s\t%s\t%s\t%s\n' "$i" "$v" "$rc" "$line" | tee -a "$WORK/$cond.tsv"
    done
  done
  load1=$(cut -d' ' -f1 /proc/loadavg)
  stop_hogs
  for v in same plus10 plus20; do
    python3 - "$WORK/$cond.tsv" "$v" "$cond" "$load0..$load1" "${truth[$v]}" >> "$WORK/summary" <<'EOF'
import statistics, sys
tsv, v, cond, load, truth = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(tsv) if l.split("\t")[1] == v]
codes = [r[2] for r in rows]
ok, reg, inc = codes.count("0"), codes.count("3"), codes.count("5")
secs = [float(r[9]) for r in rows if len(r) > 9]
fa, wrong = (str(reg), "-") if v == "same" else ("-", str(ok))
print("| %s | %s | %s | %s | %d | %d | %d | %s | %s | %.1f |" % (cond, load, v, truth, ok, reg, inc, fa, wrong,
      statistics.median(secs) if secs else float("nan")))
EOF
  done
done
echo
echo "# columns per gate: run, model, exit code, verdict, slowdown %, lower bound %, upper bound %, min detectable %, rounds, seconds, reason"
cat "$WORK/summary"
echo
echo "# finished $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
