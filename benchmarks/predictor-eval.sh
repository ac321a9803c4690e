#!/usr/bin/env bash
# Held-out error of the kernel-linear latency predictor (and the per-edge LUT baseline) for every device column of
# the benchmark tables, cross-space error, and the transfer table: every model variant tried for Pixel 3 with
# leave-one-space-out error both ways and k-fold within-space error (benchmarks/PredictorEval.java).
# Usage: benchmarks/predictor-eval.sh [TABLES] [FOLDS] [SEED] [MODE [FILTER]]
#   TABLES: builtin (default: the nb201 and fbnet tables built into nas) or a directory holding the source files
#   nb201.csv, nb201_help_extra_latency.csv and fbnet_c100_latency.csv.
#   MODE: all (default: the report and every variant), variants (the variant table only), loso (variants,
#   leave-one-space-out only), rscan (the byte cost r of kernel-shared: within-space 5-fold and both LOSO directions
#   for each r), rsel (r chosen by extrapolation inside the fitted table: split at the median of intensity, MACs,
#   bytes or kernels), unique (leave-one-space-out with one NB201 row per isomorphism class), dump R (FBNet-fitted r=R predictions of every NB201 row as CSV); FILTER keeps variants whose name
#   contains it.
set -euo pipefail
cd "$(dirname "$0")/.."
TABLES="${1:-builtin}"
mvn -B -o -q package -DskipTests -pl cli -am
exec java -Xmx4g -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" benchmarks/PredictorEval.java "$TABLES" "${2:-5}" "${3:-1}" "${@:4}"
