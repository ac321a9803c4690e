#!/usr/bin/env bash
# Training speed of DL4J (through nas4j) vs PyTorch on the same reference networks, interleaved network by network
# (the machine is shared: each DL4J measurement is followed directly by its PyTorch twin). Prints one JSON line per
# measurement and a summary table with images/s and the DL4J/PyTorch ratio; the load average before and after.
# Usage: benchmarks/train-speed.sh [NETS] [SECONDS]      (build first: mvn -B -o -q package -DskipTests)
# Each framework runs one network with 1 and with 2 threads (DL4J: OpenMP threads, -Dnas4j.dl4j.threads), and two
# copies at once with 1 thread each (--jobs 2: how the search trains its candidates); DL4J also trains one network
# data-parallel on 2 threads (--shards 2: each minibatch in two halves, what 'nas train --threads 2' does); all on the
# first two cores. DL4J runs with bin/nas's JVM options (-XX:+UseSerialGC: G1's concurrent threads compete for the
# 2 cores).
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
  for tjs in 1:1:1 2:1:1 1:1:2 1:2:1; do
    IFS=: read -r t j s <<<"$tjs"
    taskset -c 0,1 java -XX:+UseSerialGC -Dnas4j.dl4j.threads=$t -cp "$CP" org.nas4j.cli.Main benchmark train-speed \
      --nets "$net" --jobs $j --shards $s --seconds "$SECONDS_PER_WINDOW" 2>/dev/null | tee -a "$OUT"
  done
  for tj in 2:1 1:1 1:2; do
    taskset -c 0,1 "$PY" benchmarks/train_speed_torch.py --nets "$net" --threads ${tj%:*} --jobs ${tj#*:} \
      --seconds "$SECONDS_PER_WINDOW" | tee -a "$OUT"
  done
  echo "# load after $net: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
"$PY" - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
by = {}
for r in rows:
    t = r["threads"] * r.get("shards", 1)
    mode = "dp" if r.get("shards", 1) > 1 else ""
    by.setdefault(r["net"], {})[(r["framework"], t, r.get("jobs", 1), mode)] = r["imagesPerSecond"]
cols = [("dl4j", 1, 1, ""), ("dl4j", 2, 1, ""), ("dl4j", 2, 1, "dp"), ("dl4j", 1, 2, ""),
        ("pytorch", 2, 1, ""), ("pytorch", 1, 1, ""), ("pytorch", 1, 2, "")]
head = " ".join(f"{f[:5] + ' ' + str(t) + 'x' + str(j) + (' dp' if m else ''):>13}" for f, t, j, m in cols)
print(f"{'network':22} {head} {'best/best':>10} {'one net':>8} {'1x2/1x2':>8}")
print("(TxJ: T threads, J copies at once; dp: one network data-parallel, minibatch in T parts; one net: best DL4J "
      "2-thread single network / PyTorch 2x1)")
for net, m in by.items():
    g = lambda k: m.get(k, float("nan"))
    d = max(v for k, v in m.items() if k[0] == "dl4j")
    p = max(v for k, v in m.items() if k[0] == "pytorch")
    one = max(g(("dl4j", 2, 1, "")), g(("dl4j", 2, 1, "dp"))) / g(("pytorch", 2, 1, ""))
    vals = " ".join(f"{g(k):13.0f}" for k in cols)
    print(f"{net:22} {vals} {d / p:10.2f} {one:8.2f} {g(('dl4j', 1, 2, '')) / g(('pytorch', 1, 2, '')):8.2f}")
PY
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
