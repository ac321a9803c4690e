package org.nas4j.search.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.data.LabeledImages;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.space.InputShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares an exported ONNX file with the DL4J network it came from: the same inputs through ONNX Runtime and
 * through DL4J (inference mode) must give the same logits.
 */
public final class ParityCheck {
  /** Allowed difference: {@code |ort - dl4j| <= ABSOLUTE + RELATIVE * |dl4j|} for every logit. */
  public static final double ABSOLUTE = 1e-4;

  public static final double RELATIVE = 1e-4;

  private ParityCheck() {}

  /**
   * Runs {@code x} ([batch, C, H, W]) through both and returns the largest {@code |ort - dl4j| / (ABSOLUTE +
   * RELATIVE * |dl4j|)}: at most 1 means the export computes what the network computes.
   */
  public static double worstRatio(ComputationGraph graph, Path onnx, INDArray x, InputShape input) {
    float[] expected = Nd4j.toFlattened('c', Dl4jGraphBuilder.logits(graph, x)).toFloatVector();
    byte[] model;
    try {
      model = Files.readAllBytes(onnx);
    } catch (IOException e) {
      throw new ExportException("cannot read " + onnx + " for the parity check: " + e.getMessage(), e);
    }
    float[] actual = OnnxVerifier.runBatch(model, Nd4j.toFlattened('c', x).toFloatVector(), (int) x.size(0), input);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double allowed = ABSOLUTE + RELATIVE * Math.abs(expected[i]);
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / allowed);
    }
    return worst;
  }

  /**
   * Exports a trained network to {@code target}: written to a hidden temp file beside it, verified by the exporter,
   * checked for parity with DL4J on up to 16 of {@code probes}, then moved into place. Nothing is left behind on
   * failure.
   */
  public static ExportResult exportChecked(OnnxExporter exporter, NetSpec spec, ComputationGraph graph,
      LabeledImages probes, Path target) {
    Path abs = target.toAbsolutePath();
    try {
      Path tmp = AtomicFiles.tempBeside(abs);
      try {
        ExportResult r = exporter.export(spec, graph, tmp);
        InputShape in = spec.macro().input();
        int n = Math.min(16, probes.count());
        float[] x = new float[n * probes.imageSize()];
        for (int i = 0; i < n; i++) {
          probes.copyScaled(i, x, i * probes.imageSize());
        }
        require(graph, tmp, Nd4j.create(x, new long[] {n, in.channels(), in.height(), in.width()}, 'c'), in);
        AtomicFiles.moveInto(tmp, abs);
        return new ExportResult(abs, r.archId(), r.allParams(), r.trainableParams(), r.macs(), r.nodes(),
            r.fileBytes());
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ExportException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Throws {@link ExportException} unless {@link #worstRatio} is at most 1. */
  public static void require(ComputationGraph graph, Path onnx, INDArray x, InputShape input) {
    double worst = worstRatio(graph, onnx, x, input);
    if (!(worst <= 1)) {
      throw new ExportException(onnx + ": ONNX Runtime and DL4J disagree on the trained network's logits ("
          + String.format(java.util.Locale.ROOT, "%.1f", worst) + "x the allowed 1e-4 + 1e-4*|logit|)");
    }
  }
}
