package org.nas4j.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.regex.Pattern;
import org.nas4j.targets.error.InvalidProfileException;

/**
 * A hardware target: the device, how its latency is obtained, and every setting that changes a latency number.
 * Immutable and validated on construction; invalid values throw {@link InvalidProfileException} naming the field.
 *
 * @param id short kebab-case id, for example {@code pixel}
 * @param description one line for humans
 * @param device the broad device class
 * @param executionProvider where the model runs
 * @param measure how latency is obtained
 * @param threads intra-op threads used when timing (1 gives stable numbers on small machines)
 * @param inputShape NCHW input shape the search builds models for, batch first
 * @param warmupRuns untimed runs before measuring
 * @param measuredRuns timed runs (the minimum when a minimum time is also asked for)
 * @param predictor latency model for {@link MeasureMode#PREDICT}: a built-in resource name or a file path; null when
 *     none has been fitted yet
 * @param runtime what the latencies of this target were or are measured with, for example "TFLite float32 CPU"
 * @param precision numeric precision, for example "fp32"
 * @param adb how to time on an Android device; required with {@link MeasureMode#ADB}, not allowed otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "id", "description", "device", "executionProvider", "measure", "threads", "inputShape",
  "warmupRuns", "measuredRuns", "predictor", "runtime", "precision", "adb"
})
public record TargetProfile(
    String id,
    String description,
    DeviceClass device,
    ExecutionProvider executionProvider,
    MeasureMode measure,
    int threads,
    List<Integer> inputShape,
    int warmupRuns,
    int measuredRuns,
    String predictor,
    String runtime,
    String precision,
    AdbSettings adb) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public TargetProfile {
    require(id != null && ID.matcher(id).matches(),
        "id must be short kebab-case (a-z, 0-9, '-'), got " + quote(id));
    require(description != null && !description.isBlank(), "description is required");
    require(device != null, "device is required (one of MOBILE, DESKTOP, SERVER)");
    require(executionProvider != null, "executionProvider is required (one of CPU, CUDA, NNAPI, XNNPACK)");
    require(measure != null, "measure is required (one of ONNXRUNTIME, PREDICT, ADB)");
    require(threads >= 1 && threads <= 256, "threads must be in 1..256, got " + threads);
    require(inputShape != null && inputShape.size() == 4,
        "inputShape must have 4 dimensions (N, C, H, W), got " + inputShape);
    for (Integer d : inputShape) {
      require(d != null && d >= 1, "inputShape dimensions must be >= 1, got " + inputShape);
    }
    require(warmupRuns >= 0, "warmupRuns must be >= 0, got " + warmupRuns);
    require(measuredRuns >= 1, "measuredRuns must be >= 1, got " + measuredRuns);
    require(measure != MeasureMode.ONNXRUNTIME
            || executionProvider == ExecutionProvider.CPU || executionProvider == ExecutionProvider.CUDA,
        "executionProvider " + executionProvider + " only runs on Android; use measure ADB or PREDICT");
    require(measure != MeasureMode.ADB || adb != null,
        "measure ADB needs an \"adb\" block with at least \"perfTest\" (see docs/targets.md)");
    require(measure == MeasureMode.ADB || adb == null, "an \"adb\" block needs measure ADB, got " + measure);
    inputShape = List.copyOf(inputShape);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InvalidProfileException(message);
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
