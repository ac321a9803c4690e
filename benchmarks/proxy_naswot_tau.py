#!/usr/bin/python3
"""The proxy and NASWOT combined into one value per architecture, as a search objective would need them (a rank
average needs the whole population's ranks): z(proxy accuracy) + z(NASWOT, first initialisation), standardised with
fixed constants, the mean and sd of both over the FIT sets. Prints the constants and, per set, Kendall tau-b [90%
bootstrap] of the proxy, NASWOT and the sum against the seed-averaged 10x reference.

Usage: /usr/bin/python3 benchmarks/proxy_naswot_tau.py FIT:SIGNALS.jsonl:FIDELITY.jsonl [...] SET:SIGNALS:FIDELITY [...]
  Groups named FIT give the constants (and are reported too); other groups with the same SET name are pooled.
  SIGNALS: a `nas benchmark signals` output; FIDELITY: the study holding lowAccuracy, highAccuracy, highRepeatAccuracy.
"""
import sys

import numpy as np

from signals_tau import read, reference, resample_picks, tau_text, trained_ok


def rows(sig_path, fid_path):
    naswot = {r["genotype"]: r["naswot"][0] for r in read(sig_path) if r.get("naswot")}
    return [(f["lowAccuracy"], naswot[f["genotype"]], f) for f in read(fid_path)
            if f["genotype"] in naswot and trained_ok(f, ("low", "high", "highRepeat"))]


def main(args):
    sets = {}
    for group in args:
        name, sig_path, fid_path = group.split(":")
        sets.setdefault(name, []).extend(rows(sig_path, fid_path))
    if "FIT" not in sets:
        sys.exit(__doc__)
    acc = np.array([r[0] for r in sets["FIT"]])
    nas = np.array([r[1] for r in sets["FIT"]])
    ma, sa, mn, sn = acc.mean(), acc.std(), nas.mean(), nas.std()
    print(f"constants from FIT ({len(acc)}): proxy accuracy {ma:.4f} +- {sa:.4f}, NASWOT {mn:.1f} +- {sn:.1f}")
    print("| set | architectures | proxy | NASWOT | z(proxy) + z(NASWOT) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, rs in sets.items():
        ref = reference(r[2] for r in rs)
        picks = resample_picks(len(ref))
        a = np.array([r[0] for r in rs])
        n = np.array([r[1] for r in rs])
        z = (a - ma) / sa + (n - mn) / sn
        print(f"| {name} | {len(rs)} | {tau_text(a, ref, picks)} | {tau_text(n, ref, picks)} | {tau_text(z, ref, picks)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
