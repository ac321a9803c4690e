#!/usr/bin/python3
"""Estimates the rank quality of multi-fidelity promotion (successive halving with one rung) from existing fidelity
studies, without training anything: every architecture gets the proxy; the best third by proxy accuracy is
"promoted" and its accuracy objective becomes that of a budget F times larger (the highest fidelity it reached);
Kendall tau-b of that objective against the seed-averaged 10x reference, with a 90% bootstrap interval.

Usage: /usr/bin/python3 benchmarks/promotion_tau.py [--nsga COSTS.jsonl] PROXY.jsonl LARGER.jsonl F \
           [LARGER.jsonl F ...]
       /usr/bin/python3 benchmarks/promotion_tau.py --bound PROXY.jsonl [PROXY.jsonl ...]

PROXY is a fidelity output with the proxy (lowAccuracy) and both 10x runs; each LARGER is a fidelity output of the
same architectures whose low budget is F times the proxy's (trained from scratch: a stand-in for continuing the
proxy from its checkpoint, which is what promotion would do). Cost per architecture, in proxy runs: 1 + (F - 1) / 3.
The ranking used for promotion is proxy accuracy alone, unless --nsga gives the architectures' other two objectives
(COSTS: benchmarks/arch-costs.sh of the same genotypes, in the same order: predicted Pixel latency and MACs); then the
best third is also taken as NSGA-II ranks the set: non-dominated fronts on (proxy error, latency, MACs), then crowding
distance inside a front (Deb et al. 2002; MOEA Framework's NondominatedSortingPopulation, which nas search uses), and
both promotions are printed. The set stands in for one population: nas search would promote after every generation
from the population it keeps. Each promotion is also printed with the promoted members' accuracy lowered by their
mean gain from the larger budget (what a search could subtract, knowing both accuracies of every promoted member), so
that promoted and unpromoted members are compared on the proxy's scale.

--bound pools the given proxy studies and prints the best tau-b any promotion of the proxy's best third could reach,
whatever the larger budget gives: the promoted architectures stay above the others (they were above them by the
proxy, and a larger budget lifts them further: in the seed-1 draw every promoted architecture's 2x and 5x accuracy,
0.755 or more, lies above every other architecture's proxy accuracy, 0.706 or less)
and are ordered among themselves exactly as the reference orders them, so only the pairs inside the promoted third
can change, each to the right order.
"""
import json
import sys

import numpy as np

from signals_tau import read, reference, resample_picks, tau_b, tau_text


def best_third(low):
    """Indices of the architectures promotion promotes: the best third by proxy accuracy (ties in file order)."""
    return np.argsort(-low, kind="mergesort")[: len(low) // 3]


def nondominated_ranks(objectives):
    """Front index (0 = non-dominated) of each row of a minimised objective matrix."""
    n = len(objectives)
    dominated_by = [[] for _ in range(n)]
    count = np.zeros(n, dtype=int)
    for i in range(n):
        for j in range(n):
            if np.all(objectives[i] <= objectives[j]) and np.any(objectives[i] < objectives[j]):
                dominated_by[i].append(j)
                count[j] += 1
    rank = np.full(n, -1)
    front = [i for i in range(n) if count[i] == 0]
    level = 0
    while front:
        nxt = []
        for i in front:
            rank[i] = level
            for j in dominated_by[i]:
                count[j] -= 1
                if count[j] == 0:
                    nxt.append(j)
        front = sorted(nxt)
        level += 1
    return rank


def crowding(objectives, rank):
    """Crowding distance of each row inside its front (boundary members infinite)."""
    dist = np.zeros(len(objectives))
    for level in np.unique(rank):
        members = np.flatnonzero(rank == level)
        for m in range(objectives.shape[1]):
            values = objectives[members, m]
            order = members[np.argsort(values, kind="mergesort")]
            span = values.max() - values.min()
            dist[order[0]] = dist[order[-1]] = np.inf
            if span > 0:
                for k in range(1, len(order) - 1):
                    dist[order[k]] += (objectives[order[k + 1], m] - objectives[order[k - 1], m]) / span
    return dist


def nsga_third(low, latency, macs):
    """Indices of the best third as NSGA-II ranks (proxy error, latency, MACs): front first, then crowding."""
    objectives = np.column_stack([1 - low, latency, macs])
    rank = nondominated_ranks(objectives)
    dist = crowding(objectives, rank)
    order = sorted(range(len(low)), key=lambda i: (rank[i], -dist[i], i))
    return np.array(order[: len(low) // 3])


def read_costs(path, proxy):
    costs = [json.loads(l) for l in open(path)]
    if [c["genotype"] for c in costs] != [r["genotype"] for r in proxy]:
        sys.exit(f"{path} does not hold the architectures of the proxy file in the same order")
    return np.array([c["latencyMs"] for c in costs]), np.array([c["macs"] for c in costs], dtype=float)


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
    args = sys.argv[1:]
    costs = None
    if args[0] == "--nsga":
        costs, args = args[1], args[2:]
    proxy = read(args[0])
    ref = reference(proxy)
    low = np.array([r["lowAccuracy"] for r in proxy])
    picks = resample_picks(len(ref))
    thirds = {"proxy's best third": best_third(low)}
    if costs is not None:
        latency, macs = read_costs(costs, proxy)
        nsga = nsga_third(low, latency, macs)
        thirds["NSGA-II's best third"] = nsga
        shared = len(set(nsga) & set(thirds["proxy's best third"]))
        print(f"NSGA-II's best third {sorted(nsga.tolist())}, {shared} of {len(nsga)} also in the proxy's best third")
    print(f"| proxy alone | 1.00 | {tau_text(low, ref, picks)} |")
    args = args[1:]
    for path, factor in zip(args[0::2], args[1::2]):
        larger = read(path)
        if [r["genotype"] for r in larger] != [r["genotype"] for r in proxy]:
            sys.exit(f"{path} does not hold the architectures of the proxy file in the same order")
        big = np.array([r["lowAccuracy"] for r in larger])
        cost = 1 + (float(factor) - 1) / 3
        for name, top in thirds.items():
            promoted = low.copy()
            promoted[top] = big[top]
            print(f"| {name} promoted to {factor}x ({path.split('/')[-1]}) | {cost:.2f} | "
                  f"{tau_text(promoted, ref, picks)} |")
            promoted[top] -= np.mean(big[top] - low[top])
            print(f"| {name} promoted to {factor}x, less the promoted members' mean gain | {cost:.2f} | "
                  f"{tau_text(promoted, ref, picks)} |")
        print(f"| everyone at {factor}x (for comparison) | {float(factor):.2f} | {tau_text(big, ref, picks)} |")


if __name__ == "__main__":
    main()
