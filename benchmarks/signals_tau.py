#!/usr/bin/python3
"""Kendall tau-b (90% bootstrap intervals) of every cheap accuracy signal, alone and combined by rank average, against
the seed-averaged 10x reference (mean of highAccuracy and highRepeatAccuracy of a `nas benchmark fidelity` output).

Usage: /usr/bin/python3 benchmarks/signals_tau.py SET:SIGNALS.jsonl:FIDELITY.jsonl [SET:SIGNALS:FIDELITY ...]

SIGNALS is a `nas benchmark signals` output of the architectures of FIDELITY (joined by index, checked by genotype;
architectures missing from SIGNALS are left out);
groups with the same SET name are pooled (e.g. two random draws). Prints one Markdown table: a column per set, a row
per signal, and the median seconds per architecture each signal costs (as recorded in the files: the proxy's seconds
come from the fidelity study, the training-free scores' from the signals run; their load may differ, see the
result file). Higher signal = better predicted accuracy (training losses and nothing else are negated).
"""
import json
import sys

import numpy as np

RESAMPLES = 2000


def tau_b(a, b):
    """Kendall tau-b of two 1-D arrays (pairs tied in either count as in scipy's tau-b)."""
    i, j = np.triu_indices(len(a), 1)
    sa = np.sign(a[i] - a[j])
    sb = np.sign(b[i] - b[j])
    den = np.sqrt(np.count_nonzero(sa) * np.count_nonzero(sb))
    return float(np.sum(sa * sb) / den) if den else float("nan")


def bootstrap(a, b, picks):
    taus = np.array([tau_b(a[p], b[p]) for p in picks])
    taus = taus[~np.isnan(taus)]
    return np.quantile(taus, 0.05), np.quantile(taus, 0.95)


def trained_ok(row, runs=("low", "high", "highRepeat", "lowRepeat")):
    """Whether every given training run of a fidelity row finished (a run the row lacks counts as finished)."""
    return all(row.get(k + "Status", "OK") == "OK" for k in runs)


def reference(fidelity_rows):
    """The seed-averaged 10x reference: mean of highAccuracy and highRepeatAccuracy per architecture."""
    return np.array([(r["highAccuracy"] + r["highRepeatAccuracy"]) / 2 for r in fidelity_rows])


def resample_picks(n):
    """The seeded bootstrap resamples (indices) every tau interval of these scripts uses."""
    rng = np.random.default_rng(1)
    return [rng.integers(0, n, n) for _ in range(RESAMPLES)]


def tau_text(values, ref, picks):
    """Tau-b with its 90% bootstrap interval, as the result tables print it: '0.52 [0.27..0.74]'."""
    lo, hi = bootstrap(values, ref, picks)
    return f"{tau_b(values, ref):.2f} [{lo:.2f}..{hi:.2f}]"


def ranks(x):
    """Average ranks (ties share their mean rank), 0-based."""
    order = np.argsort(x, kind="mergesort")
    r = np.empty(len(x))
    r[order] = np.arange(len(x))
    for v in np.unique(x):
        tie = x == v
        r[tie] = r[tie].mean()
    return r


def read(path):
    return [r for r in map(json.loads, open(path)) if "index" in r]


def load(groups):
    """Per set: dict of signal name -> values, cost name -> seconds, and the reference."""
    sets = {}
    for g in groups:
        name, sig_path, fid_path = g.split(":")
        sig, fid = read(sig_path), {r["index"]: r for r in read(fid_path)}
        s = sets.setdefault(name, {"rows": []})
        for a in sig:
            b = fid.get(a["index"])
            if b is None or a["genotype"] != b["genotype"]:
                sys.exit(f"architecture {a['index']} of {sig_path} is not that of {fid_path}")
            if trained_ok(b):
                s["rows"].append((a, b))
    return sets


