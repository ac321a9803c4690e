package org.nas4j.profiler.flops;

import java.nio.file.Path;
import java.util.Map;
import onnx.Onnx.ModelProto;
import org.nas4j.profiler.onnx.OnnxModels;
import org.nas4j.profiler.onnx.ShapeInference;

/**
 * Loads an ONNX model, infers its shapes and counts its cost: the whole of {@code nas profile} except the output.
 * Stateless and thread-safe; loads no native code.
 */
public final class ModelProfiler {
  private ModelProfiler() {}

  /**
   * Profiles the model in {@code file}.
   *
   * @param inputShapes shapes for inputs with dynamic dimensions (see {@link ShapeInference#infer}); may be empty
   * @throws org.nas4j.profiler.InvalidModelException if the file is not a valid model or uses unsupported ops
   * @throws org.nas4j.targets.error.InvalidArgumentException if input shapes are missing or wrong
   */
  public static ModelProfile profile(Path file, Map<String, long[]> inputShapes) {
    ModelProto model = OnnxModels.load(file);
    return profile(model, file.toString(), inputShapes);
  }

  /** Profiles an already loaded (and {@link OnnxModels#check checked}) model; {@code name} labels messages. */
  public static ModelProfile profile(ModelProto model, String name, Map<String, long[]> inputShapes) {
    return FlopCounter.count(ShapeInference.infer(model, name, inputShapes));
  }
}
