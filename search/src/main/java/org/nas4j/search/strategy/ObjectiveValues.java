package org.nas4j.search.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of a candidate's objective values, as returned by one stage of a {@link CandidateEvaluator}.
 *
 * @param values objective values by name (e.g. {@code latencyMs.pixel3} in milliseconds, {@code macs}, {@code
 *     params}, {@code error} as a fraction); finite numbers only
 * @param latencySources per latency objective name, where the value came from, e.g. {@code
 *     table:hw_c10_pixel3_latency_ms}, {@code predicted}, {@code measured}
 * @param failureReason {@code null} when the stage succeeded, else a one-line reason (then {@code values} may be
 *     incomplete)
 */
public record ObjectiveValues(
    Map<String, Double> values, Map<String, String> latencySources, String failureReason) {
  /** Validates and copies into insertion-ordered unmodifiable maps. */
  public ObjectiveValues {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    latencySources = Collections.unmodifiableMap(new LinkedHashMap<>(latencySources));
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException("objective " + e.getKey() + " must be finite, got " + e.getValue());
      }
    }
  }

  /** A successful stage. */
  public static ObjectiveValues ok(Map<String, Double> values, Map<String, String> latencySources) {
    return new ObjectiveValues(values, latencySources, null);
  }

  /** A failed stage with a reason. */
  public static ObjectiveValues failed(String reason) {
    return new ObjectiveValues(Map.of(), Map.of(), reason == null ? "unknown failure" : reason);
  }

  /** Whether the stage succeeded. */
  public boolean ok() {
    return failureReason == null;
  }
}
