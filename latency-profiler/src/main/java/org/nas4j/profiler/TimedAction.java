package org.nas4j.profiler;

/** One unit of work whose duration is measured, for example one {@code session.run} including closing its result. */
@FunctionalInterface
public interface TimedAction {
  /**
   * Runs the work once.
   *
   * @throws Exception whatever the work throws; the timing loop stops and rethrows it wrapped
   */
  void run() throws Exception;
}
