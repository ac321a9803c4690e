package org.nas4j.profiler.onnx;

import java.util.List;
import java.util.Map;
import onnx.Onnx.ModelProto;

/**
 * The result of {@link ShapeInference#infer}: every tensor's static shape and every node with its inputs and
 * outputs. Immutable.
 *
 * @param name the model's label in messages (usually its file name)
 * @param model the model that was analysed
 * @param opset the default-domain opset version
 * @param inputs graph inputs that are not initializers, with the shapes used (after {@code --shape}), in order
 * @param tensors every named tensor: inputs, initializers, node outputs
 * @param nodes every node, in graph order
 */
public record InferredGraph(String name, ModelProto model, long opset, Map<String, TensorInfo> inputs,
    Map<String, TensorInfo> tensors, List<InferredNode> nodes) {
  /** Copies the collections. */
  public InferredGraph {
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    tensors = Map.copyOf(tensors);
    nodes = List.copyOf(nodes);
  }
}
