#!/usr/bin/python3
"""PyTorch side of the training-speed benchmark (benchmarks/train-speed.sh).

Trains the same reference networks as `nas benchmark train-speed` on random data of the same shape, with SGD
(momentum 0.9), batch 128 and 2 threads, and prints one JSON line per network with images/s: the median of 3 timed
windows of --seconds each, after --warmup-steps (8) untimed steps, as nas benchmark train-speed. With --jobs N, N
copies train at once (one process each, --threads threads each) and their images/s are summed per window.
Network definitions mirror org.nas4j.search.net.ReferenceNets: plain/dwsep CNNs, and the DARTS evaluation network
(NetworkCIFAR of quark0/darts: CIFAR stem, 8 cells at C=16, no auxiliary head, no drop-path), written out here
because the DARTS reference code is not part of this repository.
"""
import argparse
import json
import multiprocessing
import queue
import statistics
import sys
import time

import torch
import torch.nn as nn

COPY_TIMEOUT_S = 600  # seconds a copy of --jobs may take for its warm-up or a window before the run gives up


def conv_bn_relu(cin, cout, stride=1):
    return [nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


def dw_pw(cin, cout, stride=1):
    return [nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False),
            nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


def plain(cin):
    layers = conv_bn_relu(cin, 16) + conv_bn_relu(16, 32, 2) + conv_bn_relu(32, 64, 2) + conv_bn_relu(64, 64)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def dwsep(cin):
    layers = conv_bn_relu(cin, 16) + dw_pw(16, 32, 2) + dw_pw(32, 64, 2) + dw_pw(64, 64) + dw_pw(64, 128)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))


# ---------------------------------------------------------------- DARTS (NetworkCIFAR, evaluation network)

DARTS_V2 = (
    [("sep_conv_3x3", 0), ("sep_conv_3x3", 1), ("sep_conv_3x3", 0), ("sep_conv_3x3", 1), ("sep_conv_3x3", 1),
     ("skip_connect", 0), ("skip_connect", 0), ("dil_conv_3x3", 2)],
    [("max_pool_3x3", 0), ("max_pool_3x3", 1), ("skip_connect", 2), ("max_pool_3x3", 1), ("max_pool_3x3", 0),
     ("skip_connect", 2), ("skip_connect", 2), ("max_pool_3x3", 1)])
# DARTS_V2 with every dil_conv replaced by the sep_conv of the same kernel (ReferenceNets.DARTS_NO_DIL)
DARTS_NODIL = tuple([(op.replace("dil_conv", "sep_conv"), i) for op, i in cell] for cell in DARTS_V2)


def relu_conv_bn(cin, cout, k, stride, pad):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(cin, cout, k, stride, pad, bias=False), nn.BatchNorm2d(cout))


def dil_conv(cin, cout, k, stride, pad, dil):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(cin, cin, k, stride, pad, dilation=dil, groups=cin, bias=False),
                         nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout))


def sep_conv(cin, cout, k, stride, pad):
    return nn.Sequential(dil_conv(cin, cin, k, stride, pad, 1), dil_conv(cin, cout, k, 1, pad, 1))


