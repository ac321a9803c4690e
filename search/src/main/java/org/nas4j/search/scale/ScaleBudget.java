package org.nas4j.search.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.strategy.Objective;

/**
 * The limits a scaled network must fit: any combination of multiply-adds, trainable parameters and a latency per
 * target id (milliseconds at batch size 1). A configuration is feasible when every limit holds; among feasible ones
 * the planner prefers the largest {@linkplain #ratio binding ratio} max_i(value_i / limit_i) <= 1, i.e. the one that
 * fits the budget most closely. Immutable.
 *
 * @param maxMacs multiply-adds limit, or null
 * @param maxParams trainable-parameter limit, or null
 * @param maxLatencyMs latency limit in milliseconds by target id (may be empty, never null)
 */
public record ScaleBudget(Long maxMacs, Long maxParams, Map<String, Double> maxLatencyMs) {

  public ScaleBudget {
    if (maxMacs != null && maxMacs < 1) {
      throw new IllegalArgumentException("maxMacs must be >= 1, got " + maxMacs);
    }
    if (maxParams != null && maxParams < 1) {
      throw new IllegalArgumentException("maxParams must be >= 1, got " + maxParams);
    }
    maxLatencyMs = maxLatencyMs == null ? Map.of() : new LinkedHashMap<>(maxLatencyMs);
    for (Map.Entry<String, Double> e : maxLatencyMs.entrySet()) {
      if (e.getValue() == null || !(e.getValue() > 0) || e.getValue().isInfinite()) {
        throw new IllegalArgumentException("maxLatencyMs." + e.getKey() + " must be a positive number, got "
            + e.getValue());
      }
    }
    maxLatencyMs = java.util.Collections.unmodifiableMap(maxLatencyMs);
    if (maxMacs == null && maxParams == null && maxLatencyMs.isEmpty()) {
      throw new IllegalArgumentException("a budget needs at least one of maxMacs, maxParams, maxLatencyMs");
    }
  }

  /** A MACs-only budget. */
  public static ScaleBudget macs(long maxMacs) {
    return new ScaleBudget(maxMacs, null, Map.of());
  }

  /**
   * max_i(value_i / limit_i) over the limits of this budget: at most 1 means feasible. A latency limit whose target
   * is missing from {@code latencyMs} counts as infinitely exceeded.
   */
  public double ratio(long macs, long params, Map<String, Double> latencyMs) {
    double r = 0;
    if (maxMacs != null) {
      r = Math.max(r, macs / (double) maxMacs);
    }
    if (maxParams != null) {
      r = Math.max(r, params / (double) maxParams);
    }
    for (Map.Entry<String, Double> e : maxLatencyMs.entrySet()) {
      Double v = latencyMs.get(e.getKey());
      r = Math.max(r, v == null ? Double.POSITIVE_INFINITY : v / e.getValue());
    }
    return r;
  }

  /** E.g. {@code macs <= 600.0M, latencyMs.pixel <= 15.00}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (maxMacs != null) {
      parts.add(String.format(Locale.ROOT, "macs <= %.1fM", maxMacs / 1e6));
    }
    if (maxParams != null) {
      parts.add(String.format(Locale.ROOT, "params <= %.2fM", maxParams / 1e6));
    }
    maxLatencyMs.forEach((t, v) -> parts.add(String.format(Locale.ROOT, "%s <= %.2f", Objective.latency(t), v)));
    return String.join(", ", parts);
  }
}
