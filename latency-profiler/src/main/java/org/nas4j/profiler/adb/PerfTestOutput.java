package org.nas4j.profiler.adb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The latencies {@code onnxruntime_perf_test} prints after a {@code -m times} run. It prints (ONNX Runtime 1.1x):
 * {@code Total inference requests: N}, {@code Average inference time cost: X ms} (newer builds: {@code Average
 * inference time cost total: X ms}), {@code Min Latency: X s}, {@code Max Latency: X s}, {@code P50 Latency: X s},
 * {@code P90 Latency: X s}, {@code P95 Latency}, {@code P99 Latency}, {@code P999 Latency} (percentiles in
 * seconds), and ONNX Runtime's warning {@code Some nodes were not assigned to the preferred execution providers}
 * when part of the graph fell back to the CPU. All latencies here are milliseconds.
 *
 * @param runs timed inference requests
 * @param meanMs average latency
 * @param minMs minimum latency
 * @param maxMs maximum latency
 * @param p50Ms median latency
 * @param p90Ms 90th percentile
 * @param partialFallback true when ONNX Runtime reported nodes not assigned to the requested execution provider
 */
public record PerfTestOutput(int runs, double meanMs, double minMs, double maxMs, double p50Ms, double p90Ms,
    boolean partialFallback) {
  private static final Pattern RUNS = Pattern.compile("Total inference requests:\\s*(\\d+)");
  private static final Pattern MEAN = Pattern.compile("Average inference time cost(?: total)?:\\s*([0-9.eE+-]+)\\s*ms");

  /**
   * Parses the output.
   *
   * @throws InvalidArgumentException (exit 2) when a required line is missing or not a number: the binary is not
   *     {@code onnxruntime_perf_test} or prints another format
   */
  public static PerfTestOutput parse(String text) {
    int runs = (int) number(RUNS, text, "Total inference requests");
    double mean = number(MEAN, text, "Average inference time cost");
    double p50 = seconds(text, "P50") * 1e3;
    double p90 = seconds(text, "P90") * 1e3;
    double min = seconds(text, "Min") * 1e3;
    double max = seconds(text, "Max") * 1e3;
    if (runs < 1 || !(p50 > 0) || !(mean > 0) || min > p50 || p50 > max) {
      throw new InvalidArgumentException("onnxruntime_perf_test printed inconsistent latencies (runs " + runs
          + ", P50 " + p50 + " ms, min " + min + " ms, max " + max + " ms)");
    }
    boolean fallback = text.contains("Some nodes were not assigned to the preferred execution providers");
    return new PerfTestOutput(runs, mean, min, max, p50, p90, fallback);
  }

  private static double seconds(String text, String label) {
    return number(Pattern.compile(label + " Latency:\\s*([0-9.eE+-]+)\\s*s\\b"), text, label + " Latency");
  }

  private static double number(Pattern p, String text, String label) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new InvalidArgumentException("cannot parse onnxruntime_perf_test output: no '" + label + "' line ("
          + firstLine(text) + "); is adb.perfTest really onnxruntime_perf_test?");
    }
    try {
      return Double.parseDouble(m.group(1));
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("cannot parse onnxruntime_perf_test output: '" + label + "' is not a number: "
          + m.group(1), e);
    }
  }

  static String firstLine(String text) {
    String t = text.strip();
    String line = t.isEmpty() ? "empty output" : t.lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }
}
