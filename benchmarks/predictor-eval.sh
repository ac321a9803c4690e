#!/usr/bin/env bash
# Held-out error of the kernel-linear latency predictor (and the per-edge LUT baseline) for every device column of
# the shared benchmark tables, cross-space error, and the transfer table: every model variant tried for Pixel 3 with
# leave-one-space-out error both ways and k-fold within-space error (benchmarks/PredictorEval.java).
# Usage: benchmarks/predictor-eval.sh [BENCHMARK_DIR] [FOLDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/benchmarks}"
mvn -B -o -q package -DskipTests -pl cli -am
exec java -Xmx4g -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" benchmarks/PredictorEval.java "$DIR" "${2:-5}" "${3:-1}"
