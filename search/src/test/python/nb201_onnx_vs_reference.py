#!/usr/bin/python3
"""Loads the weights of a nas4j NB201 ONNX export into NAS-Bench-201's reference TinyNetwork and runs it.

Usage: /usr/bin/python3 nb201_onnx_vs_reference.py /path/to/AutoDL-Projects model.onnx out_prefix
The folder is a checkout of github.com/D-X-Y/AutoDL-Projects (the xautodl package: models/cell_infers,
models/cell_operations.py, models/cell_searchs/genotypes.py); it is NOT part of this repository. Use an arch without
dead nodes (every node reaches node 3), since the export leaves dead layers out. Writes out_prefix.x.bin and
out_prefix.torch.bin like darts_onnx_vs_reference.py; compare with OrtCompare.java.
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
from xautodl.models.cell_infers.tiny_network import TinyNetwork  # noqa: E402
from xautodl.models.cell_searchs.genotypes import Structure  # noqa: E402

m = onnx.load(sys.argv[2])
md = {p.key: p.value for p in m.metadata_props}
C, N, K = int(md['nas.channels']), int(md['nas.cells']), int(md['nas.classes'])
c, h, w = (int(v) for v in md['nas.input'].split('x'))
net = TinyNetwork(C, N, Structure.str2structure(md['nas.genotype']), K)
net.eval()

inits = [numpy_helper.to_array(t) for t in m.graph.initializer]
targets = [(k, v) for k, v in net.state_dict().items() if not k.endswith('num_batches_tracked')]
assert len(inits) == len(targets), (len(inits), len(targets))
state = {}
for arr, (k, v) in zip(inits, targets):
    if k == 'classifier.weight':
        arr = arr.T
    assert tuple(arr.shape) == tuple(v.shape), (k, arr.shape, tuple(v.shape))
    state[k] = torch.from_numpy(np.array(arr, dtype=np.float32, copy=True))
net.load_state_dict(state, strict=False)

x = np.random.default_rng(0).uniform(-1, 1, size=(1, c, h, w)).astype(np.float32)
with torch.no_grad():
    y = net(torch.from_numpy(x))[1][0].numpy().astype(np.float32)
x.astype('<f4').tofile(sys.argv[3] + '.x.bin')
y.astype('<f4').tofile(sys.argv[3] + '.torch.bin')
print('loaded', len(inits), 'tensors into TinyNetwork C=%d N=%d' % (C, N), 'max |logit| %.3g' % np.abs(y).max())
