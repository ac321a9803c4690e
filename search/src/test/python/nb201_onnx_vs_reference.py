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

import onnx_reference

sys.path.insert(0, sys.argv[1])
from xautodl.models.cell_infers.tiny_network import TinyNetwork  # noqa: E402
from xautodl.models.cell_searchs.genotypes import Structure  # noqa: E402

m, md, (C, N, K), chw = onnx_reference.read(sys.argv[2])
net = TinyNetwork(C, N, Structure.str2structure(md['nas.genotype']), K)
net.eval()
n = onnx_reference.load_weights(net, m)
y = onnx_reference.run(net, lambda out: out[1][0], chw, sys.argv[3])  # out: (features, logits)
print('loaded', n, 'tensors into TinyNetwork C=%d N=%d' % (C, N), 'max |logit| %.3g' % np.abs(y).max())
