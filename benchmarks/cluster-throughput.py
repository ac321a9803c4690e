#!/usr/bin/env python3
"""Runs one `nas search` and reports its steady evaluation rate from candidates.jsonl.

Usage: cluster-throughput.py OUT_DIR -- NAS_COMMAND...
Prints one JSON line: {"evaluations": n, "firstToLastSeconds": s, "evalsPerMinute": r, "wallSeconds": w}.
The rate counts the evaluations after the first one over the time from the first line of candidates.jsonl to the
last, so that JVM start, dataset loading and the cluster join are left out, as is the front's final training.
"""
import json
import os
import subprocess
import sys
import time

out = sys.argv[1]
cmd = sys.argv[sys.argv.index("--") + 1:]
log = os.path.join(out, "candidates.jsonl")
start = time.monotonic()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seen, first, last = 0, None, None
while proc.poll() is None:
    try:
        with open(log) as f:
            n = sum(1 for _ in f)
    except FileNotFoundError:
        n = 0
    now = time.monotonic()
    if n > seen:
        if first is None:
            first = now
        last = now
        seen = n
    time.sleep(0.05)
err = proc.stderr.read()
if proc.returncode != 0:
    sys.exit("search failed (exit %d): %s" % (proc.returncode, err.strip()[-500:]))
with open(log) as f:
    n = sum(1 for _ in f)
span = (last - first) if first is not None and last is not None else float("nan")
rate = (n - 1) / span * 60 if n > 1 and span > 0 else float("nan")
print(json.dumps({"evaluations": n, "firstToLastSeconds": round(span, 2), "evalsPerMinute": round(rate, 2),
                  "wallSeconds": round(time.monotonic() - start, 1)}))
