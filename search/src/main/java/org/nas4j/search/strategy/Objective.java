package org.nas4j.search.strategy;

import java.util.List;
import java.util.Optional;

/**
 * The name of a search objective, the one place that knows how objective names are spelled: {@code error} (fraction
 * in [0,1]), {@code latencyMs.<target>} (milliseconds on one target), {@code macs}, {@code params} and {@code
 * signalError} (the search's accuracy signal when it blends the proxy error with a training-free score, see {@link
 * SignalBlend}). Objective
 * names are the keys of {@link Evaluation#objectives()} and of {@code candidates.jsonl} and {@code pareto.json}, so
 * their spelling is part of the file formats.
 *
 * @param name the full name, e.g. {@code latencyMs.pixel3}
 */
public record Objective(String name) {
  /** Classification error, a fraction in [0, 1]. */
  public static final Objective ERROR = new Objective("error");
  /**
   * The accuracy objective of a search that blends the proxy error with a training-free score ({@link SignalBlend}):
   * lower is better, in standard units; a ranking signal, not a measured error.
   */
  public static final Objective SIGNAL_ERROR = new Objective("signalError");
  /** Multiply-accumulates of one inference. */
  public static final Objective MACS = new Objective("macs");
  /** Parameter count. */
  public static final Objective PARAMS = new Objective("params");

  private static final String LATENCY_PREFIX = "latencyMs.";

  /** Validates: one of the known forms. */
  public Objective {
    if (name == null || !(name.equals("error") || name.equals("signalError") || name.equals("macs")
        || name.equals("params")
        || (name.startsWith(LATENCY_PREFIX) && name.length() > LATENCY_PREFIX.length()))) {
      throw new IllegalArgumentException(
          "objective must be error, signalError, macs, params or latencyMs.<target>, got " + name);
    }
  }

  /** The latency objective of a target, {@code latencyMs.<targetId>}. */
  public static Objective latency(String targetId) {
    return new Objective(LATENCY_PREFIX + targetId);
  }

  /**
   * The accuracy objective among {@code names}: {@code signalError} when the search blends, else {@code error}
   * (also when neither is searched).
   */
  public static String accuracy(List<String> names) {
    return names.contains(SIGNAL_ERROR.name()) ? SIGNAL_ERROR.name() : ERROR.name();
  }

  /** Whether {@code name} names a latency objective. */
  public static boolean isLatency(String name) {
    return name.startsWith(LATENCY_PREFIX) && name.length() > LATENCY_PREFIX.length();
  }

  /** Whether this is a latency objective. */
  public boolean isLatency() {
    return isLatency(name);
  }

  /** The target id of a latency objective. */
  public Optional<String> target() {
    return isLatency() ? Optional.of(name.substring(LATENCY_PREFIX.length())) : Optional.empty();
  }

  /** The latency objectives among {@code names}, in order. */
  public static List<String> latencies(List<String> names) {
    return names.stream().filter(Objective::isLatency).toList();
  }

  /** The first latency objective among {@code names}, if any. */
  public static Optional<String> firstLatency(List<String> names) {
    return names.stream().filter(Objective::isLatency).findFirst();
  }

  @Override
  public String toString() {
    return name;
  }
}
