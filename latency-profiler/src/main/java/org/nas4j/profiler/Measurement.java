package org.nas4j.profiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The raw result of timing one model: the samples of every session (block), in the order measured. Immutable: the
 * arrays are copied in and out.
 *
 * @param model the model file
 * @param modelSha256 SHA-256 (hex) of the model file's bytes
 * @param inputShapes the shapes the inputs were generated with, by input name
 * @param warmupRuns untimed runs per session
 * @param sessionSamplesMs one array of samples (milliseconds) per session
 * @param runtime where and how it was measured
 */
public record Measurement(
    Path model,
    String modelSha256,
    Map<String, List<Long>> inputShapes,
    int warmupRuns,
    List<double[]> sessionSamplesMs,
    RuntimeInfo runtime) {

  public Measurement {
    if (sessionSamplesMs == null || sessionSamplesMs.isEmpty()) {
      throw new IllegalArgumentException("sessionSamplesMs must hold at least one session");
    }
    List<double[]> copy = new ArrayList<>();
    for (double[] s : sessionSamplesMs) {
      if (s == null || s.length == 0) {
        throw new IllegalArgumentException("every session must hold at least one sample");
      }
      copy.add(s.clone());
    }
    sessionSamplesMs = List.copyOf(copy);
    inputShapes = Map.copyOf(inputShapes);
  }

  /** Copies of the per-session samples. */
  @Override
  public List<double[]> sessionSamplesMs() {
    List<double[]> out = new ArrayList<>();
    for (double[] s : sessionSamplesMs) {
      out.add(s.clone());
    }
    return out;
  }

  /** All samples of all sessions, concatenated. */
  public double[] allSamplesMs() {
    int n = 0;
    for (double[] s : sessionSamplesMs) {
      n += s.length;
    }
    double[] all = new double[n];
    int i = 0;
    for (double[] s : sessionSamplesMs) {
      System.arraycopy(s, 0, all, i, s.length);
      i += s.length;
    }
    return all;
  }
}
