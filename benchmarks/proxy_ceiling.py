#!/usr/bin/python3
"""How far a proxy could rank if its training noise were averaged away: the classical correction for attenuation,
applied to the proxy and the seed-averaged 10x reference (issue 18, part 3).

Each architecture's proxy accuracy is read as its proxy "true score" plus seed noise, and likewise each 10x run. Two
proxy runs with different seeds give the proxy's test-retest reliability, the two 10x runs the reference's; the
correlation of the proxy's true score with the 10x true score is then the observed proxy-reference correlation
divided by the square root of both reliabilities. All correlations are Pearson on normal scores (ranks mapped to
standard normal quantiles, so a few broken cells do not dominate), and a correlation r between normal scores is
turned into Kendall's tau by Greiner's relation, tau = 2/pi * arcsin(r). From that: the tau to expect of the mean of k
proxy runs (k times the cost; Spearman-Brown) against the two-seed 10x mean, k = 1, 2, 4 and the noise-free limit.

Usage: /usr/bin/python3 benchmarks/proxy_ceiling.py SET:REFERENCE.jsonl:PROXY.jsonl [...]
  REFERENCE holds highAccuracy and highRepeatAccuracy (`--repeat-high`), PROXY lowAccuracy and lowRepeatAccuracy
  (`--repeat-low`), joined by genotype; groups with the same SET are pooled (normal scores within each group).
Intervals: 90% bootstrap over architectures (seeded; resamples whose reliabilities are not positive are dropped).
"""
import math
import statistics
import sys

import numpy as np

from signals_tau import ranks, read, trained_ok

RESAMPLES = 2000


def normal_scores(x):
    n = len(x)
    unit = statistics.NormalDist()
    return np.array([unit.inv_cdf((r + 0.5) / n) for r in ranks(np.asarray(x))])


def greiner(r):
    return 2 / math.pi * math.asin(max(-1.0, min(1.0, r)))


def load(group):
    name, ref_path, proxy_path = group.split(":")
    ref = {r["genotype"]: r for r in read(ref_path) if trained_ok(r, ("high", "highRepeat"))}
    rows = [(ref[p["genotype"]], p) for p in read(proxy_path)
            if p["genotype"] in ref and trained_ok(p, ("low", "lowRepeat"))]
    cols = [[r["highAccuracy"] for r, _ in rows], [r["highRepeatAccuracy"] for r, _ in rows],
            [p["lowAccuracy"] for _, p in rows], [p["lowRepeatAccuracy"] for _, p in rows]]
    return name, np.array([normal_scores(c) for c in cols]).T


def figures(z):
    """(proxy reliability, reference-mean reliability, observed r, true r, expected tau for k = 1, 2, 4, inf)."""
    h1, h2, p1, p2 = z.T
    c = np.corrcoef(z.T)
    rel_high = c[0, 1]
    rel_ref = 2 * rel_high / (1 + rel_high)
    rel_proxy = c[2, 3]
    ref = (h1 + h2) / 2
    observed = (np.corrcoef(p1, ref)[0, 1] + np.corrcoef(p2, ref)[0, 1]) / 2
    if rel_proxy <= 0 or rel_high <= 0:
        return None
    true_r = observed / math.sqrt(rel_proxy * rel_ref)
    taus = [greiner(true_r * math.sqrt(rel_ref * k * rel_proxy / (1 + (k - 1) * rel_proxy))) for k in (1, 2, 4)]
    taus.append(greiner(true_r * math.sqrt(rel_ref)))
    return [rel_proxy, rel_ref, observed, true_r] + taus


def main(args):
    sets = {}
    for group in args:
        name, z = load(group)
        sets.setdefault(name, []).append(z)
    print("| set | architectures | proxy run vs run (r) | reference reliability | proxy vs reference (r) | "
          "proxy truth vs 10x truth (r) [90%] | expected tau: 1 run | 2 runs | 4 runs | noise-free [90%] |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    rng = np.random.default_rng(1)
    for name, parts in sets.items():
        z = np.vstack(parts)
        f = figures(z)
        boots = [b for b in (figures(z[rng.integers(0, len(z), len(z))]) for _ in range(RESAMPLES)) if b]
        true_lo, true_hi = np.quantile([b[3] for b in boots], [0.05, 0.95])
        inf_lo, inf_hi = np.quantile([b[7] for b in boots], [0.05, 0.95])
        print(f"| {name} | {len(z)} | {f[0]:.2f} | {f[1]:.2f} | {f[2]:.2f} | {f[3]:.2f} [{true_lo:.2f}..{true_hi:.2f}] "
              f"| {f[4]:.2f} | {f[5]:.2f} | {f[6]:.2f} | {f[7]:.2f} [{inf_lo:.2f}..{inf_hi:.2f}] |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
