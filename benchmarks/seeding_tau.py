#!/usr/bin/python3
"""Compares two ways of seeding the proxy against the seed-averaged 10x reference: each architecture trained with its
own seed (`nas benchmark fidelity` default: architecture i uses seed + i, its own 1,000 training images, data order
and initial weights) and every architecture trained with one shared seed (`--same-low-seed`: the same images in the
same order, as `nas search` trains every candidate with the run's seed). Both outputs need `--repeat-low` (two seeds
each) and the same architectures in the same order with the same 10x results (the SHARED output's `--high-from` is
OWN or OWN's own source); the reference, the mean of both 10x runs, is read from OWN (`--repeat-high`).

Usage: /usr/bin/python3 benchmarks/seeding_tau.py SET:OWN.jsonl:SHARED.jsonl [SET:OWN:SHARED ...]

Groups with the same SET name are pooled (two random draws). Per set and seeding: tau-b [90% bootstrap] of the first
and of the second proxy run, of their mean, the two runs' agreement with each other, and the proxy's seed noise (sd of
one run in accuracy points, from the two runs' differences).
"""
import sys

import numpy as np

from signals_tau import read, reference, resample_picks, tau_b, tau_text, trained_ok


def main():
    sets = {}
    for group in sys.argv[1:]:
        name, own_path, shared_path = group.split(":")
        own, shared = read(own_path), read(shared_path)
        if [r["genotype"] for r in own] != [r["genotype"] for r in shared]:
            sys.exit(f"{own_path} and {shared_path} do not hold the same architectures in the same order")
        keep = [i for i in range(len(own)) if trained_ok(own[i]) and trained_ok(shared[i])]
        s = sets.setdefault(name, {"own": [], "shared": []})
        s["own"] += [own[i] for i in keep]
        s["shared"] += [shared[i] for i in keep]
    print("| set | seeding | architectures | run 1 | run 2 | mean of both (2x cost) | run 1 vs run 2 | "
          "seed noise sd (points) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, s in sets.items():
        ref = reference(s["own"])
        if [r["highAccuracy"] for r in s["own"]] != [r["highAccuracy"] for r in s["shared"]]:
            sys.exit(f"set {name}: the two outputs have different 10x results")
        picks = resample_picks(len(ref))
        for seeding in ("own", "shared"):
            rows = s[seeding]
            a = np.array([r["lowAccuracy"] for r in rows])
            b = np.array([r["lowRepeatAccuracy"] for r in rows])
            noise = 100 * np.std(a - b, ddof=1) / np.sqrt(2)
            label = "own seed per architecture" if seeding == "own" else "one shared seed (as nas search)"
            print(f"| {name} | {label} | {len(ref)} | {tau_text(a, ref, picks)} | {tau_text(b, ref, picks)} | "
                  f"{tau_text((a + b) / 2, ref, picks)} | {tau_b(a, b):.2f} | {noise:.1f} |")


if __name__ == "__main__":
    main()
