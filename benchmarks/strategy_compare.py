#!/usr/bin/env python3
"""Compare search strategies on finished `nas search` run directories (benchmarks/strategy-compare.sh).

Usage: strategy_compare.py DIR   (DIR holds <strategy>-seed<S>/ run directories)

Per run: the hypervolume of the trained front in (test error, predicted latency), the hypervolume of the proxy-level
front over every evaluated architecture in (proxy error, predicted latency), and the best test accuracy among trained
members under three latency levels. Both hypervolumes use one reference point common to all runs (the worst value
of each coordinate over all runs' points, times 1.1), so values compare across runs; larger is better. The latency
levels are the 33rd and 67th percentiles and the maximum of all runs' trained members' latencies. A second table gives
per run what issue 18's first part asks of the main job (trained members, their span in predicted latency, best and
worst test accuracy) and the mean wall seconds of one candidate's evaluation (training, and NASWOT when scored).
Standard library only.
"""
import json
import os
import re
import statistics
import sys


def front2(points):
    """Non-dominated subset of (x, y) points, both minimised, sorted by x."""
    pts = sorted(set(points))
    out, best = [], float("inf")
    for x, y in pts:
        if y < best:
            out.append((x, y))
            best = y
    return out


def hv2(points, ref):
    """2-D hypervolume (area dominated by the front, bounded by ref), both coordinates minimised."""
    area, prev_y = 0.0, ref[1]
    for x, y in front2([p for p in points if p[0] < ref[0] and p[1] < ref[1]]):
        area += (ref[0] - x) * (prev_y - y)
        prev_y = y
    return area


def load(run):
    pareto = json.load(open(os.path.join(run, "pareto.json")))
    lat = next(o for o in pareto["objectives"] if o.startswith("latencyMs."))
    trained = []
    for m in pareto["members"]:
        x = m.get("export") or {}
        if x.get("fidelity") == "trained" and "testAccuracy" in x:
            trained.append((1 - x["testAccuracy"], m["objectives"][lat]))
    proxy = []
    seconds = []
    for line in open(os.path.join(run, "candidates.jsonl")):
        c = json.loads(line)
        if c.get("status") == "OK":
            proxy.append((c["objectives"]["error"], c["objectives"][lat]))
            seconds.append(c.get("timingsMs", {}).get("expensive", float("nan")) / 1000)
    return {"trained": trained, "proxy": proxy, "evaluations": pareto["evaluations"], "seconds": seconds,
            "members": len(pareto["members"]), "stage": pareto.get("finalStage") or {}}


def quantile(xs, q):
    xs = sorted(xs)
    i = q * (len(xs) - 1)
    lo = int(i)
    return xs[lo] if lo + 1 >= len(xs) else xs[lo] + (xs[lo + 1] - xs[lo]) * (i - lo)


def main(root):
    runs = {}
    for name in sorted(os.listdir(root)):
        m = re.fullmatch(r"(\w+)-seed(\d+)", name)
        if m and os.path.exists(os.path.join(root, name, "pareto.json")):
            runs[(m.group(1), int(m.group(2)))] = load(os.path.join(root, name))
    if not runs:
        sys.exit("no finished runs under " + root)
    all_t = [p for r in runs.values() for p in r["trained"]]
    all_p = [p for r in runs.values() for p in front2(r["proxy"])]
    ref_t = (min(1.0, 1.1 * max(p[1 - 1] for p in all_t)), 1.1 * max(p[1] for p in all_t)) if all_t else (1, 1)
    # The trained coordinates are (error, latency); hv2 takes (x, y) = (latency, error).
    ref_t_xy = (ref_t[1], ref_t[0])
    ref_p_xy = (1.1 * max(p[1] for p in all_p), min(1.0, 1.1 * max(p[0] for p in all_p)))
    lats = [p[1] for p in all_t]
    levels = [quantile(lats, 1 / 3), quantile(lats, 2 / 3), max(lats)] if lats else []
    print("reference point: trained (test error %.4f, latency %.3f ms); proxy (error %.4f, latency %.3f ms)"
          % (ref_t[0], ref_t[1], ref_p_xy[1], ref_p_xy[0]))
    print("latency levels (ms): " + ", ".join("%.3f" % l for l in levels))
    head = "%-8s %4s %6s %7s %7s %10s %10s %s" % ("strategy", "seed", "evals", "front", "trained", "HV trained",
                                                   "HV proxy", "  ".join("best@%.2fms" % l for l in levels))
    print(head)
    rows = {}
    for (s, seed), r in sorted(runs.items()):
        t_xy = [(l, e) for e, l in r["trained"]]
        p_xy = [(l, e) for e, l in r["proxy"]]
        best = []
        for l in levels:
            acc = [100 * (1 - e) for e, lat in r["trained"] if lat <= l]
            best.append(max(acc) if acc else float("nan"))
        row = (hv2(t_xy, ref_t_xy), hv2(p_xy, ref_p_xy), best)
        rows[(s, seed)] = row
        print("%-8s %4d %6d %7d %7d %10.4f %10.4f %s" % (s, seed, r["evaluations"], r["members"], len(r["trained"]),
                                                        row[0], row[1], "  ".join("%12.2f" % b for b in best)))
    print()
    print("%-8s %4s %7s %6s %9s %9s %12s" % ("strategy", "seed", "trained", "span", "best acc", "worst acc",
                                            "s/candidate"))
    for (s, seed), r in sorted(runs.items()):
        t = r["trained"]
        span = max(l for _, l in t) / min(l for _, l in t) if t else float("nan")
        secs = [x for x in r["seconds"] if x == x]
        print("%-8s %4d %7d %5.2fx %9.2f %9.2f %12.1f" % (
            s, seed, len(t), span, 100 * (1 - min(e for e, _ in t)) if t else float("nan"),
            100 * (1 - max(e for e, _ in t)) if t else float("nan"), statistics.mean(secs) if secs else float("nan")))
    print()
    for s in sorted({k[0] for k in rows}):
        vals = [v for k, v in rows.items() if k[0] == s]
        def ms(xs):
            xs = [x for x in xs if x == x]
            return "%.4f +- %.4f" % (statistics.mean(xs), statistics.stdev(xs) if len(xs) > 1 else 0.0) if xs else "-"
        print("%-8s mean over %d seeds: HV trained %s, HV proxy %s, best %s" % (
            s, len(vals), ms([v[0] for v in vals]), ms([v[1] for v in vals]),
            " / ".join(ms([v[2][i] for v in vals]) for i in range(len(levels)))))
    labels = sorted({k[0] for k in rows})
    for a in labels:
        for b in labels:
            seeds = sorted({k[1] for k in rows if (a, k[1]) in rows and (b, k[1]) in rows})
            if a >= b or not seeds:
                continue
            print()
            print("paired by seed %s (%s - %s): HV trained " % (",".join(map(str, seeds)), a, b) + ", ".join(
                "%+.4f" % (rows[(a, s)][0] - rows[(b, s)][0]) for s in seeds) + "; HV proxy " + ", ".join(
                "%+.4f" % (rows[(a, s)][1] - rows[(b, s)][1]) for s in seeds))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
