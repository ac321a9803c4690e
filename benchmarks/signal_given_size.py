#!/usr/bin/python3
"""How much of a signal's ranking is only the network's size: per set, Kendall tau-b of the proxy, NASWOT and their
rank average against the seed-averaged 10x reference, next to the same with MACs partialled out (Kendall's partial
tau, tau_xr.m = (tau_xr - tau_xm tau_rm) / sqrt((1 - tau_xm^2)(1 - tau_rm^2))) and the signal's own tau with MACs.
A multi-objective search already trades accuracy against latency and MACs, so what an accuracy signal adds to it is
its ranking at a given size, the partial tau, not its plain tau. 90% bootstrap intervals (same resamples as the other
scripts).

Usage: /usr/bin/python3 benchmarks/signal_given_size.py SET:SIGNALS.jsonl:FIDELITY.jsonl [...]
  Groups with the same SET name are pooled. SIGNALS: a `nas benchmark signals` output (macs, naswot); FIDELITY: the
  study holding lowAccuracy, highAccuracy and highRepeatAccuracy.
"""
import sys

import numpy as np

from signals_tau import ranks, read, reference, resample_picks, tau_b, tau_text, trained_ok


def partial(x, r, m):
    txr, txm, trm = tau_b(x, r), tau_b(x, m), tau_b(r, m)
    den = np.sqrt((1 - txm ** 2) * (1 - trm ** 2))
    return (txr - txm * trm) / den if den > 0 else float("nan")


def interval(f, picks):
    vals = np.array([f(p) for p in picks])
    vals = vals[~np.isnan(vals)]
    return np.quantile(vals, 0.05), np.quantile(vals, 0.95)


def main(args):
    sets = {}
    for group in args:
        name, sig_path, fid_path = group.split(":")
        sig = {r["genotype"]: r for r in read(sig_path) if r.get("naswot")}
        for f in read(fid_path):
            if f["genotype"] in sig and trained_ok(f, ("low", "high", "highRepeat")):
                s = sig[f["genotype"]]
                sets.setdefault(name, []).append((f["lowAccuracy"], s["naswot"][0], s["macs"], f))
    if not sets:
        sys.exit(__doc__)
    print("| set | n | signal | tau | tau with MACs | partial tau given MACs |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    for name, rows in sets.items():
        ref = reference(r[3] for r in rows)
        macs = np.array([float(r[2]) for r in rows])
        proxy = np.array([r[0] for r in rows])
        naswot = np.array([r[1] for r in rows])
        signals = {"proxy": proxy, "NASWOT": naswot, "proxy + NASWOT (rank average)": ranks(proxy) + ranks(naswot),
                   "MACs": macs}
        picks = resample_picks(len(ref))
        for label, x in signals.items():
            line = f"| {name} | {len(ref)} | {label} | {tau_text(x, ref, picks)} | {tau_b(x, macs):.2f} | "
            if label == "MACs":
                line += "- |"
            else:
                pt = partial(x, ref, macs)
                pl, ph = interval(lambda p: partial(x[p], ref[p], macs[p]), picks)
                line += f"{pt:.2f} [{pl:.2f}..{ph:.2f}] |"
            print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