def signals(rows):
    """name -> (values, seconds per architecture)."""
    col = lambda f: np.array([f(a, b) for a, b in rows], dtype=float)
    build = col(lambda a, b: a["buildSeconds"])
    out = {
        "10x, the other seed (ceiling, not a candidate)": (col(lambda a, b: b["highAccuracy"]),
                                                          col(lambda a, b: b["highSeconds"])),
        "proxy: 1,000 images, 1 epoch (today)": (col(lambda a, b: b["lowAccuracy"]),
                                                  col(lambda a, b: b["lowSeconds"])),
        "proxy, another training seed": (col(lambda a, b: b["lowRepeatAccuracy"]),
                                         col(lambda a, b: b["lowRepeatSeconds"])),
        "proxy, mean of two seeds": (col(lambda a, b: b["lowAccuracy"] + b["lowRepeatAccuracy"]),
                                     col(lambda a, b: b["lowSeconds"] + b["lowRepeatSeconds"])),
        "sum of training losses of the proxy run (negated)": (col(lambda a, b: -b["lowLoss"]),
                                                              col(lambda a, b: b["lowSeconds"])),
        "trainable parameters": (col(lambda a, b: a["trainableParams"]), build),
        "MACs": (col(lambda a, b: a["macs"]), build),
    }
    for key, label in (("naswot", "NASWOT"), ("synflow", "synflow"), ("gradNorm", "gradient norm")):
        first = col(lambda a, b: a[key][0])
        sec = col(lambda a, b: a[key + "Seconds"][0]) + build
        out[f"{label} (one initialisation)"] = (first, sec)
        if len(rows[0][0][key]) > 1:
            k = len(rows[0][0][key])
            # synflow spans orders of magnitude: average its logarithm
            f = (lambda v: np.log(v)) if key == "synflow" else (lambda v: v)
            out[f"{label}, mean of {k} initialisations"] = (
                col(lambda a, b: np.mean(f(np.array(a[key], dtype=float)))),
                col(lambda a, b: sum(a[key + "Seconds"])) + build * k)
    return out


COMBOS = [
    ("proxy", "NASWOT"),
    ("proxy", "synflow"),
    ("proxy", "trainable parameters"),
    ("proxy", "sum of training losses"),
    ("proxy", "sum of training losses", "NASWOT"),
    ("proxy", "NASWOT", "synflow"),
    ("NASWOT", "synflow"),
    ("NASWOT", "synflow", "trainable parameters"),
    ("NASWOT", "trainable parameters"),
    ("proxy", "NASWOT", "synflow", "trainable parameters"),
]


def main():
    sets = load(sys.argv[1:])
    names = list(sets)
    table = {}
    repeats = {}
    for name in names:
        rows = sets[name]["rows"]
        ref = reference(b for _, b in rows)
        sig = signals(rows)
        singles = {k: v for k, v in sig.items() if not k.startswith("10x")}

        def find(prefix):
            return next(v for k, v in singles.items() if k.startswith(prefix) and "another" not in k
                        and "mean of two" not in k)
        for combo in COMBOS:
            parts = [find(p) for p in combo]
            # the proxy's training loss comes with the proxy run: count a run once
            cost = parts[0][1] + sum(p[1] for p, c in zip(parts[1:], combo[1:]) if c != "sum of training losses"
                                     or combo[0] != "proxy")
            sig["rank average: " + " + ".join(combo)] = (sum(ranks(p[0]) for p in parts), cost)
        picks = resample_picks(len(ref))
        for key, label in (("naswot", "NASWOT"), ("synflow", "synflow"), ("gradNorm", "gradient norm")):
            if len(rows[0][0][key]) > 1:
                first = np.array([a[key][0] for a, _ in rows], dtype=float)
                second = np.array([a[key][1] for a, _ in rows], dtype=float)
                lo, hi = bootstrap(first, second, picks)
                repeats.setdefault(f"{label}: first vs second initialisation (its own repeatability)", {})[name] = (
                    tau_b(first, second), lo, hi, float("nan"))
        for k, (v, sec) in sig.items():
            if k.startswith("10x"):
                t, (lo, hi) = tau_b(v, np.array([b["highRepeatAccuracy"] for _, b in rows])), bootstrap(
                    v, np.array([b["highRepeatAccuracy"] for _, b in rows]), picks)
            else:
                t, (lo, hi) = tau_b(v, ref), bootstrap(v, ref, picks)
            table.setdefault(k, {})[name] = (t, lo, hi, float(np.median(sec)))
    print("| signal | " + " | ".join(f"{n} ({len(sets[n]['rows'])}): tau-b [90%] | s/arch" for n in names) + " |")
    print("| --- |" + " ---: | ---: |" * len(names))
    for k, cols in list(table.items()) + list(repeats.items()):
        cells = []
        for n in names:
            t, lo, hi, sec = cols[n]
            cells.append(f"{t:.2f} [{lo:.2f}..{hi:.2f}] | " + ("-" if np.isnan(sec) else f"{sec:.1f}"))
        print(f"| {k} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
