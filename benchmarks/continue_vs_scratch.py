#!/usr/bin/env python3
"""Final stage: continue from the proxy weights, or train from scratch? (issue 18, part 1)

For every member a finished training-mode run's final stage trained (final/plan.json), trains the same architecture
again from fresh weights with the same recipe (`nas train --space darts --genotype G --cells C --channels CH
--train-images N --epochs E --batch-size B --lr LR --weight-decay WD --validation-images V --seed S --threads 1`:
the run's split, data order and initial weights, only without the proxy's 1,000 images first), two trainings at a
time with one thread each as the stage trains them, and pairs the result with what the stage recorded in pareto.json.
Both take the same time per image, so accuracy at equal images is accuracy per second.

Usage: continue_vs_scratch.py --out DIR RUN_DIR [RUN_DIR ...]
  DIR/<run>-<archId12>.json: nas train --json of each scratch training (kept: a rerun trains only what is missing);
  DIR/summary.txt: per member and paired over all members (mean difference, 95% t interval).
Run from the repository root after `bin/nas --version` (which builds).
"""
import argparse
import concurrent.futures
import json
import math
import os
import subprocess
import sys

T975 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 11: 2.20,
        12: 2.18, 13: 2.16, 14: 2.14, 15: 2.13, 16: 2.12, 17: 2.11, 18: 2.10, 19: 2.09, 20: 2.09, 25: 2.06,
        30: 2.04}


def t975(df):
    return T975.get(df) or T975[max(k for k in T975 if k <= df)]


def jobs_of(run_dir):
    run = json.load(open(os.path.join(run_dir, "run.json")))
    pareto = json.load(open(os.path.join(run_dir, "pareto.json")))
    plan = json.load(open(os.path.join(run_dir, "final", "plan.json")))
    t = run["request"]["training"]
    members = {m["archId"]: m for m in pareto["members"]}
    for p in plan["members"]:
        m = members[p["archId"]]
        e = m.get("export") or {}
        if e.get("fidelity") != "trained" or e.get("selection") == "nas train --member":
            continue
        yield {"run": os.path.basename(os.path.normpath(run_dir)), "archId": p["archId"], "reason": p["reason"],
               "genotype": m["arch"], "cells": t["cells"], "channels": t["channels"],
               "images": plan["imagesPerEpoch"], "epochs": plan["epochs"], "batch": plan["batchSize"],
               "lr": plan["learningRate"], "wd": plan["weightDecay"], "seed": plan["seed"],
               "validation": t["validationImages"], "dataset": t["dataset"], "macs": e.get("macs"),
               "continued": {"validationAccuracy": e["validationAccuracy"], "testAccuracy": e["testAccuracy"],
                             "trainSeconds": e.get("trainSeconds")}}


def train(job, out):
    f = os.path.join(out, "%s-%s.json" % (job["run"], job["archId"][:12]))
    if not os.path.exists(f):
        cmd = ["bin/nas", "-q", "train", "--space", "darts", "--genotype", job["genotype"], "--cells",
               str(job["cells"]), "--channels", str(job["channels"]), "--train-images", str(job["images"]),
               "--epochs", str(job["epochs"]), "--batch-size", str(job["batch"]), "--lr", str(job["lr"]),
               "--weight-decay", str(job["wd"]), "--validation-images", str(job["validation"]), "--seed",
               str(job["seed"]), "--dataset", job["dataset"], "--threads", "1", "--json"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit("%s: exit %d: %s" % (" ".join(cmd[:4]), r.returncode, r.stderr.strip()[-500:]))
        with open(f + ".tmp", "w") as w:
            w.write(r.stdout)
        os.replace(f + ".tmp", f)
    return json.load(open(f))


def interval(d):
    n = len(d)
    mean = sum(d) / n
    if n < 2:
        return mean, float("nan"), float("nan")
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    h = t975(n - 1) * sd / math.sqrt(n)
    return mean, mean - h, mean + h


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--out", required=True)
    a.add_argument("runs", nargs="+")
    args = a.parse_args()
    os.makedirs(args.out, exist_ok=True)
    jobs = [j for r in args.runs for j in jobs_of(r)]
    # Largest first, so that the two cores finish together.
    order = sorted(jobs, key=lambda j: -(j["macs"] or 0) * j["images"])
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        done = dict(zip([j["archId"] + j["run"] for j in order], pool.map(lambda j: train(j, args.out), order)))
    lines = ["%-22s %-12s %-14s %8s %7s | %-15s | %-15s | %s" % ("run", "member", "chosen as", "MACs", "images",
             "continued val/test", "scratch val/test", "test diff (continued - scratch), s/img cont./scratch")]
    diffs, vdiffs, by_run = [], [], {}
    for j in jobs:
        s = done[j["archId"] + j["run"]]
        c = j["continued"]
        d = 100 * (c["testAccuracy"] - s["testAccuracy"])
        diffs.append(d)
        vdiffs.append(100 * (c["validationAccuracy"] - s["validationAccuracy"]))
        by_run.setdefault(j["run"], []).append(d)
        n = j["images"] * j["epochs"]
        cs = c["trainSeconds"] / n if c.get("trainSeconds") else float("nan")
        ss = 1 / s["imagesPerSecond"] if s.get("imagesPerSecond") else float("nan")
        lines.append("%-22s %-12s %-14s %8d %7d | %6.2f / %6.2f | %6.2f / %6.2f | %+6.2f   %.4f / %.4f" % (
            j["run"], j["archId"][:12], j["reason"], j["macs"] or 0, n, 100 * c["validationAccuracy"],
            100 * c["testAccuracy"], 100 * s["validationAccuracy"], 100 * s["testAccuracy"], d, cs, ss))
    lines.append("")
    for run, d in by_run.items():
        m, lo, hi = interval(d)
        lines.append("%s: %d members, test continued - scratch %+.2f points [95%% t: %+.2f..%+.2f]" % (
            run, len(d), m, lo, hi))
    m, lo, hi = interval(diffs)
    lines.append("all: %d members, test continued - scratch %+.2f points [95%% t: %+.2f..%+.2f], continued better in"
                 " %d of %d" % (len(diffs), m, lo, hi, sum(1 for x in diffs if x > 0), len(diffs)))
    m, lo, hi = interval(vdiffs)
    lines.append("all: validation continued - scratch %+.2f points [95%% t: %+.2f..%+.2f]" % (m, lo, hi))
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(args.out, "summary.txt"), "w") as w:
        w.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
