#!/usr/bin/env python3
"""Reference values of nas's training-free scores (ZeroCostScores) on a toy network, computed with PyTorch.

The network, its weights, the input minibatch and the labels are defined by closed formulas that
ZeroCostScoresTest rebuilds in DL4J, so both sides score the same weights. Prints one JSON object with
naswot, synflow and gradNorm; ZeroCostScoresTest holds these numbers.

    /usr/bin/python3 benchmarks/zero_cost_reference.py

Definitions (see ZeroCostScores): naswot = log|det K|, K = sum over ReLU outputs of c c^T + (1-c)(1-c)^T with
c = (activation > 0), BatchNorm in training mode; synflow (Abdelfattah et al. 2021, bn=False) = the network without
BatchNorm, |parameters|, one all-ones input, sum over conv/linear weights of |w * d(sum of logits)/dw|;
gradNorm = sum over conv/linear weights of ||d(mean cross-entropy)/dw||_2, BatchNorm in training mode.
"""
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
BATCH, H, W, CLASSES = 8, 6, 6, 3


def wave(shape, layer):
    n = math.prod(shape)
    return torch.tensor([0.4 * math.sin(0.77 * k + 1.3 * layer) for k in range(n)]).reshape(shape)


class Toy(nn.Module):
    """input 1x6x6 -> conv3x3(4) BN ReLU -> [dw3x3 dil2 -> pw1x1(4) BN ReLU] + first -> maxpool2 -> conv1x1(6)
    BN ReLU -> global average pool -> linear(3)."""

    def __init__(self, bn=True):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 3, padding=1, bias=False)
        self.dw = nn.Conv2d(4, 4, 3, padding=2, dilation=2, groups=4, bias=False)
        self.pw = nn.Conv2d(4, 4, 1, bias=False)
        self.c3 = nn.Conv2d(4, 6, 1, bias=False)
        self.fc = nn.Linear(6, CLASSES)
        self.bns = nn.ModuleList([nn.BatchNorm2d(c) if bn else nn.Identity() for c in (4, 4, 6)])
        with torch.no_grad():
            for layer, conv in enumerate((self.c1, self.dw, self.pw, self.c3, self.fc), start=1):
                conv.weight.copy_(wave(conv.weight.shape, layer))
            self.fc.bias.copy_(torch.tensor([0.1 * math.cos(0.5 * k) for k in range(CLASSES)]))
            if bn:
                for layer, b in enumerate(self.bns, start=1):
                    c = b.num_features
                    b.weight.copy_(torch.tensor([1 + 0.2 * math.sin(k + layer) for k in range(c)]))
                    b.bias.copy_(torch.tensor([0.1 * math.cos(2 * k + layer) for k in range(c)]))
        self.relu_outputs = []

    def relu(self, x):
        y = F.relu(x)
        self.relu_outputs.append(y)
        return y

    def forward(self, x):
        a = self.relu(self.bns[0](self.c1(x)))
        b = self.relu(self.bns[1](self.pw(self.dw(a))))
        p = F.max_pool2d(a + b, 2)
        c = self.relu(self.bns[2](self.c3(p)))
        return self.fc(c.mean(dim=(2, 3)))


def inputs():
    n = BATCH * H * W
    x = torch.tensor([math.sin(0.61 * t + 0.3) + 0.5 * math.cos(1.37 * t) for t in range(n)])
    return x.reshape(BATCH, 1, H, W), torch.tensor([i % CLASSES for i in range(BATCH)])


def weights(net):
    return [net.c1.weight, net.dw.weight, net.pw.weight, net.c3.weight, net.fc.weight]


def main():
    x, y = inputs()
    net = Toy().train()
    net(x)
    k = torch.zeros(BATCH, BATCH)
    for out in net.relu_outputs:
        c = (out.reshape(BATCH, -1) > 0).double()
        k += c @ c.t() + (1 - c) @ (1 - c).t()
    naswot = torch.slogdet(k).logabsdet.item()

    net = Toy().train()
    F.cross_entropy(net(x), y).backward()
    grad_norm = sum(w.grad.norm().item() for w in weights(net))

    net = Toy(bn=False)
    with torch.no_grad():
        for p in net.parameters():
            p.abs_()
    net(torch.ones(1, 1, H, W)).sum().backward()
    synflow = sum((w * w.grad).abs().sum().item() for w in weights(net))
    print(json.dumps({"naswot": naswot, "synflow": synflow, "gradNorm": grad_norm}))


if __name__ == "__main__":
    main()
