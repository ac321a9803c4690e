"""What darts_onnx_vs_reference.py and nb201_onnx_vs_reference.py share: the export's metadata, copying its weights
into the reference network, and running that on a seeded input.

The reference networks come from checkouts outside this repository; import this module before putting one on
sys.path.
"""
import numpy as np
import onnx
import torch
from onnx import numpy_helper


def read(path):
    """The ONNX model, its metadata, (channels C, cells N, classes K) and the input shape (c, h, w)."""
    m = onnx.load(path)
    md = {p.key: p.value for p in m.metadata_props}
    cnk = int(md['nas.channels']), int(md['nas.cells']), int(md['nas.classes'])
    chw = tuple(int(v) for v in md['nas.input'].split('x'))
    return m, md, cnk, chw


def load_weights(net, m):
    """Copies the ONNX initializers into net in order (both follow the same layer order; BN running stats included),
    checking every shape; returns how many there were."""
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
    return len(inits)


def run(net, logits, chw, prefix):
    """Runs net on a seeded random input of shape 1 x chw; writes it to prefix.x.bin and the reference logits
    (logits(output of net)) to prefix.torch.bin, float32 little-endian; returns the logits."""
    x = np.random.default_rng(0).uniform(-1, 1, size=(1, *chw)).astype(np.float32)
    with torch.no_grad():
        y = logits(net(torch.from_numpy(x))).numpy().astype(np.float32)
    x.astype('<f4').tofile(prefix + '.x.bin')
    y.astype('<f4').tofile(prefix + '.torch.bin')
    return y
