#!/usr/bin/python3
"""The highest Kendall tau-b any accuracy signal can be expected to reach against the seed-averaged 10x reference,
given how much that reference itself varies between training seeds (issue 18, part 3).

Model: each 10x run's accuracy is the architecture's true 10x accuracy plus independent seed noise of one variance.
The noise variance is estimated from the two seeds' differences, the true accuracies' variance from the rest; the
true values are the two-seed means shrunk toward their average by the mean's reliability. A perfect signal (the true
values themselves) is then ranked against freshly simulated two-seed means, 4,000 times.

Usage: /usr/bin/python3 benchmarks/reference_ceiling.py SET:FIDELITY.jsonl [SET:FIDELITY.jsonl ...]
FIDELITY is a `nas benchmark fidelity --repeat-high` output; files with the same SET name are pooled.
"""
import json
import math
import sys

import numpy as np

from signals_tau import tau_b

SIMULATIONS = 4000


def high_pairs(path):
    """(highAccuracy, highRepeatAccuracy) of every architecture whose two 10x runs both finished."""
    out = []
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            if "index" in d and d.get("highStatus") == "OK" and d.get("highRepeatStatus") == "OK":
                out.append((d["highAccuracy"], d["highRepeatAccuracy"]))
    return out


def main(args):
    sets = {}
    for arg in args:
        name, path = arg.split(":", 1)
        sets.setdefault(name, []).extend(high_pairs(path))
    rng = np.random.default_rng(1)
    print("| set | architectures | tau-b, seed A vs seed B | seed noise sd (points) | true sd (points) "
          "| reliability of the 2-seed mean | ceiling: perfect signal vs 2-seed mean, mean [5%..95%] |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, pairs in sets.items():
        a = np.array(pairs)
        mean = a.mean(axis=1)
        noise = np.var(a[:, 0] - a[:, 1], ddof=1) / 2
        true = max(np.var(mean, ddof=1) - noise / 2, 1e-12)
        reliability = true / (true + noise / 2)
        truth = mean.mean() + reliability * (mean - mean.mean())
        sims = np.array([tau_b(truth, truth + rng.normal(0, math.sqrt(noise / 2), len(a)))
                         for _ in range(SIMULATIONS)])
        print(f"| {name} | {len(a)} | {tau_b(a[:, 0], a[:, 1]):.2f} | {math.sqrt(noise) * 100:.2f} "
              f"| {math.sqrt(true) * 100:.2f} | {reliability:.2f} | {sims.mean():.2f} "
              f"[{np.quantile(sims, 0.05):.2f}..{np.quantile(sims, 0.95):.2f}] |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
