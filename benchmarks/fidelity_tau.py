#!/usr/bin/python3
"""Kendall tau-b between low- and high-budget accuracy over the rows of one or more `nas benchmark fidelity` outputs
(JSON lines; runs with different --seed draw different architectures and can be pooled). Also prints mean costs, and
for runs with --repeat-high the tau between the two high-budget runs (the ceiling of any cheap budget).
Usage: /usr/bin/python3 benchmarks/fidelity_tau.py FILE.jsonl [FILE.jsonl ...]
"""
import json
import math
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


rows = []
for f in sys.argv[1:]:
    for line in open(f):
        r = json.loads(line)
        if "index" in r and r["lowStatus"] == "OK" and r["highStatus"] == "OK" \
                and r.get("highRepeatStatus", "OK") == "OK":
            rows.append(r)
lo = [r["lowAccuracy"] for r in rows]
hi = [r["highAccuracy"] for r in rows]
print(f"architectures: {len(rows)}")
print(f"kendall tau-b (low vs high): {tau_b(lo, hi):.3f}")
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
    print(f"kendall tau-b (low training loss vs high): {tau_b(neg_loss, hi):.3f}")
rep = [r["highRepeatAccuracy"] for r in rows if "highRepeatAccuracy" in r]
if len(rep) == len(rows) and rows:
    mean = [(a + b) / 2 for a, b in zip(hi, rep)]
    print(f"kendall tau-b (high vs repeated high, the ceiling): {tau_b(hi, rep):.3f}")
    print(f"kendall tau-b (low vs mean of both highs): {tau_b(lo, mean):.3f}")
    print(f"kendall tau-b (low vs repeated high): {tau_b(lo, rep):.3f}")
    if all("lowLoss" in r for r in rows):
        print(f"kendall tau-b (low training loss vs mean of both highs): {tau_b(neg_loss, mean):.3f}")
