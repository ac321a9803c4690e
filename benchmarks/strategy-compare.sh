#!/usr/bin/env bash
# NSGA-II against random search at equal wall time on the README's main job (issue 18, part 2): for each seed, the
# default `nas search --target pixel` once with --strategy nsga2 and once with --strategy random (same budget, time
# limit and final stage), then benchmarks/strategy_compare.py reports per run and on average the hypervolume of the
# trained front in (test error, predicted latency), the same at proxy level over every evaluated architecture (one
# common reference point for all runs), and the best test accuracy reached under three latency levels.
#
# Usage: benchmarks/strategy-compare.sh [--seeds 1,2,3] [--paired] [--arm LABEL OPTIONS]... [--out DIR]
#            [-- extra nas search options]
#   --paired  run the two strategies of a seed at the same time with --jobs 1 each (they then share the machine and
#             its load exactly: a fair comparison on a busy machine, at half the compute of a default run each);
#             without it the runs go one after another with the default --jobs (one per core).
#   --arm     compare other variants of the main job instead of the two strategies: each arm is a label (letters,
#             digits, _) and the nas search options it adds (one word list in one argument), e.g.
#             --arm proxy "--accuracy-signal proxy" --arm naswot "--accuracy-signal proxy+naswot"; runs of a seed go
#             one after another, the arms' order rotating from seed to seed (not with --paired).
# Results: DIR/<strategy>-seed<S>/ run directories, DIR/summary.txt (default DIR: benchmarks/results/strategy-<date>).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=1,2,3
paired=0
out="benchmarks/results/strategy-$(date +%Y-%m-%d)"
extra=()
labels=()
opts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --paired) paired=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --arm) [[ "$2" =~ ^[A-Za-z0-9_]+$ ]] || { echo "bad arm label '$2'" >&2; exit 2; }
      labels+=("$2"); opts+=("$3"); shift 3 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--seeds 1,2,3] [--paired] [--arm LABEL OPTIONS]... [--out DIR] [-- nas search options]" >&2
      exit 2 ;;
  esac
done
mkdir -p "$out"
bin/nas --version >/dev/null # build once, before anything is timed
log="$out/machine.txt"
{ date -u; nproc; grep -m1 'model name' /proc/cpuinfo || true; uptime; } >> "$log"
run() { # label seed nas-search-options...
  local s="$1" seed="$2"; shift 2
  local dir="$out/$s-seed$seed"
  if [ -f "$dir/pareto.json" ]; then echo "$dir: done before, kept"; return; fi
  rm -rf "$dir"
  local t0; t0=$(date +%s)
  bin/nas -q search --target pixel --seed "$seed" --out "$dir" "$@" ${extra[@]+"${extra[@]}"} \
    > "$dir.stdout" 2> "$dir.stderr" || echo "$dir: exit $?" >> "$log"
  echo "$s seed $seed: $(( $(date +%s) - t0 )) s wall, load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"
}
IFS=, read -ra list <<< "$seeds"
for seed in "${list[@]}"; do
  if [ ${#labels[@]} -gt 0 ]; then
    n=${#labels[@]}
    for k in $(seq 0 $(( n - 1 ))); do
      i=$(( (k + seed) % n ))
      # shellcheck disable=SC2086 # an arm's options are a word list
      run "${labels[$i]}" "$seed" ${opts[$i]}
    done
  elif [ "$paired" = 1 ]; then
    run nsga2 "$seed" --strategy nsga2 --jobs 1 & run random "$seed" --strategy random --jobs 1 & wait
  else
    # Alternate the order between seeds so that neither strategy always runs first.
    if [ $(( seed % 2 )) = 0 ]; then
      run random "$seed" --strategy random; run nsga2 "$seed" --strategy nsga2
    else
      run nsga2 "$seed" --strategy nsga2; run random "$seed" --strategy random
    fi
  fi
done
/usr/bin/python3 benchmarks/strategy_compare.py "$out" | tee "$out/summary.txt"
