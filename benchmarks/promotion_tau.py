#!/usr/bin/python3
"""Estimates the rank quality of multi-fidelity promotion (successive halving with one rung) from existing fidelity
studies, without training anything: every architecture gets the proxy; the best third by proxy accuracy is
"promoted" and its accuracy objective becomes that of a budget F times larger (the highest fidelity it reached);
Kendall tau-b of that objective against the seed-averaged 10x reference, with a 90% bootstrap interval.

Usage: /usr/bin/python3 benchmarks/promotion_tau.py PROXY.jsonl LARGER.jsonl F [LARGER.jsonl F ...]
       /usr/bin/python3 benchmarks/promotion_tau.py --bound PROXY.jsonl [PROXY.jsonl ...]

PROXY is a fidelity output with the proxy (lowAccuracy) and both 10x runs; each LARGER is a fidelity output of the
same architectures whose low budget is F times the proxy's (trained from scratch: a stand-in for continuing the
proxy from its checkpoint, which is what promotion would do). Cost per architecture, in proxy runs: 1 + (F - 1) / 3.
The ranking used for promotion is proxy accuracy alone; inside nas search it would be NSGA-II's rank, which also
weighs latency, so this is the estimate for the accuracy ranking only.

--bound pools the given proxy studies and prints the best tau-b any promotion of the proxy's best third could reach,
whatever the larger budget gives: the promoted architectures stay above the others (they were above them by the
proxy, and a larger budget lifts them further: in the seed-1 draw every promoted architecture's 2x and 5x accuracy,
0.755 or more, lies above every other architecture's proxy accuracy, 0.706 or less)
and are ordered among themselves exactly as the reference orders them, so only the pairs inside the promoted third
can change, each to the right order.
"""
import sys

import numpy as np

from signals_tau import read, reference, resample_picks, tau_b, tau_text


def best_third(low):
    """Indices of the architectures promotion promotes: the best third by proxy accuracy (ties in file order)."""
    return np.argsort(-low, kind="mergesort")[: len(low) // 3]


def bound(paths):
    proxy = [r for path in paths for r in read(path)]
    ref = reference(proxy)
    low = np.array([r["lowAccuracy"] for r in proxy])
    top = best_third(low)
    perfect = low.copy()
    perfect[top] = low.max() + 1 + np.argsort(np.argsort(ref[top]))
    print(f"{len(low)} architectures, best third {len(top)}: proxy tau-b {tau_b(low, ref):.2f}, "
          f"with a perfect promotion at most {tau_b(perfect, ref):.2f}")


def main():
    if sys.argv[1] == "--bound":
        bound(sys.argv[2:])
        return
    proxy = read(sys.argv[1])
    ref = reference(proxy)
    low = np.array([r["lowAccuracy"] for r in proxy])
    picks = resample_picks(len(ref))
    print(f"| proxy alone | 1.00 | {tau_text(low, ref, picks)} |")
    args = sys.argv[2:]
    for path, factor in zip(args[0::2], args[1::2]):
        larger = read(path)
        if [r["genotype"] for r in larger] != [r["genotype"] for r in proxy]:
            sys.exit(f"{path} does not hold the architectures of {sys.argv[1]} in the same order")
        big = np.array([r["lowAccuracy"] for r in larger])
        top = best_third(low)
        promoted = low.copy()
        promoted[top] = big[top]
        cost = 1 + (float(factor) - 1) / 3
        print(f"| best third promoted to {factor}x ({path.split('/')[-1]}) | {cost:.2f} | "
              f"{tau_text(promoted, ref, picks)} |")
        print(f"| everyone at {factor}x (for comparison) | {float(factor):.2f} | {tau_text(big, ref, picks)} |")


if __name__ == "__main__":
    main()
