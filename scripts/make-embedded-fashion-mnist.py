#!/usr/bin/python3
"""Writes the embedded Fashion-MNIST subset shipped in nas4j's resources.

A class-stratified sample (seed 0) of 10,000 training and 2,000 test images from the real Fashion-MNIST files
(Debian package dataset-fashion-mnist, MIT licence, Zalando Research), stored as gzipped IDX files in shards of at
most 2,500 images so that no file in the repository exceeds ~1.1 MB. nas4j reads the shards in order and
concatenates them. Run: /usr/bin/python3 scripts/make-embedded-fashion-mnist.py
"""
import gzip
import os
import struct
import sys

import numpy as np

SRC = "/usr/share/datasets/fashion-mnist/"
OUT = os.path.join(os.path.dirname(__file__), "..", "search/src/main/resources/org/nas4j/search/data/fashion-mnist")


def load(prefix):
    with gzip.open(SRC + prefix + "-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(SRC + prefix + "-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    return images, labels


def stratified(labels, per_class, rng):
    picked = [np.sort(rng.choice(np.flatnonzero(labels == c), per_class, replace=False)) for c in range(10)]
    return np.sort(np.concatenate(picked))


def write(name, images, labels):
    # mtime=0 keeps the gzip bytes reproducible.
    with open(os.path.join(OUT, name + "-images-idx3-ubyte.gz"), "wb") as raw, gzip.GzipFile(
            fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(struct.pack(">IIII", 0x803, len(images), 28, 28) + images.tobytes())
    with open(os.path.join(OUT, name + "-labels-idx1-ubyte.gz"), "wb") as raw, gzip.GzipFile(
            fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(struct.pack(">II", 0x801, len(labels)) + labels.tobytes())


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(0)
    ti, tl = load("train")
    idx = stratified(tl, 1000, rng)
    rng.shuffle(idx)  # shards hold a mix of classes
    for shard in range(4):
        part = idx[shard * 2500:(shard + 1) * 2500]
        write("train-%d" % shard, ti[part], tl[part])
    vi, vl = load("t10k")
    idx = stratified(vl, 200, rng)
    write("test-0", vi[idx], vl[idx])
    print("wrote", sorted(os.listdir(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
