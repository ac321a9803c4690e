#!/usr/bin/env bash
# Speed of the Pixel 3 predictor (issue 19 budget: predict 1,000 architectures < 10 s, fit < 1 min on 2 cores).
# Times, each ROUNDS times interleaved: nas predict on 1,000 NB201 arch strings (the first 1,000 rows of nb201.csv,
# kernel-linear), on 1,000 DARTS genotypes (the 20 in benchmarks/results/fidelity-search-candidates-genotypes.txt
# repeated; kernel-shared, each network built and lowered), on 1,000 distinct random DARTS genotypes (seeded), and
# the fit of the built-in predictor on both tables
# (nas targets fit, 5-fold CV + final fits of both models), each a fresh JVM.
# Usage: benchmarks/predict-speed.sh [BENCHMARK_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/benchmarks}"
ROUNDS="${2:-3}"
mvn -B -o -q package -DskipTests -pl cli -am
NAS=(java -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" org.nas4j.cli.Main)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$DIR/nb201.csv" "$TMP/nb201.txt" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f, open(sys.argv[2], "w") as out:
    for i, row in enumerate(csv.DictReader(f)):
        if i == 1000:
            break
        out.write(row["arch"] + "\n")
PY
grep -v '^#' benchmarks/results/fidelity-search-candidates-genotypes.txt > "$TMP/g.txt"
for i in $(seq 50); do cat "$TMP/g.txt"; done | head -1000 > "$TMP/darts.txt"
python3 - "$TMP/distinct.txt" <<'PY'
import random, sys
random.seed(1)
ops = ["sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5", "max_pool_3x3", "avg_pool_3x3", "skip_connect"]
def cell():
    return "[" + ", ".join("('%s', %d)" % (random.choice(ops), random.randrange(n + 2))
                           for n in range(4) for _ in range(2)) + "]"
with open(sys.argv[1], "w") as out:
    for _ in range(1000):
        out.write("Genotype(normal=%s, normal_concat=[2, 3, 4, 5], reduce=%s, reduce_concat=[2, 3, 4, 5])\n"
                  % (cell(), cell()))
PY
echo "# $(nproc) cores; uptime: $(uptime)"
for r in $(seq "$ROUNDS"); do
  for job in nb201 darts distinct fit; do
    start=$(date +%s.%N)
    case $job in
      nb201) "${NAS[@]}" predict --target pixel --space nb201 --arch-file "$TMP/nb201.txt" | wc -l > "$TMP/n" ;;
      darts) "${NAS[@]}" predict --target pixel --space darts --arch-file "$TMP/darts.txt" | wc -l > "$TMP/n" ;;
      distinct) "${NAS[@]}" predict --target pixel --space darts --arch-file "$TMP/distinct.txt" | wc -l > "$TMP/n" ;;
      fit) "${NAS[@]}" targets fit \
          --space nb201 --table "$DIR/nb201.csv" --arch-column arch --latency-column hw_c10_pixel3_latency_ms \
          --space fbnet --table "$DIR/fbnet_c100_latency.csv" --arch-column ops --latency-column hw_pixel3_latency_ms \
          --folds 5 --seed 1 --device "Pixel 3" --runtime "TFLite float32 CPU" --out "$TMP/fit.json" > /dev/null
        echo 1 > "$TMP/n" ;;
    esac
    end=$(date +%s.%N)
    printf 'round %d  %-8s %5d lines  %.2f s  (load %s)\n' "$r" "$job" "$(cat "$TMP/n")" "$(echo "$end - $start" | bc)" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "# uptime after: $(uptime)"
