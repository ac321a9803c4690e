#!/usr/bin/python3
"""Kendall tau-b between low- and high-budget accuracy over the rows of one or more `nas benchmark fidelity` outputs
(JSON lines; runs with different --seed draw different architectures and can be pooled). Also prints mean costs, and
for runs with --repeat-high the tau between the two high-budget runs (the high budget's own noise: a practical ceiling
for any cheap budget), for runs with --repeat-low the tau between the two low-budget runs (how much of the cheap
budget's own ranking repeats) and of their mean against the high budget, and a 90% bootstrap interval of every tau.
Usage: /usr/bin/python3 benchmarks/fidelity_tau.py FILE.jsonl [FILE.jsonl ...]
"""
import json
import math
import random
import sys


def tau_b(a, b):
    c = d = ta = tb = n = 0
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            n += 1
            sa = (a[i] > a[j]) - (a[i] < a[j])
            sb = (b[i] > b[j]) - (b[i] < b[j])
            ta += sa == 0
            tb += sb == 0
            if sa and sb:
                c += sa == sb
                d += sa != sb
    den = math.sqrt((n - ta) * (n - tb))
    return (c - d) / den if den else float("nan")


def interval(a, b, resamples=2000):
    """90% bootstrap interval of tau-b over the architectures (seeded: the same files print the same interval)."""
    rng = random.Random(1)
    n = len(a)
    taus = []
    for _ in range(resamples):
        pick = [rng.randrange(n) for _ in range(n)]
        t = tau_b([a[i] for i in pick], [b[i] for i in pick])
        if not math.isnan(t):
            taus.append(t)
    taus.sort()
    return taus[int(0.05 * len(taus))], taus[int(0.95 * len(taus)) - 1]


def report(label, a, b):
    lo_ci, hi_ci = interval(a, b)
    print(f"kendall tau-b ({label}): {tau_b(a, b):.3f}  [90% bootstrap {lo_ci:.2f}..{hi_ci:.2f}]")


def repeated(key, first):
    """The repeated run's accuracies (one per row) and their means with the first run's, or (None, None) unless
    every row has one."""
    values = [r[key] for r in rows if key in r]
    if not rows or len(values) != len(rows):
        return None, None
    return values, [(a + b) / 2 for a, b in zip(first, values)]


rows = []
for f in sys.argv[1:]:
    for line in open(f):
        r = json.loads(line)
        if "index" in r and r["lowStatus"] == "OK" and r["highStatus"] == "OK" \
                and r.get("highRepeatStatus", "OK") == "OK" and r.get("lowRepeatStatus", "OK") == "OK":
            rows.append(r)
lo = [r["lowAccuracy"] for r in rows]
hi = [r["highAccuracy"] for r in rows]
print(f"architectures: {len(rows)}")
report("low vs high", lo, hi)
print(f"mean low accuracy {sum(lo) / len(lo):.3f}, mean high accuracy {sum(hi) / len(hi):.3f}")
print(f"mean seconds per candidate: low {sum(r['lowSeconds'] for r in rows) / len(rows):.1f}, "
      f"high {sum(r['highSeconds'] for r in rows) / len(rows):.1f}")
print(f"high accuracy range {min(hi):.3f}..{max(hi):.3f}")
# the top of the high-budget ranking: is the low budget's best among them?
if rows:
    best_low = max(range(len(rows)), key=lambda i: lo[i])
    rank = sorted(hi, reverse=True).index(hi[best_low]) + 1
    print(f"low budget's best architecture ranks {rank} of {len(rows)} under the high budget")
if rows and all("lowLoss" in r for r in rows):
    # A lower training loss should mean a higher accuracy: rank by its negative.
    neg_loss = [-r["lowLoss"] for r in rows]
    report("low training loss vs high", neg_loss, hi)
rep, mean = repeated("highRepeatAccuracy", hi)
if rep:
    report("high vs repeated high, the practical ceiling", hi, rep)
    report("low vs mean of both highs", lo, mean)
    report("low vs repeated high", lo, rep)
    if all("lowLoss" in r for r in rows):
        report("low training loss vs mean of both highs", neg_loss, mean)
low_rep, low_mean = repeated("lowRepeatAccuracy", lo)
if low_rep:
    report("low vs repeated low, the cheap budget's own repeatability", lo, low_rep)
    report("mean of both lows vs high", low_mean, hi)
    if rep:
        report("mean of both lows vs mean of both highs", low_mean, mean)
    print(f"mean seconds per repeated low candidate: {sum(r['lowRepeatSeconds'] for r in rows) / len(rows):.1f}")
