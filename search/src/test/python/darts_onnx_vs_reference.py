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
import onnx
from onnx import numpy_helper

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
from genotypes import Genotype  # noqa: E402,F401  (used by eval of the genotype text)
from model import NetworkCIFAR, NetworkImageNet  # noqa: E402

m = onnx.load(sys.argv[2])
md = {p.key: p.value for p in m.metadata_props}
genotype = eval(md['nas.genotype'], {'Genotype': Genotype, 'range': range})  # our own file: the DARTS repr
C, N, K = int(md['nas.channels']), int(md['nas.cells']), int(md['nas.classes'])
c, h, w = (int(v) for v in md['nas.input'].split('x'))
cls = NetworkImageNet if md['nas.stem'] == 'imagenet' else NetworkCIFAR
with contextlib.redirect_stdout(io.StringIO()):
    net = cls(C, K, N, False, genotype)
net.drop_path_prob = 0.0
net.eval()

inits = [numpy_helper.to_array(t) for t in m.graph.initializer]
targets = [(k, v) for k, v in net.state_dict().items() if not k.endswith('num_batches_tracked')]
assert len(inits) == len(targets), (len(inits), len(targets))
state = {}
for arr, (k, v) in zip(inits, targets):
    if k == 'classifier.weight':
        arr = arr.T  # Gemm B is [in, out]
    assert tuple(arr.shape) == tuple(v.shape), (k, arr.shape, tuple(v.shape))
    state[k] = torch.from_numpy(np.array(arr, dtype=np.float32, copy=True))
net.load_state_dict(state, strict=False)

x = np.random.default_rng(0).uniform(-1, 1, size=(1, c, h, w)).astype(np.float32)
with torch.no_grad():
    y = net(torch.from_numpy(x))[0].numpy().astype(np.float32)
x.astype('<f4').tofile(sys.argv[3] + '.x.bin')
y.astype('<f4').tofile(sys.argv[3] + '.torch.bin')
print('loaded', len(inits), 'tensors into', cls.__name__, 'C=%d N=%d' % (C, N), 'max |logit| %.3g' % np.abs(y).max())