class FactorizedReduce(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.relu = nn.ReLU()
        self.c1 = nn.Conv2d(cin, cout // 2, 1, 2, bias=False)
        self.c2 = nn.Conv2d(cin, cout // 2, 1, 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        x = self.relu(x)
        return self.bn(torch.cat([self.c1(x), self.c2(x[:, :, 1:, 1:])], dim=1))


def darts_op(name, c, stride):
    if name == "skip_connect":
        return nn.Identity() if stride == 1 else FactorizedReduce(c, c)
    if name == "max_pool_3x3":
        return nn.MaxPool2d(3, stride, 1)
    if name == "avg_pool_3x3":
        return nn.AvgPool2d(3, stride, 1, count_include_pad=False)
    k = int(name[-1])
    if name.startswith("sep_conv"):
        return sep_conv(c, c, k, stride, k // 2)
    if name.startswith("dil_conv"):
        return dil_conv(c, c, k, stride, k - 1, 2)
    raise ValueError(name)


class Cell(nn.Module):
    def __init__(self, edges, c_pp, c_p, c, reduction, reduction_prev):
        super().__init__()
        self.pre0 = FactorizedReduce(c_pp, c) if reduction_prev else relu_conv_bn(c_pp, c, 1, 1, 0)
        self.pre1 = relu_conv_bn(c_p, c, 1, 1, 0)
        self.edges = [i for _, i in edges]
        self.ops = nn.ModuleList(darts_op(op, c, 2 if reduction and i < 2 else 1) for op, i in edges)

    def forward(self, s0, s1):
        states = [self.pre0(s0), self.pre1(s1)]
        for k in range(0, len(self.ops), 2):
            states.append(self.ops[k](states[self.edges[k]]) + self.ops[k + 1](states[self.edges[k + 1]]))
        return torch.cat(states[2:], dim=1)


class DartsNet(nn.Module):
    def __init__(self, genotype, cin, c=16, cells=8, classes=10):
        super().__init__()
        c_curr = 3 * c
        self.stem = nn.Sequential(nn.Conv2d(cin, c_curr, 3, padding=1, bias=False), nn.BatchNorm2d(c_curr))
        c_pp, c_p, c_curr = c_curr, c_curr, c
        self.cells = nn.ModuleList()
        reduction_prev = False
        for i in range(cells):
            reduction = i in (cells // 3, 2 * cells // 3)
            if reduction:
                c_curr *= 2
            self.cells.append(Cell(genotype[1] if reduction else genotype[0], c_pp, c_p, c_curr, reduction,
                                   reduction_prev))
            reduction_prev = reduction
            c_pp, c_p = c_p, 4 * c_curr
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(c_p, classes)

    def forward(self, x):
        s0 = s1 = self.stem(x)
        for cell in self.cells:
            s0, s1 = s1, cell(s0, s1)
        return self.classifier(torch.flatten(self.gap(s1), 1))


def window_rates(model, shape, batch, seconds, warmup_steps, start_window=lambda: None):
    """Images/s of each of 3 timed windows after the warm-up steps; start_window() runs before each window."""
    torch.manual_seed(0)
    x = torch.rand(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    model.train()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(warmup_steps):
        step()
    rates = []
    for _ in range(3):
        start_window()
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            step()
            n += batch
        rates.append(n / (time.perf_counter() - t0))
    return rates


def build(name):
    kind, shape = name.split("-")
    h, w, c = (int(v) for v in shape.split("x"))
    model = {"plain": plain, "dwsep": dwsep, "darts_v2": lambda cin: DartsNet(DARTS_V2, cin),
             "darts_nodil": lambda cin: DartsNet(DARTS_NODIL, cin)}[kind](c)
    return model, (c, h, w)


def copy(name, threads, batch, seconds, warmup_steps, barrier, results):
    """One of several copies trained at once (a process of its own): its window rates and parameter count go to
    results."""
    torch.set_num_threads(threads)
    model, shape = build(name)
    rates = window_rates(model, shape, batch, seconds, warmup_steps, lambda: barrier.wait(COPY_TIMEOUT_S))
    results.put((rates, sum(p.numel() for p in model.parameters())))


def measure(name, threads, batch, seconds, warmup_steps, jobs):
    """Median over the windows of the images/s summed over `jobs` copies trained at once (one process each)."""
    if jobs == 1:
        torch.set_num_threads(threads)
        model, shape = build(name)
        rates = window_rates(model, shape, batch, seconds, warmup_steps)
        params = sum(p.numel() for p in model.parameters())
    else:
        ctx = multiprocessing.get_context("fork")
        barrier, results = ctx.Barrier(jobs), ctx.Queue()
        procs = [ctx.Process(target=copy, args=(name, threads, batch, seconds, warmup_steps, barrier, results))
                 for _ in range(jobs)]
        for p in procs:
            p.start()
        try:  # a copy that dies never reports: do not wait for it forever
            per_copy = [results.get(timeout=COPY_TIMEOUT_S) for _ in procs]
        except queue.Empty:
            per_copy = None
        for p in procs:
            p.join(timeout=COPY_TIMEOUT_S)
        if per_copy is None or any(p.exitcode != 0 for p in procs):
            for p in procs:
                p.kill()
            raise SystemExit(f"a copy of {name} failed")
        rates = [sum(r[w] for r, _ in per_copy) for w in range(3)]
        params = per_copy[0][1]
    return {"net": name, "framework": "pytorch", "imagesPerSecond": statistics.median(rates),
            "windowImagesPerSecond": rates, "params": params, "torchVersion": torch.__version__,
            "threads": threads, "jobs": jobs, "warmupSteps": warmup_steps}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup-steps", type=int, default=8)
    p.add_argument("--jobs", type=int, default=1, help="copies trained at once, one process each (summed images/s)")
    p.add_argument("--nets", default="plain-28x28x1,dwsep-28x28x1,plain-32x32x3,dwsep-32x32x3,"
                   "darts_v2-28x28x1,darts_nodil-28x28x1")
    args = p.parse_args()
    for name in args.nets.split(","):
        print(json.dumps(measure(name, args.threads, args.batch, args.seconds, args.warmup_steps, args.jobs)),
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
