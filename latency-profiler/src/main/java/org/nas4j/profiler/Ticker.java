package org.nas4j.profiler;

/**
 * A monotonic clock in nanoseconds. The profiler reads time only through a {@code Ticker}, so unit tests can drive the
 * timing loop with a fake clock. Implementations must be monotonic; {@link #SYSTEM} is thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /**
   * The current reading in nanoseconds; only differences between readings are meaningful.
   *
   * @return nanoseconds since an arbitrary origin
   */
  long nanos();
}
