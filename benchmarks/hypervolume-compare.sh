#!/usr/bin/env bash
# Our hypervolume (org.nas4j.search.strategy.Hypervolumes, used by the surrogate screen) against MOEA Framework's
# Hypervolume indicator on 300 random non-dominated fronts of 2, 3 and 4 objectives: how many values differ (and by
# how much), and the time per front, measured interleaved. Usage: benchmarks/hypervolume-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q package -DskipTests -pl cli -am
for m in 2 3 4; do
  java -cp "cli/target/nas4j-cli.jar:cli/target/lib/*" benchmarks/HypervolumeCompare.java "$m" 2>/dev/null
done
