#!/usr/bin/python3
"""PyTorch side of the training-speed benchmark (benchmarks/train-speed.sh).

Trains the same reference networks as `nas benchmark train-speed` on random data of the same shape, with SGD
(momentum 0.9), batch 128 and 2 threads, and prints one JSON line per network with images/s: the median of 3 timed
windows of --seconds each, after 3 warm-up steps. Network definitions mirror org.nas4j.search.estimate.ReferenceNets.
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn as nn


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


def measure(name, model, shape, batch, seconds):
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

    for _ in range(3):
        step()
    rates = []
    for _ in range(3):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            step()
            n += batch
        rates.append(n / (time.perf_counter() - t0))
    return {"net": name, "framework": "pytorch", "imagesPerSecond": statistics.median(rates),
            "torchVersion": torch.__version__, "threads": torch.get_num_threads()}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--nets", default="plain-28x28x1,dwsep-28x28x1,plain-32x32x3,dwsep-32x32x3")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.nets.split(","):
        kind, shape = name.split("-")
        h, w, c = (int(v) for v in shape.split("x"))
        model = {"plain": plain, "dwsep": dwsep}[kind](c)
        print(json.dumps(measure(name, model, (c, h, w), args.batch, args.seconds)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
