#!/usr/bin/env python3
"""Derives the built-in benchmark tables (`--table nb201`, `--table fbnet`) from the measured tables.

Usage: scripts/make-builtin-tables.py [BENCHMARK_DIR]   (default: ../shared/benchmarks)

Reads nb201.csv, nb201_help_extra_latency.csv and fbnet_c100_latency.csv (see that directory's README for their
provenance), checks their SHA-256 against the values below, and writes into
search/src/main/resources/org/nas4j/search/tabular/tables/:

  nb201.csv.gz        nb201.csv, byte for byte (accuracies, params/FLOPs, HW-NAS-Bench metrics)
  nb201-help.csv.gz   nb201_help_extra_latency.csv without its `arch` column (it repeats nb201.csv's, checked here)
  fbnet.csv.gz        fbnet_c100_latency.csv, byte for byte
  tables.json         names, descriptions, rows, columns, the SHA-256 of every source, resource and extracted table

At run time BenchmarkTables joins nb201.csv.gz and nb201-help.csv.gz row by row (on arch_index) into one table and
checks the result against tables.json. gzip output is reproducible (mtime 0), so rerunning the script on the same
sources gives the same bytes. Every resource file must stay under 2 MB.
"""
import gzip
import hashlib
import io
import json
import os
import sys

SOURCES = {
    "nb201.csv": "a933293157cf841603eecbd38e4dd34e225030e3d523cc1145c53acb4c725a10",
    "nb201_help_extra_latency.csv": "bc6443c678239a91dcf4cb8ad0209149a7bf3ccf350c339ca9c1c7b6a5dbb334",
    "fbnet_c100_latency.csv": "78c9232ea433bf7b68fd4c13cc1a36ac239a43fc8469237b451d83718ea2b052",
}
MAX_RESOURCE_BYTES = 2_000_000
CREDITS_NB201 = [
    "NAS-Bench-201 / NATS-Bench (Dong and Yang; Dong et al.), MIT: architectures and test accuracies",
    "HW-NAS-Bench (Li et al.), MIT: Pixel 3, Raspberry Pi 4, Jetson TX2, Edge TPU, Eyeriss and FPGA metrics",
    "HELP (Lee, Lee and Hwang), MIT: latencies on 23 more devices (GPUs, Xeon CPUs, phones)",
]
CREDITS_FBNET = [
    "HW-NAS-Bench (Li et al.), MIT: FBNet-space latencies on Pixel 3, Raspberry Pi 4, Eyeriss and FPGA",
    "HELP (Lee, Lee and Hwang), MIT: the 5,000 sampled architectures and latencies on more devices",
]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buf, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def lines(data):
    text = data.decode("utf-8")
    if '"' in text:
        sys.exit("quoted cells are not expected in these tables")
    out = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    if out and out[-1] == "":
        out.pop()
    return out


def table(name, description, arch_column, table_lines, table_sha256, resources, source_files, credits):
    """tables.json's entry for one table (its space has the table's name); table_lines start with the header."""
    return {
        "name": name,
        "space": name,
        "description": description,
        "archColumn": arch_column,
        "rows": len(table_lines) - 1,
        "columns": table_lines[0].split(","),
        "sha256": table_sha256,
        "resources": resources,
        "sources": [{"file": f, "sha256": SOURCES[f]} for f in source_files],
        "credits": credits,
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "benchmarks")
    out = os.path.join(root, "search", "src", "main", "resources", "org", "nas4j", "search", "tabular", "tables")
    data = {}
    for name, want in SOURCES.items():
        with open(os.path.join(src, name), "rb") as f:
            data[name] = f.read()
        if sha256(data[name]) != want:
            sys.exit(f"{name}: SHA-256 {sha256(data[name])} differs from the recorded {want}")

    nb = lines(data["nb201.csv"])
    help_lines = lines(data["nb201_help_extra_latency.csv"])
    if len(nb) != len(help_lines):
        sys.exit("nb201.csv and nb201_help_extra_latency.csv differ in row count")
    help_out, joined = [], []
    for i, (a, b) in enumerate(zip(nb, help_lines)):
        ac, bc = a.split(","), b.split(",")
        if ac[0] != bc[0] or ac[1] != bc[1]:
            sys.exit(f"line {i + 1}: arch_index/arch differ between the NB201 tables")
        help_out.append(",".join([bc[0]] + bc[2:]))
        joined.append(",".join(ac + bc[2:]))
    help_bytes = ("\r\n".join(help_out) + "\r\n").encode("utf-8")
    joined_bytes = ("\n".join(joined) + "\n").encode("utf-8")
    fb = lines(data["fbnet_c100_latency.csv"])

    resources = {
        "nb201.csv.gz": gz(data["nb201.csv"]),
        "nb201-help.csv.gz": gz(help_bytes),
        "fbnet.csv.gz": gz(data["fbnet_c100_latency.csv"]),
    }
    for name, blob in resources.items():
        if len(blob) >= MAX_RESOURCE_BYTES:
            sys.exit(f"{name} is {len(blob)} bytes, over the 2 MB limit")

    def res(name):
        return {"resource": name, "bytes": len(resources[name]), "sha256": sha256(resources[name])}

    manifest = {
        "schema": "nas.tables/v1",
        "tables": [
            table("nb201", "every NAS-Bench-201 cell: CIFAR-10/100 and ImageNet16-120 test accuracy (200 epochs,"
                  " mean over seeds), params/FLOPs, HW-NAS-Bench metrics on 6 devices and HELP latencies on 23 more",
                  "arch", joined, sha256(joined_bytes), [res("nb201.csv.gz"), res("nb201-help.csv.gz")],
                  ["nb201.csv", "nb201_help_extra_latency.csv"], CREDITS_NB201),
            table("fbnet", "5,000 sampled FBNet-space networks (22 layers x 9 ops, CIFAR-100 input): HW-NAS-Bench"
                  " latencies on 4 devices and HELP latencies on more; no accuracy",
                  "ops", fb, SOURCES["fbnet_c100_latency.csv"], [res("fbnet.csv.gz")], ["fbnet_c100_latency.csv"],
                  CREDITS_FBNET),
        ],
    }
    os.makedirs(out, exist_ok=True)
    for name, blob in resources.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)
    with open(os.path.join(out, "tables.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    for name, blob in resources.items():
        print(f"{name}: {len(blob)} bytes, sha256 {sha256(blob)}")


if __name__ == "__main__":
    main()
