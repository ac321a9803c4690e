#!/usr/bin/env bash
# Training speed of DL4J (through nas4j) vs PyTorch on the same reference networks, interleaved network by network
# (the machine is shared: each DL4J measurement is followed directly by its PyTorch twin). Prints one JSON line per
# measurement and a summary table with images/s and the DL4J/PyTorch ratio; the load average before and after.
# Usage: benchmarks/train-speed.sh [NETS] [SECONDS]      (build first: mvn -B -o -q package -DskipTests)
# DL4J runs with 1 and with 2 OpenMP threads (-Dnas4j.dl4j.threads), PyTorch with 2 and 1 threads; all on the
# first two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
NETS=${1:-plain-28x28x1,dwsep-28x28x1,plain-32x32x3,dwsep-32x32x3,darts_v2-28x28x1,darts_nodil-28x28x1}
SECONDS_PER_WINDOW=${2:-2}
CP="cli/target/nas4j-cli.jar:cli/target/lib/*"
PY=/usr/bin/python3
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)  cpu: $(nproc) cores" >&2
for net in ${NETS//,/ }; do
  for t in 1 2; do
    taskset -c 0,1 java -Dnas4j.dl4j.threads=$t -cp "$CP" org.nas4j.cli.Main benchmark train-speed --nets "$net" \
      --seconds "$SECONDS_PER_WINDOW" 2>/dev/null | tee -a "$OUT"
  done
  for t in 2 1; do
    taskset -c 0,1 "$PY" benchmarks/train_speed_torch.py --nets "$net" --threads $t --seconds "$SECONDS_PER_WINDOW" \
      | tee -a "$OUT"
  done
  echo "# load after $net: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
"$PY" - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
by = {}
for r in rows:
    by.setdefault(r["net"], {})[(r["framework"], r["threads"])] = r["imagesPerSecond"]
print(f"{'network':22} {'dl4j t1':>8} {'dl4j t2':>8} {'torch t2':>9} {'torch t1':>9} {'best dl4j/best torch':>21}")
for net, m in by.items():
    d = max(v for (f, _), v in m.items() if f == "dl4j")
    p = max(v for (f, _), v in m.items() if f == "pytorch")
    g = lambda f, t: m.get((f, t), float("nan"))
    print(f"{net:22} {g('dl4j',1):8.0f} {g('dl4j',2):8.0f} {g('pytorch',2):9.0f} {g('pytorch',1):9.0f} {d/p:21.2f}")
PY
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
