#!/usr/bin/python3
"""Loads the weights of a nas4j DARTS ONNX export into the DARTS reference network and runs it.

Usage: /usr/bin/python3 darts_onnx_vs_reference.py /path/to/darts/cnn model.onnx out_prefix
Builds NetworkCIFAR / NetworkImageNet from quark0/darts (not part of this repository) with the genotype, cells,
channels, classes and stem stored in the model's metadata, copies the ONNX initializers into it in order (both
follow the same layer order; BN running stats included), checks every shape, and writes out_prefix.x.bin (a seeded
random input) and out_prefix.torch.bin (the reference logits), float32 little-endian. Compare with ONNX Runtime:
  java -cp onnxruntime-1.29.0.jar OrtCompare.java model.onnx out_prefix
"""
import contextlib
import io
import sys

import numpy as np

import onnx_reference

sys.path.insert(0, sys.argv[1])
from genotypes import Genotype  # noqa: E402,F401  (used by eval of the genotype text)
from model import NetworkCIFAR, NetworkImageNet  # noqa: E402

m, md, (C, N, K), chw = onnx_reference.read(sys.argv[2])
genotype = eval(md['nas.genotype'], {'Genotype': Genotype, 'range': range})  # our own file: the DARTS repr
cls = NetworkImageNet if md['nas.stem'] == 'imagenet' else NetworkCIFAR
with contextlib.redirect_stdout(io.StringIO()):
    net = cls(C, K, N, False, genotype)
net.drop_path_prob = 0.0
net.eval()
n = onnx_reference.load_weights(net, m)
y = onnx_reference.run(net, lambda out: out[0], chw, sys.argv[3])  # out: (logits, auxiliary logits)
print('loaded', n, 'tensors into', cls.__name__, 'C=%d N=%d' % (C, N), 'max |logit| %.3g' % np.abs(y).max())
