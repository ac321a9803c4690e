package org.nas4j.search.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.profiler.OnnxRuntimeProfiler;
import org.nas4j.profiler.bench.SampleStats;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.targets.TargetProfile;

/**
 * A {@link LatencyOracle} that measures: builds the network with DL4J, exports it to a temporary ONNX file and times
 * it through ONNX Runtime with the target's settings ({@link MeasureSettings#of}); the result is the median (p50) of
 * the timed runs. The one place where search code times a network; training-mode search uses {@link #p50Ms} on its
 * trained networks. Not thread-safe; a call takes (warm-up + measured runs) x the network's latency.
 */
public final class MeasuredLatency implements LatencyOracle {
  private final TargetProfile target;
  private final Path scratch;

  /**
   * @param target an {@link org.nas4j.targets.MeasureMode#ONNXRUNTIME} profile
   * @param scratch folder for the temporary ONNX files (created when missing); each file is deleted after timing
   */
  public MeasuredLatency(TargetProfile target, Path scratch) {
    if (target == null || scratch == null) {
      throw new IllegalArgumentException("target and scratch are required, got " + target + ", " + scratch);
    }
    this.target = target;
    this.scratch = scratch;
  }

  @Override
  public String targetId() {
    return target.id();
  }

  @Override
  public String source() {
    return sourceOf(target);
  }

  @Override
  public boolean measured() {
    return true;
  }

  /** The source string of a measured target, e.g. {@code measured:onnxruntime-cpu}. */
  public static String sourceOf(TargetProfile target) {
    return "measured:onnxruntime-" + target.executionProvider().name().toLowerCase(Locale.ROOT);
  }

  /** Builds {@code spec} with seed 0 (latency does not depend on the weights) and measures it. */
  @Override
  public double latencyMs(NetSpec spec) {
    try {
      return p50Ms(spec, Dl4jGraphBuilder.build(spec, 0), target, scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary ONNX file under " + scratch, e);
    }
  }

  /**
   * Exports {@code graph} (built from {@code spec}) to a temporary file under {@code scratch} and returns its median
   * latency on {@code target} in milliseconds. The file is deleted afterwards.
   *
   * @throws IOException if the temporary file cannot be written
   * @throws org.nas4j.profiler.ProfilingException if ONNX Runtime fails
   */
  public static double p50Ms(NetSpec spec, ComputationGraph graph, TargetProfile target, Path scratch)
      throws IOException {
    Files.createDirectories(scratch);
    Path file = Files.createTempFile(scratch, "latency", ".onnx");
    try {
      new OnnxExporter(OnnxExporter.buildVersion()).export(spec, graph, file);
      double[] samples = new OnnxRuntimeProfiler().measure(file, target, MeasureSettings.of(target)).allSamplesMs();
      return SampleStats.of(samples).p50Ms();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
