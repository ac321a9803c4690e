#!/usr/bin/python3
"""Cheap signals as features of a surrogate (issue 18, part 3: "alone and combined: rank average, or as features of
the existing surrogate"). Kendall tau-b (90% bootstrap interval) against the seed-averaged 10x reference of:

  (a) a smoothed proxy: a ridge model predicts the *proxy* accuracy of each architecture from the other
      architectures' proxies (leave one out), with the cell's op counts (normal and reduction cell), log parameters,
      log MACs, NASWOT and log synflow as features; the objective is that prediction, or the mean of its rank and the
      proxy's own rank. Nothing here sees the reference: this is what a search could compute from its own
      candidates, as nas search's surrogate screen does from the genome (it borrows strength from similar
      architectures against the proxy's seed noise);
  (b) a learned combination: a ridge model fitted on one set's reference (proxy, proxy's training loss, NASWOT, log
      synflow, log parameters, log MACs) and applied to the other set, both ways (a combination learned once on
      other architectures and shipped with nas).

Ridge strengths 0.1, 1 and 10 on standardised features are all printed (none is chosen on these numbers).

Usage: /usr/bin/python3 benchmarks/signals_surrogate.py SET:SIGNALS.jsonl:FIDELITY.jsonl [...]   (as signals_tau.py)
"""
import re
import sys

import numpy as np

from signals_tau import load, ranks, reference, resample_picks, tau_text

OPS = ["sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5", "max_pool_3x3", "avg_pool_3x3",
       "skip_connect"]
LAMBDAS = (0.1, 1.0, 10.0)


def op_counts(genotype):
    out = []
    for cell in ("normal", "reduce"):
        body = re.search(cell + r"=\[(.*?)\]", genotype).group(1)
        ops = re.findall(r"'(\w+)'", body)
        out += [ops.count(o) for o in OPS]
    return out


def zero_cost(rows):
    return np.array([[np.log(a["trainableParams"]), np.log(a["macs"]), a["naswot"][0], np.log(a["synflow"][0])]
                     for a, _ in rows], dtype=float)


def ridge_predict(x_fit, y_fit, x_new, lam):
    mu, sd = x_fit.mean(0), x_fit.std(0)
    sd[sd == 0] = 1
    a, b = (x_fit - mu) / sd, (x_new - mu) / sd
    ym = y_fit.mean()
    w = np.linalg.solve(a.T @ a + lam * np.eye(a.shape[1]), a.T @ (y_fit - ym))
    return ym + b @ w


def loo(x, y, lam):
    idx = np.arange(len(y))
    return np.array([ridge_predict(x[idx != i], y[idx != i], x[i:i + 1], lam)[0] for i in idx])


def main():
    sets = load(sys.argv[1:])
    data = {}
    for name, s in sets.items():
        rows = s["rows"]
        ref = reference(b for _, b in rows)
        proxy = np.array([b["lowAccuracy"] for _, b in rows])
        loss = np.array([b["lowLoss"] for _, b in rows])
        genome = np.array([op_counts(a["genotype"]) for a, _ in rows], dtype=float)
        data[name] = dict(ref=ref, proxy=proxy, loss=loss, zc=zero_cost(rows), genome=genome,
                          picks=resample_picks(len(ref)))

    results = {}
    for name, d in data.items():
        r = results.setdefault(name, {})
        r["proxy alone"] = tau_text(d["proxy"], d["ref"], d["picks"])
        for feats, label in ((d["genome"], "op counts"), (np.hstack([d["genome"], d["zc"]]),
                                                          "op counts + zero-cost scores")):
            for lam in LAMBDAS:
                pred = loo(feats, d["proxy"], lam)
                r[f"(a) proxy predicted from {label}, ridge {lam:g}"] = tau_text(pred, d["ref"], d["picks"])
                r[f"(a) rank mean of proxy and its prediction from {label}, ridge {lam:g}"] = tau_text(
                    ranks(pred) + ranks(d["proxy"]), d["ref"], d["picks"])
    names = list(data)
    if len(names) == 2:
        for src, dst in ((names[0], names[1]), (names[1], names[0])):
            s, t = data[src], data[dst]
            fx = lambda d: np.hstack([d["proxy"][:, None], -d["loss"][:, None], d["zc"]])
            for lam in LAMBDAS:
                pred = ridge_predict(fx(s), s["ref"], fx(t), lam)
                results[dst][f"(b) combination fitted on {src}'s reference, ridge {lam:g}"] = tau_text(
                    pred, t["ref"], t["picks"])
    keys = list(dict.fromkeys(k for r in results.values() for k in r))
    print("| signal | " + " | ".join(f"{n} ({len(data[n]['ref'])}): tau-b [90%]" for n in names) + " |")
    print("| --- | " + " | ".join("---:" for _ in names) + " |")
    for k in keys:
        print(f"| {k} | " + " | ".join(results[n].get(k, "") for n in names) + " |")


if __name__ == "__main__":
    main()
