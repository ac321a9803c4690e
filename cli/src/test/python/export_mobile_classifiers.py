#!/usr/bin/python3
"""Export torchvision's mobile classifiers to ONNX for the nas predict tests.

Usage: /usr/bin/python3 export_mobile_classifiers.py OUT_DIR OPSET [OPSET...]

Writes OUT_DIR/<model>_opset<N>.onnx for every model below and opset given: random weights (weights=None,
torch.manual_seed(0)), eval mode, input 1x3x224x224, torch.onnx.export's defaults (constant folding folds
BatchNormalization into the Conv before it). Existing files are kept; each is written to a temp name and renamed.
Exits 3 with a message on stderr if torch or torchvision cannot be imported.
"""
import os
import sys

MODELS = ["mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large", "mnasnet0_5", "mnasnet0_75", "mnasnet1_0",
          "mnasnet1_3", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "efficientnet_b0", "squeezenet1_1", "resnet18"]


def main():
    if len(sys.argv) < 3:
        print("usage: export_mobile_classifiers.py OUT_DIR OPSET [OPSET...]", file=sys.stderr)
        return 2
    try:
        import torch
        import torchvision
    except ImportError as e:
        print("cannot import torch/torchvision (%s): install python3-torch and python3-torchvision" % e,
              file=sys.stderr)
        return 3
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for opset in [int(a) for a in sys.argv[2:]]:
        for name in MODELS:
            path = os.path.join(out, "%s_opset%d.onnx" % (name, opset))
            if os.path.exists(path):
                continue
            torch.manual_seed(0)
            model = getattr(torchvision.models, name)(weights=None).eval()
            tmp = path + ".tmp"
            with torch.no_grad():
                torch.onnx.export(model, torch.randn(1, 3, 224, 224), tmp, opset_version=opset,
                                  input_names=["input"], output_names=["logits"])
            os.replace(tmp, path)
            print("wrote", path, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
