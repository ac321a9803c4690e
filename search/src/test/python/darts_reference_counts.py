#!/usr/bin/python3
"""Prints exact parameter and multiply-add counts of the DARTS reference networks.

Usage: /usr/bin/python3 darts_reference_counts.py /path/to/darts/cnn
The directory is a checkout of github.com/quark0/darts (cnn/ folder: genotypes.py, operations.py, model.py,
utils.py); it is NOT part of this repository. Needs torch (Debian's torch 1.13 works).
The numbers are asserted in search/src/test/java/org/nas4j/search/build/NetSpecCountsTest.java.

trainable = sum(p.numel() for parameters()) excluding the auxiliary head (DARTS README convention)
running   = BatchNorm running_mean + running_var elements (not parameters in PyTorch)
macs      = conv + linear multiply-adds per image, measured with forward hooks
"""
import contextlib
import io
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
import genotypes  # noqa: E402
from model import NetworkCIFAR, NetworkImageNet  # noqa: E402

macs = [0]


def hook(mod, inp, out):
    if isinstance(mod, torch.nn.Conv2d):
        macs[0] += (out.numel() // out.shape[0]) * (mod.in_channels // mod.groups) \
            * mod.kernel_size[0] * mod.kernel_size[1]
    elif isinstance(mod, torch.nn.Linear):
        macs[0] += mod.in_features * mod.out_features


for name in ['DARTS_V1', 'DARTS_V2', 'NASNet', 'AmoebaNet']:
    g = getattr(genotypes, name)
    for kind, (C, N, H, K) in [('cifar', (36, 20, 32, 10)), ('imagenet', (48, 14, 224, 1000))]:
        with contextlib.redirect_stdout(io.StringIO()):
            m = (NetworkCIFAR if kind == 'cifar' else NetworkImageNet)(C, K, N, False, g)
        m.drop_path_prob = 0.0
        m.eval()
        macs[0] = 0
        for mm in m.modules():
            if isinstance(mm, (torch.nn.Conv2d, torch.nn.Linear)):
                mm.register_forward_hook(hook)
        with torch.no_grad():
            m(torch.zeros(1, 3, H, H))
        trainable = sum(p.numel() for n, p in m.named_parameters() if 'auxiliary' not in n)
        running = sum(b.numel() for n, b in m.named_buffers() if 'running' in n and 'auxiliary' not in n)
        print(name, kind, 'trainable', trainable, 'running', running, 'macs', macs[0])
