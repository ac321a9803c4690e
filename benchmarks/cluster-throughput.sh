#!/usr/bin/env bash
# Distributed evaluation on this machine, every member its own JVM (see docs/distributed.md):
#  1. evaluations per minute of a small training-mode search: local --jobs 1, and a coordinator (--jobs 0) with 1 and
#     with 2 single-job workers; the variants interleaved, ROUNDS rounds, seed = round;
#  2. the same three variants on a tabular search whose evaluations sleep --eval-delay-ms TABLE_DELAY_MS (default
#     500): evaluations of a fixed cost that needs no CPU, so the cluster's own scaling and its coordination overhead
#     per task (60000/rate of 1 worker - 60000/rate of local, in ms) show even on a loaded machine.
# SKIP_TRAIN=1 runs part 2 only.
# Rates count evaluations after the first over the time from the first to the last line of candidates.jsonl (JVM
# start, dataset loading, the cluster join and the front's final training left out): cluster-throughput.py.
#
# Usage: benchmarks/cluster-throughput.sh [ROUNDS] [EVALUATIONS]
# Needs: mvn -B -o -q package -DskipTests   (cli/target/nas4j-cli.jar and cli/target/lib; NAS_CP=... overrides the
# classpath, e.g. a copy of them, so that a build during the benchmark does not swap the jars under it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
EVALS=${2:-12}
CP=${NAS_CP:-"cli/target/nas4j-cli.jar:cli/target/lib/*"}
NAS=(java -cp "$CP" org.nas4j.cli.Main)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export OMP_NUM_THREADS=1
PORT=$((42000 + RANDOM % 15000))
TRAIN=(search --space darts --target pixel --cells 2 --channels 8 --epochs 1 --train-images 256 --final-epochs 1
  --final-train-images 64 --final-members 0 --population 4 --evaluations "$EVALS"
  --dataset fashion-mnist:embedded -q)
TABLE=(search --space nb201 --table ../shared/benchmarks/nb201.csv --accuracy-column cifar10_test_acc
  --latency-column hw_c10_pixel3_latency_ms --evaluations 40 --eval-delay-ms "${TABLE_DELAY_MS:-500}" -q)

# Starts N single-job workers in cluster NAME on ports from PORT; waits until all have joined.
start_workers() {
  local name=$1 n=$2 i
  PIDS=()
  for i in $(seq 1 "$n"); do
    "${NAS[@]}" worker --cluster-name "$name" --port $((PORT + 50 * i)) --join "127.0.0.1:$((PORT + 50))" --jobs 1 \
      > "$WORK/$name-$i.log" 2>&1 &
    PIDS+=($!)
  done
  for _ in $(seq 1 600); do
    if grep -q "in cluster .*, $n member" "$WORK/$name-$n.log" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "workers of $name did not start" >&2; cat "$WORK/$name"-*.log >&2; exit 1
}

stop_workers() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}

# run LABEL OUT NAS_ARGS...: one search, its JSON line labelled
run() {
  local label=$1 out=$2
  shift 2
  printf '%-22s %s\n' "$label" "$(python3 benchmarks/cluster-throughput.py "$out" -- "${NAS[@]}" "$@" --out "$out")"
}

echo "# $(date -u +%FT%TZ)  machine: $(getconf _NPROCESSORS_ONLN) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# uptime before: $(uptime)"
echo "# shared with other builds and tests running at the same time; each member its own JVM, OMP_NUM_THREADS=1"
# variants KIND ROUND SEARCH_ARGS...: local --jobs 1, then 1 and 2 single-job workers; checks 2 workers = local
variants() {
  local kind=$1 r=$2 n
  shift 2
  run "$kind local jobs1 r$r" "$WORK/$kind-0-$r" "$@" --seed "$r" --jobs 1
  for n in 1 2; do
    start_workers "$kind$n-r$r" "$n"
    run "$kind $n worker(s) r$r" "$WORK/$kind-$n-$r" "$@" --seed "$r" --jobs 0 \
      --cluster "127.0.0.1:$((PORT + 50))" --cluster-name "$kind$n-r$r"
    stop_workers
  done
  scripts/same-run.sh "$WORK/$kind-0-$r" "$WORK/$kind-2-$r" | sed "s/^/# r$r local vs 2 workers: /"
}

echo "# training: ${TRAIN[*]}"
for r in $(seq 1 "$ROUNDS"); do
  [ "${SKIP_TRAIN:-0}" = 1 ] && break
  variants train "$r" "${TRAIN[@]}"
done
echo "# fixed-cost evaluations: ${TABLE[*]}"
for r in $(seq 1 "$ROUNDS"); do
  variants table "$r" "${TABLE[@]}"
done
echo "# uptime after: $(uptime)"
