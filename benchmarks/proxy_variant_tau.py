#!/usr/bin/python3
"""Kendall tau-b (90% bootstrap interval) of another proxy budget against the seed-averaged 10x reference of an
earlier fidelity study, joined by genotype, and its cost against today's proxy as recorded in that study (median of
lowSeconds per architecture; both studies' trainings ran two at a time). For proxies `--high-from` cannot compare
because their network differs from the reference's (e.g. fewer channels, as EcoNAS proposes: Zhou et al. 2020).

Usage: /usr/bin/python3 benchmarks/proxy_variant_tau.py SET:VARIANT.jsonl:REFERENCE.jsonl [SET:VARIANT:REFERENCE ...]
  VARIANT: a `nas benchmark fidelity --genotypes REFERENCE` output with the other proxy as its low budget;
  REFERENCE: a study holding lowAccuracy (today's proxy), highAccuracy and highRepeatAccuracy. Rows of one SET pool.
"""
import sys

import numpy as np

from signals_tau import read, reference, resample_picks, tau_text, trained_ok


def main():
    sets = {}
    for group in sys.argv[1:]:
        name, var_path, ref_path = group.split(":")
        ref = {r["genotype"]: r for r in read(ref_path)
               if trained_ok(r, ("low", "high", "highRepeat"))}
        s = sets.setdefault(name, [])
        for v in read(var_path):
            r = ref.get(v["genotype"])
            if r is not None and trained_ok(v, ("low",)):
                s.append((v, r))
    print("| set | architectures | today's proxy: tau-b [90%] | variant: tau-b [90%] | variant / proxy seconds |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, rows in sets.items():
        ref = reference(r for _, r in rows)
        proxy = np.array([r["lowAccuracy"] for _, r in rows])
        var = np.array([v["lowAccuracy"] for v, _ in rows])
        cost = np.median([v["lowSeconds"] for v, _ in rows]) / np.median([r["lowSeconds"] for _, r in rows])
        picks = resample_picks(len(ref))
        print(f"| {name} | {len(rows)} | {tau_text(proxy, ref, picks)} | {tau_text(var, ref, picks)} | {cost:.2f} |")


if __name__ == "__main__":
    main()
