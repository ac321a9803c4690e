#!/usr/bin/python3
"""Export torchvision models to ONNX as test fixtures for the nas4j profiler (nas profile).

Usage: /usr/bin/python3 make_fixtures.py OUT_DIR

All models get random weights (weights=None, torch.manual_seed(0)), eval mode, opset 13, one input named
``input`` of shape 1x3x224x224 and torch.onnx.export's default constant folding, which folds every
BatchNormalization into the preceding Conv (weight kept, BN weight+bias become the conv bias).

* ``<name>.onnx`` for the six models. Before export, BN weights, biases and running statistics are re-drawn at
  random: torchvision initialises them to 1/0, and the exporter would then de-duplicate the equal folded biases
  into one initializer plus Identity nodes. With random BN values every initializer is distinct, so the
  initializer element count equals torchvision's parameter count minus one value per BN channel. All biases are
  re-drawn too (torchvision zero-initialises some conv and linear biases, which would also be de-duplicated).
* ``<name>_dynbatch.onnx`` (mobilenet_v2, resnet18): dynamic batch (dynamic_axes) and torchvision's default
  initialisation, so it also contains the de-duplicated initializers and Identity nodes real exports have.
* ``resnet18_train.onnx``: exported with TrainingMode.TRAINING and no constant folding, so BatchNormalization
  nodes (5 outputs) stay in the graph with their running statistics as initializers.
* ``zoo_opset{9,11,13,17}.onnx``: a small made-up network (input 1x3x64x48) that uses what exporters emit
  beyond classification CNNs: strided/dilated/depthwise Conv, ConvTranspose, chunk (Split), Upsample/Resize, F.pad
  (Pad, with its pads computed by ConstantOfShape/Concat/Reshape/Slice/Transpose/Cast chains from opset 11),
  ceil_mode pooling, BatchNormalization, view with computed sizes, LayerNorm (decomposed before opset 17),
  batched MatMul attention, Softmax, slicing, squeeze/unsqueeze, Where, Expand. It is exported at four opsets so
  that the attribute and input forms of Split, Slice, Squeeze/Unsqueeze, Pad, Resize and ReduceMean all occur.
* ``fixtures.json``: per model, what PyTorch and onnx say independently of the Java code: ``torchParams``
  (sum of p.numel()), ``bnFeatures`` (sum of BN num_features), and per file ``initializerElements`` and
  ``opTypes`` (from onnx.load, or from a minimal protobuf reader when onnx is not installed).

Existing files are kept (the Java tests cache them); each file is written to a temp name and renamed.
Exits 3 with a message on stderr if torch or torchvision cannot be imported. The onnx package is optional: without
it, initializer elements and op types are read from the protobuf wire format directly.
"""
import json
import os
import sys
import time

GENERATOR_VERSION = 3
MODELS = ["mobilenet_v2", "resnet18", "mnasnet1_0", "mobilenet_v3_small", "shufflenet_v2_x1_0", "efficientnet_b0"]
DYNAMIC = ["mobilenet_v2", "resnet18"]


def summarize(path):
    """(initializer element count, {op_type: count}) of an ONNX file, with the onnx package if installed."""
    try:
        import onnx
    except ImportError:
        return summarize_wire(path)
    m = onnx.load(path)
    ops = {}
    for n in m.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    elements = 0
    for t in m.graph.initializer:
        count = 1
        for d in t.dims:
            count *= d
        elements += count
    return elements, ops


def summarize_wire(path):
    """The same as summarize() from the protobuf wire format, for machines without the onnx package."""
    with open(path, "rb") as f:
        data = f.read()

    def varint(buf, i):
        shift = result = 0
        while True:
            b = buf[i]
            i += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result, i

    def fields(buf):
        i = 0
        while i < len(buf):
            key, i = varint(buf, i)
            num, wire = key >> 3, key & 7
            if wire == 0:
                val, i = varint(buf, i)
            elif wire == 1:
                val, i = buf[i:i + 8], i + 8
            elif wire == 2:
                n, i = varint(buf, i)
                val, i = buf[i:i + n], i + n
            elif wire == 5:
                val, i = buf[i:i + 4], i + 4
            else:
                raise ValueError("unsupported wire type %d" % wire)
            yield num, wire, val

    graph = next(v for n, w, v in fields(memoryview(data)) if n == 7)  # ModelProto.graph
    ops, elements = {}, 0
    for num, wire, val in fields(graph):
        if num == 1:  # GraphProto.node -> NodeProto.op_type (4)
            op = next(bytes(v).decode() for n, w, v in fields(val) if n == 4)
            ops[op] = ops.get(op, 0) + 1
        elif num == 5:  # GraphProto.initializer -> TensorProto.dims (1), packed or not
            count = 1
            for n, w, v in fields(val):
                if n == 1 and w == 0:
                    count *= v
                elif n == 1 and w == 2:
                    j = 0
                    while j < len(v):
                        d, j = varint(v, j)
                        count *= d
            elements += count
    return elements, ops


