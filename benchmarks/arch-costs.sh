#!/usr/bin/env bash
# The search's two cheap objectives for DARTS genotypes at the proxy size (5 cells, 8 channels, 1x28x28, the macro
# the main job searches): predicted Pixel 3 latency (`nas predict --target pixel`) and MACs (`nas export` then
# `nas profile`), one JSON line per genotype in file order: {"genotype", "latencyMs", "macs"}.
# Used by promotion_tau.py --nsga to rank architectures as NSGA-II does.
#
# Usage: benchmarks/arch-costs.sh GENOTYPES.txt > COSTS.jsonl   (one genotype per line; '#' lines skipped)
set -euo pipefail
cd "$(dirname "$0")/.."
genotypes=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
macro=(--cells 5 --channels 8 --input 1x28x28)
bin/nas predict -q --target pixel --space darts --arch-file "$genotypes" "${macro[@]}" > "$work/latency.jsonl"
grep -v '^#' "$genotypes" | grep -v '^[[:space:]]*$' | while IFS= read -r g; do
  bin/nas export -q --space darts --genotype "$g" "${macro[@]}" --out "$work/m.onnx" > /dev/null
  bin/nas profile --json "$work/m.onnx" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["macs"])'
done > "$work/macs.txt"
/usr/bin/python3 - "$work/latency.jsonl" "$work/macs.txt" <<'PY'
import json
import sys

lat = [json.loads(l) for l in open(sys.argv[1])]
macs = [int(l) for l in open(sys.argv[2])]
if len(lat) != len(macs):
    sys.exit(f"{len(lat)} latencies but {len(macs)} MAC counts")
for r, m in zip(lat, macs):
    print(json.dumps({"genotype": r["arch"], "latencyMs": r["latencyMs"], "macs": m}))
PY
