package org.nas4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

/** Small real ONNX files for CLI tests, built with the protobuf classes. */
final class OnnxFiles {
  private OnnxFiles() {}

  static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
  }

  static TensorProto weight(String name, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
        .setRawData(ByteString.copyFrom(new byte[(int) (4 * n)]));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  static NodeProto node(String op, String name, String[] in, String[] out, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
    for (String s : in) {
      n.addInput(s);
    }
    for (String s : out) {
      n.addOutput(s);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    return n.build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  static AttributeProto i(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static ModelProto model(GraphProto.Builder g) {
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("nas4j-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g.setName("g"))
        .build();
  }

  /**
   * Conv(3->8, 3x3, pad 1) -> Relu -> GlobalAveragePool -> Flatten -> Gemm(8->10). With {@code batch < 0} the batch
   * dimension is dynamic. MACs at batch 1 and 32x32: 8*32*32*27 + 80 = 221264.
   */
  static ModelProto tinyCnn(long batch, long outDeclared) {
    GraphProto.Builder g = GraphProto.newBuilder().addInput(value("image", batch, 3, 32, 32))
        .addInitializer(weight("w", 8, 3, 3, 3)).addInitializer(weight("b", 8))
        .addInitializer(weight("fc", 10, 8)).addInitializer(weight("fcb", 10))
        .addNode(node("Conv", "conv", new String[] {"image", "w", "b"}, new String[] {"c"}, ints("pads", 1, 1, 1, 1)))
        .addNode(node("Relu", "relu", new String[] {"c"}, new String[] {"r"}))
        .addNode(node("GlobalAveragePool", "gap", new String[] {"r"}, new String[] {"p"}))
        .addNode(node("Flatten", "flat", new String[] {"p"}, new String[] {"f"}))
        .addNode(node("Gemm", "fc", new String[] {"f", "fc", "fcb"}, new String[] {"logits"}, i("transB", 1)))
        .addOutput(value("logits", batch, outDeclared));
    return model(g);
  }

  static Path write(Path dir, String name, ModelProto m) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, m.toByteArray());
    return p;
  }
}
