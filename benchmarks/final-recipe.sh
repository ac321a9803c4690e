#!/usr/bin/env bash
# What the final stage's recipe can give at the main job's network size (issue 18, part 1): published DARTS-space
# cells trained with `nas train` at the proxy size (5 cells, 8 channels, Fashion-MNIST) and the final stage's budget,
# two at a time with one thread each (as the stage trains one member per core), so that a searched member's test
# accuracy can be read against what a known-good cell reaches with the same images and recipe.
#
# Usage: benchmarks/final-recipe.sh [--out DIR] [--jobs FILE]
#   FILE: one run per line, "GENOTYPE IMAGES SEED [BATCH LR [EPOCHS]]": GENOTYPE a published cell's name (DARTS_V1,
#         DARTS_V2, NASNet, AmoebaNet), IMAGES per epoch, batch and lr by default the final stage's (32, 0.05), epochs
#         1 (the stage gives more images than the training split holds as epochs of equal parts, e.g. 2 x 33,500).
#         Default: the runs of benchmarks/results/final-recipe.md.
# Results: DIR/<genotype>-<images>-s<seed>-bs<batch>-lr<lr>[-e<epochs>].json (nas train --json) and DIR/summary.txt
# (default DIR: benchmarks/results/final-recipe-<date>). A run whose JSON exists is kept, not rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
out="benchmarks/results/final-recipe-$(date +%Y-%m-%d)"
jobs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) echo "usage: $0 [--out DIR] [--jobs FILE]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
if [ -z "$jobs" ]; then
  jobs="$out/jobs.txt"
  [ -f "$jobs" ] || cat > "$jobs" <<'RUNS'
DARTS_V2 37000 1
DARTS_V2 37000 2
DARTS_V2 37000 3
NASNet 37000 1
DARTS_V2 59000 1
DARTS_V2 59000 2
AmoebaNet 37000 1
DARTS_V1 37000 1
DARTS_V2 37000 1 64 0.1
DARTS_V2 37000 1 32 0.1
DARTS_V2 37000 2 64 0.1
DARTS_V2 37000 2 32 0.1
DARTS_V2 33500 1 32 0.05 2
DARTS_V2 33500 2 32 0.05 2
RUNS
fi
bin/nas --version >/dev/null # build once, before anything runs
{ date -u; nproc; grep -m1 'model name' /proc/cpuinfo || true; uptime; } >> "$out/machine.txt"
export out
one() { # genotype images seed [batch lr [epochs]]
  local g="$1" n="$2" s="$3" bs="${4:-32}" lr="${5:-0.05}" e="${6:-1}"
  local f="$out/$g-$n-s$s-bs$bs-lr$lr"
  [ "$e" = 1 ] || f="$f-e$e"
  [ -f "$f.json" ] && return 0
  bin/nas train --space darts --genotype "$g" --cells 5 --channels 8 --train-images "$n" --epochs "$e" \
    --batch-size "$bs" --lr "$lr" --validation-images 1000 --seed "$s" --threads 1 --json > "$f.tmp" 2> "$f.err" \
    && mv "$f.tmp" "$f.json" || echo "$f: exit $?" >> "$out/machine.txt"
}
export -f one
grep -v '^\s*\(#\|$\)' "$jobs" | xargs -P 2 -L 1 bash -c 'one "$@"' _
/usr/bin/python3 - "$out" <<'PY' | tee "$out/summary.txt"
import glob, json, os, sys
rows = []
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    d = json.load(open(f))
    rows.append((os.path.basename(f).split("-")[0], d["trainImages"] * d["epochs"], d["seed"],
                 os.path.basename(f).split("-bs")[1].split("-lr")[0], d["learningRate"], d["macs"],
                 d["validationAccuracy"], d["testAccuracy"], d["imagesPerSecond"]))
print(f"{'cell':<10} {'images':>7} {'seed':>4} {'batch':>5} {'lr':>5} {'MACs':>9} {'val %':>6} {'test %':>6} {'img/s':>6}")
for r in rows:
    print(f"{r[0]:<10} {r[1]:>7} {r[2]:>4} {r[3]:>5} {r[4]:>5} {r[5]:>9} {100*r[6]:>6.2f} {100*r[7]:>6.2f} {r[8]:>6.1f}")
PY
