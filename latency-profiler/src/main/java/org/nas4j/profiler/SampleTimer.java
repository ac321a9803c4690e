package org.nas4j.profiler;

import java.util.Arrays;

/**
 * The timing loop: warm-up runs, then timed runs, each timed individually with a {@link Ticker}. Only the action is
 * inside the timed region. Stateless and thread-safe; what is thread-safe about the action is up to the caller.
 */
public final class SampleTimer {
  private final Ticker ticker;

  /** A timer reading the given clock. */
  public SampleTimer(Ticker ticker) {
    if (ticker == null) {
      throw new IllegalArgumentException("ticker is required");
    }
    this.ticker = ticker;
  }

  /**
   * Runs {@code warmupRuns} untimed runs, then timed runs until both at least {@code minRuns} were timed and the timed
   * runs add up to at least {@code minTimeNanos} (0 means no time floor), capped at {@code maxRuns}.
   *
   * @return one sample per timed run, in milliseconds, in the order measured
   * @throws Exception whatever the action throws
   */
  public double[] time(TimedAction action, int warmupRuns, int minRuns, long minTimeNanos, int maxRuns)
      throws Exception {
    if (warmupRuns < 0) {
      throw new IllegalArgumentException("warmupRuns must be >= 0, got " + warmupRuns);
    }
    if (minRuns < 1) {
      throw new IllegalArgumentException("minRuns must be >= 1, got " + minRuns);
    }
    if (maxRuns < minRuns) {
      throw new IllegalArgumentException("maxRuns must be >= minRuns (" + minRuns + "), got " + maxRuns);
    }
    for (int i = 0; i < warmupRuns; i++) {
      action.run();
    }
    double[] samples = new double[Math.min(maxRuns, Math.max(minRuns, 1024))];
    int n = 0;
    long total = 0;
    while (n < maxRuns && (n < minRuns || total < minTimeNanos)) {
      long start = ticker.nanos();
      action.run();
      long elapsed = ticker.nanos() - start;
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, Math.min(maxRuns, samples.length * 2));
      }
      samples[n++] = elapsed / 1e6;
      total += elapsed;
    }
    return Arrays.copyOf(samples, n);
  }

  /** Times one run of the action, in milliseconds. */
  public double timeOnce(TimedAction action) throws Exception {
    long start = ticker.nanos();
    action.run();
    return (ticker.nanos() - start) / 1e6;
  }
}