def make_zoo(torch):
    nn = torch.nn
    F = torch.nn.functional

    class Zoo(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 16, 3, stride=2, padding=1)
            self.dw = nn.Conv2d(16, 16, 5, padding=4, dilation=2, groups=16)
            self.up = nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1)
            self.pool = nn.AvgPool2d(3, stride=2, ceil_mode=True)
            self.mp = nn.MaxPool2d(3, 2, ceil_mode=True)
            self.bn = nn.BatchNorm2d(8)
            self.ln = nn.LayerNorm(8)
            self.fc = nn.Linear(8, 5)

        def forward(self, x):
            y = F.hardswish(self.conv(x))
            y = torch.sigmoid(self.dw(y)) * y
            a, b = torch.chunk(y, 2, dim=1)
            y = self.up(torch.cat([b, a], 1))
            y = F.interpolate(y, scale_factor=2.0, mode="nearest")  # opset 9 Upsample needs scales >= 1
            y = F.pad(y, (1, 2, 0, 1))
            y = self.mp(self.pool(F.relu6(y)))
            y = self.bn(y)
            n, c, h, w = y.shape
            t = self.ln(y.view(n, c, h * w).transpose(1, 2))
            att = torch.softmax(t @ t.transpose(1, 2) / 8 ** 0.5, dim=-1)
            t = (att @ t)[:, 1:, :].mean(dim=1)
            out = self.fc(t.unsqueeze(1).squeeze(1))
            return torch.where(out > 0, out, out * 0.1).expand(2, -1, -1).flatten(1)

    return Zoo()


def main():
    if len(sys.argv) != 2:
        print("usage: make_fixtures.py OUT_DIR", file=sys.stderr)
        return 2
    out = sys.argv[1]
    try:
        import torch
        import torchvision
    except ImportError as e:
        print("make_fixtures.py: cannot import torch and torchvision with %s (%s); install python3-torch and "
              "python3-torchvision" % (sys.executable, e), file=sys.stderr)
        return 3
    os.makedirs(out, exist_ok=True)
    meta_path = os.path.join(out, "fixtures.json")
    meta = {"generatorVersion": GENERATOR_VERSION, "torch": torch.__version__,
            "torchvision": torchvision.__version__, "models": {}, "files": {}}
    start = time.time()
    x = torch.zeros(1, 3, 224, 224)

    def export(model, fname, example=x, **kwargs):
        path = os.path.join(out, fname)
        tmp = path + ".tmp"
        t0 = time.time()
        with torch.no_grad():
            kwargs.setdefault("opset_version", 13)
            torch.onnx.export(model, example, tmp, input_names=["input"], output_names=["output"], **kwargs)
        os.replace(tmp, path)
        elements, ops = summarize(path)
        meta["files"][fname] = {"initializerElements": elements, "opTypes": ops}
        print("exported %s in %.1f s" % (fname, time.time() - t0), file=sys.stderr)

    for name in MODELS:
        torch.manual_seed(0)
        model = getattr(torchvision.models, name)(weights=None).eval()
        bns = [mod for mod in model.modules() if isinstance(mod, torch.nn.modules.batchnorm._BatchNorm)]
        meta["models"][name] = {
            "torchParams": int(sum(p.numel() for p in model.parameters())),
            "bnFeatures": int(sum(bn.num_features for bn in bns)),
        }
        if name in DYNAMIC:
            export(model, name + "_dynbatch.onnx",
                   dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        if name == "resnet18":
            export(model.train(), "resnet18_train.onnx", do_constant_folding=False,
                   training=torch.onnx.TrainingMode.TRAINING)
            model.eval()
        with torch.no_grad():
            for bn in bns:
                bn.weight.uniform_(0.5, 1.5)
                bn.bias.uniform_(-0.5, 0.5)
                bn.running_mean.uniform_(-0.5, 0.5)
                bn.running_var.uniform_(0.5, 1.5)
            for pname, p in model.named_parameters():
                if pname.endswith("bias"):
                    p.uniform_(-0.5, 0.5)  # zero-initialised conv/linear biases would be de-duplicated too
        export(model, name + ".onnx")
    torch.manual_seed(0)
    zoo = make_zoo(torch).eval()
    for opset in (9, 11, 13, 17):
        export(zoo, "zoo_opset%d.onnx" % opset, example=torch.zeros(1, 3, 64, 48), opset_version=opset)
    tmp = meta_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    os.replace(tmp, meta_path)
    print("fixtures written to %s in %.1f s" % (out, time.time() - start), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
