#!/usr/bin/python3
"""Kendall tau-b of the search's proxy trained at other learning rates against the seed-averaged 10x reference, each
paired with the proxy at today's rate: the same architectures, the same shared seed (`--same-low-seed`: the same
1,000 images in the same order, the same initial weights), so the rate is the only difference.

Usage: /usr/bin/python3 benchmarks/proxy_lr_tau.py SET:REFERENCE:BASE:LR=VARIANT[:LR=VARIANT ...] [...]
  REFERENCE: a study holding highAccuracy and highRepeatAccuracy (`--repeat-high`);
  BASE: `--same-low-seed --high-from REFERENCE` at today's rate (its first proxy run, lowAccuracy, is compared);
  VARIANT: the same with `--lr LR --high-lr <today's rate>`.
Groups with the same SET name are pooled (two random draws). Prints per set, proxy run (the first seed, and the
second, lowRepeatAccuracy, when every file has it: `--repeat-low`) and rate: tau-b [90% bootstrap], the paired
difference from today's rate with the same seed over the same bootstrap resamples [90%], the mean proxy accuracy, and
the median seconds per architecture.
"""
import sys

import numpy as np

from signals_tau import read, reference, resample_picks, tau_b, tau_text, trained_ok


def by_genotype(path):
    return {r["genotype"]: r for r in read(path)}


def main():
    sets = {}
    for group in sys.argv[1:]:
        name, ref_path, base_path, *variants = group.split(":")
        ref = by_genotype(ref_path)
        base = by_genotype(base_path)
        runs = {"today": base} | {v.split("=", 1)[0]: by_genotype(v.split("=", 1)[1]) for v in variants}
        s = sets.setdefault(name, {})
        keep = [g for g in ref if trained_ok(ref[g], ("high", "highRepeat"))
                and all(g in run and trained_ok(run[g], ("low", "lowRepeat")) for run in runs.values())]
        for label, run in runs.items():
            s.setdefault(label, {"ref": [], "rows": []})
            s[label]["ref"] += [ref[g] for g in keep]
            s[label]["rows"] += [run[g] for g in keep]
    print("| set | proxy learning rate | proxy run | architectures | tau-b [90%] | minus today's rate [90%] | "
          "mean proxy accuracy % | median s/arch |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, runs in sets.items():
        ref = reference(runs["today"]["ref"])
        picks = resample_picks(len(ref))
        for field, run_label in (("lowAccuracy", "first seed"), ("lowRepeatAccuracy", "second seed")):
            if not all(field in r for run in runs.values() for r in run["rows"]):
                continue
            today = np.array([r[field] for r in runs["today"]["rows"]])
            for label, run in runs.items():
                acc = np.array([r[field] for r in run["rows"]])
                diffs = [tau_b(acc[p], ref[p]) - tau_b(today[p], ref[p]) for p in picks]
                diff = tau_b(acc, ref) - tau_b(today, ref)
                paired = "-" if label == "today" else (
                    f"{diff:+.2f} [{np.quantile(diffs, 0.05):+.2f}..{np.quantile(diffs, 0.95):+.2f}]")
                seconds = np.median([r["lowSeconds"] for r in run["rows"]])
                print(f"| {name} | {label} | {run_label} | {len(ref)} | {tau_text(acc, ref, picks)} | {paired} | "
                      f"{100 * acc.mean():.1f} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
