#!/usr/bin/env bash
# Compares two run directories of `nas search`: their candidates.jsonl and pareto.json must be identical apart from
# what a run cannot repeat (wall-time fields: candidates' timingsMs, the export's timings in seconds).
# Usage: scripts/same-run.sh RUN_A RUN_B     exit 0 when the same, 1 with a diff when not, 2 on bad input.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 RUN_A RUN_B" >&2
  exit 2
fi
command -v jq >/dev/null || { echo "same-run.sh: jq is required" >&2; exit 2; }
for d in "$1" "$2"; do
  for f in candidates.jsonl pareto.json; do
    [ -f "$d/$f" ] || { echo "same-run.sh: $d/$f: no such file" >&2; exit 2; }
  done
done
# Drops every key that holds a wall time (timingsMs, *Seconds, *Ms of timings), keeping objectives untouched.
strip='walk(if type == "object" then with_entries(select(.key != "timingsMs" and (.key | test("Seconds$") | not))) else . end)'
status=0
for f in candidates.jsonl pareto.json; do
  if ! diff <(jq -c "$strip" "$1/$f") <(jq -c "$strip" "$2/$f") >/dev/null; then
    echo "$f differs:"
    diff <(jq -c "$strip" "$1/$f") <(jq -c "$strip" "$2/$f") | head -20
    status=1
  fi
done
[ $status -eq 0 ] && echo "same: candidates.jsonl and pareto.json of $1 and $2 (wall times aside)"
exit $status
