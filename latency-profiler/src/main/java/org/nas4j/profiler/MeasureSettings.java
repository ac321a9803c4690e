package org.nas4j.profiler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * How to time a model: everything that changes a latency number besides the model and the target's execution
 * provider. Immutable; invalid values throw {@link InvalidArgumentException} naming the field.
 *
 * @param threads intra-op threads (inter-op is always 1, execution is sequential)
 * @param warmupRuns untimed runs per session before timing
 * @param measuredRuns timed runs in total, split evenly over the sessions (a minimum when {@code minTimeMs > 0})
 * @param minTimeMs minimum total timed time in milliseconds, split over the sessions; 0 means "exactly
 *     measuredRuns"
 * @param sessions fresh ONNX Runtime sessions (blocks) the timed runs are split over, so that session-to-session
 *     variation shows up in the samples and in the statistics
 * @param allowSpinning whether ONNX Runtime's intra-op worker threads spin while waiting; null means automatic (off at
 *     1 thread, where there is no worker pool; on with more threads, which measured faster here)
 * @param inputShapes shapes for model inputs by input name, overriding the model's (dynamic dimensions otherwise
 *     become 1)
 * @param seed seed of the random input values and of the run order in comparisons
 */
public record MeasureSettings(
    int threads,
    int warmupRuns,
    int measuredRuns,
    double minTimeMs,
    int sessions,
    Boolean allowSpinning,
    Map<String, List<Long>> inputShapes,
    long seed) {

  /** The most timed runs one session makes when a minimum time is asked for. */
  public static final int MAX_RUNS_PER_SESSION = 1_000_000;

  public MeasureSettings {
    require(threads >= 1 && threads <= 256, "threads must be in 1..256, got " + threads);
    require(warmupRuns >= 0, "warmupRuns must be >= 0, got " + warmupRuns);
    require(measuredRuns >= 1, "measuredRuns must be >= 1, got " + measuredRuns);
    require(minTimeMs >= 0 && Double.isFinite(minTimeMs), "minTimeMs must be >= 0, got " + minTimeMs);
    require(sessions >= 1 && sessions <= 1000, "sessions must be in 1..1000, got " + sessions);
    require(measuredRuns >= sessions,
        "measuredRuns (" + measuredRuns + ") must be >= sessions (" + sessions + ")");
    inputShapes = inputShapes == null ? Map.of() : copy(inputShapes);
  }

  /** The target's threads, warm-up and runs, one session, automatic spinning, no shape overrides, seed 1. */
  public static MeasureSettings of(TargetProfile target) {
    return new MeasureSettings(target.threads(), target.warmupRuns(), target.measuredRuns(), 0, 1, null, Map.of(), 1);
  }

  /** Whether worker threads spin: {@link #allowSpinning} if set, else only when {@code threads > 1}. */
  public boolean spinning() {
    return allowSpinning != null ? allowSpinning : threads > 1;
  }

  /** Timed runs per session (at least one). */
  public int runsPerSession() {
    return (measuredRuns + sessions - 1) / sessions;
  }

  /** A copy with another number of sessions. */
  public MeasureSettings withSessions(int n) {
    return new MeasureSettings(threads, warmupRuns, measuredRuns, minTimeMs, n, allowSpinning, inputShapes, seed);
  }

  /** A copy without input shape overrides (for the calibration model, whose input is fixed). */
  public MeasureSettings withoutShapes() {
    return new MeasureSettings(threads, warmupRuns, measuredRuns, minTimeMs, sessions, allowSpinning, Map.of(), seed);
  }

  private static Map<String, List<Long>> copy(Map<String, List<Long>> shapes) {
    Map<String, List<Long>> out = new LinkedHashMap<>();
    shapes.forEach((name, dims) -> {
      require(dims != null && !dims.isEmpty(), "input shape of " + name + " must have at least one dimension");
      for (Long d : dims) {
        require(d != null && d >= 1, "input shape dimensions of " + name + " must be >= 1, got " + dims);
      }
      out.put(name, List.copyOf(dims));
    });
    return java.util.Collections.unmodifiableMap(out);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InvalidArgumentException(message);
    }
  }
}
