package org.nas4j.search.scale;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nas4j.search.space.InputShape;

/**
 * One scaled configuration and what it costs. Immutable.
 *
 * @param cells DARTS total cells or NB201 cells per stage
 * @param channels initial channels
 * @param input input shape (its height and width are the resolution)
 * @param macs multiply-adds of the live network at batch size 1
 * @param params trainable parameters of the live network
 * @param latencyMs latency in milliseconds at batch size 1 by target id
 * @param latencySources where each latency came from ({@code predicted:<file>}, {@code measured:onnxruntime-cpu})
 * @param budgetRatio max_i(value_i / limit_i) over the budget's limits (<= 1: feasible)
 */
public record ScaledConfig(int cells, int channels, InputShape input, long macs, long params,
    Map<String, Double> latencyMs, Map<String, String> latencySources, double budgetRatio) {

  public ScaledConfig {
    if (cells < 1 || channels < 1) {
      throw new IllegalArgumentException("cells and channels must be >= 1, got " + cells + ", " + channels);
    }
    if (input == null) {
      throw new IllegalArgumentException("input is required");
    }
    if (macs < 0 || params < 0) {
      throw new IllegalArgumentException("macs and params must be >= 0, got " + macs + ", " + params);
    }
    latencyMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latencyMs));
    latencySources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latencySources));
  }

  /** E.g. {@code N=14 C=48 224x224}. */
  public String describe() {
    return "N=" + cells + " C=" + channels + " " + input.height() + "x" + input.width();
  }
}
