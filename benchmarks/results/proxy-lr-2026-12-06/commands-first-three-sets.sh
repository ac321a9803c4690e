#!/bin/bash
# proxy learning-rate variants, the search's seeding, against the seed-averaged 10x reference
cd /work/bench
R=benchmarks/results
common="--same-low-seed --jobs 2 --validation-images 10000 --low-validation-images 1000"
for lr in 0.1 0.025; do
  bin/nas benchmark fidelity --architectures 20 --seed 1 $common --lr $lr --high-lr 0.05 --high-from $R/fidelity-val10k.jsonl > /work/lr/random1-lr$lr.jsonl
  bin/nas benchmark fidelity --architectures 20 --seed 2 $common --lr $lr --high-lr 0.05 --high-from $R/fidelity-val10k-seed2.jsonl > /work/lr/random2-lr$lr.jsonl
  bin/nas benchmark fidelity --genotypes $R/fidelity-search-candidates-genotypes.txt --seed 1 $common --lr $lr --high-lr 0.05 --high-from $R/fidelity-search-candidates.jsonl > /work/lr/cand-lr$lr.jsonl
done
date
