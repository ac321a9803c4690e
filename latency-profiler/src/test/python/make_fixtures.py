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
* ``fixtures.json``: per model, what PyTorch and onnx say independently of the Java code: ``torchParams``
  (sum of p.numel()), ``bnFeatures`` (sum of BN num_features), and per file ``initializerElements`` (from
  onnx.load) and ``opTypes``.

Existing files are kept (the Java tests cache them); each file is written to a temp name and renamed.
Exits 3 with a message on stderr if torch, torchvision or onnx cannot be imported.
"""
import json
import os
import sys
import time

GENERATOR_VERSION = 2
MODELS = ["mobilenet_v2", "resnet18", "mnasnet1_0", "mobilenet_v3_small", "shufflenet_v2_x1_0", "efficientnet_b0"]
DYNAMIC = ["mobilenet_v2", "resnet18"]


def main():
    if len(sys.argv) != 2:
        print("usage: make_fixtures.py OUT_DIR", file=sys.stderr)
        return 2
    out = sys.argv[1]
    try:
        import numpy
        import onnx
        import torch
        import torchvision
    except ImportError as e:
        print("make_fixtures.py: cannot import torch, torchvision and onnx with %s (%s); install python3-torch, "
              "python3-torchvision and python3-onnx" % (sys.executable, e), file=sys.stderr)
        return 3
    os.makedirs(out, exist_ok=True)
    meta_path = os.path.join(out, "fixtures.json")
    meta = {"generatorVersion": GENERATOR_VERSION, "torch": torch.__version__,
            "torchvision": torchvision.__version__, "models": {}, "files": {}}
    start = time.time()
    x = torch.zeros(1, 3, 224, 224)

    def export(model, fname, **kwargs):
        path = os.path.join(out, fname)
        tmp = path + ".tmp"
        t0 = time.time()
        with torch.no_grad():
            torch.onnx.export(model, x, tmp, opset_version=13, input_names=["input"], output_names=["output"],
                              **kwargs)
        os.replace(tmp, path)
        m = onnx.load(path)
        ops = {}
        for n in m.graph.node:
            ops[n.op_type] = ops.get(n.op_type, 0) + 1
        meta["files"][fname] = {
            "initializerElements": int(sum(int(numpy.prod(t.dims)) for t in m.graph.initializer)),
            "opTypes": ops,
        }
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
    tmp = meta_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    os.replace(tmp, meta_path)
    print("fixtures written to %s in %.1f s" % (out, time.time() - start), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
