package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The recorded latency of one model: every timed run of every session, plus what it was measured on, so a later run
 * can test against the raw samples and warn when the setup differs.
 *
 * @param model the model's file name as given
 * @param modelSha256 SHA-256 of the model file
 * @param target the full target profile
 * @param targetSha256 SHA-256 of the profile's canonical JSON
 * @param onnxRuntimeVersion ONNX Runtime version
 * @param cpuModel CPU model
 * @param threads intra-op threads
 * @param warmupRuns warm-up runs per session
 * @param sessionSamplesMs the samples of each session, milliseconds
 * @param calibrationSha256 SHA-256 of the calibration model timed interleaved with the model, or null
 * @param calibrationSamplesMs the calibration model's samples of each session (paired with sessionSamplesMs), or null
 * @param latency statistics of all samples (informational; recomputed from the samples when testing)
 * @param supportedRegressionPct the smallest allowance a gate against this entry can be expected to pass an unchanged
 *     model at (80% power, same noise and sessions as recorded here), or null in files written before it existed
 */
@JsonPropertyOrder({"model", "modelSha256", "target", "targetSha256", "onnxRuntimeVersion", "cpuModel", "threads",
    "warmupRuns", "latency", "supportedRegressionPct", "sessionSamplesMs", "calibrationSha256",
    "calibrationSamplesMs"})
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record BaselineEntry(
    String model,
    String modelSha256,
    TargetProfile target,
    String targetSha256,
    String onnxRuntimeVersion,
    String cpuModel,
    int threads,
    int warmupRuns,
    SampleStats latency,
    List<List<Double>> sessionSamplesMs,
    String calibrationSha256,
    List<List<Double>> calibrationSamplesMs,
    Double supportedRegressionPct) {

  public BaselineEntry {
    require(model != null && !model.isBlank(), "model is required");
    require(modelSha256 != null && modelSha256.matches("[0-9a-f]{64}"), "modelSha256 must be 64 hex digits, got "
        + modelSha256);
    require(target != null, "target is required");
    require(threads >= 1, "threads must be >= 1, got " + threads);
    sessionSamplesMs = checked("sessionSamplesMs", sessionSamplesMs);
    if (calibrationSamplesMs != null) {
      calibrationSamplesMs = checked("calibrationSamplesMs", calibrationSamplesMs);
      require(calibrationSamplesMs.size() == sessionSamplesMs.size(), "calibrationSamplesMs must have one session"
          + " per session of sessionSamplesMs (" + sessionSamplesMs.size() + "), got " + calibrationSamplesMs.size());
      require(calibrationSha256 != null, "calibrationSha256 is required with calibrationSamplesMs");
    }
  }

  private static List<List<Double>> checked(String name, List<List<Double>> sessions) {
    require(sessions != null && !sessions.isEmpty(), name + " must hold >= 1 session");
    List<List<Double>> copy = new ArrayList<>();
    for (List<Double> s : sessions) {
      require(s != null && !s.isEmpty(), "every session in " + name + " must hold >= 1 sample");
      for (Double v : s) {
        require(v != null && Double.isFinite(v) && v > 0, "samples must be finite and > 0, got " + v);
      }
      copy.add(List.copyOf(s));
    }
    return List.copyOf(copy);
  }

  /** The calibration samples as arrays, one per session, or null when none were recorded. */
  @JsonIgnore
  public List<double[]> calibrationSessions() {
    if (calibrationSamplesMs == null) {
      return null;
    }
    List<double[]> out = new ArrayList<>();
    for (List<Double> s : calibrationSamplesMs) {
      out.add(s.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  /** The samples as arrays, one per session. */
  @JsonIgnore
  public List<double[]> sessions() {
    List<double[]> out = new ArrayList<>();
    for (List<Double> s : sessionSamplesMs) {
      out.add(s.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InvalidArgumentException(message);
    }
  }
}
