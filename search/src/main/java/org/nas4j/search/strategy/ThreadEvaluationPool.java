package org.nas4j.search.strategy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * An {@link EvaluationPool} of daemon threads in this JVM, each calling the same {@link CandidateEvaluator} (whose
 * {@code expensiveObjectives} must then be thread-safe, see {@link CandidateEvaluator#concurrency()}). Thread-safe.
 */
public final class ThreadEvaluationPool implements EvaluationPool {
  private final CandidateEvaluator evaluator;
  private final LongSupplier nanoClock;
  private final int threads;
  private final ExecutorService workers;

  /**
   * A pool.
   *
   * @param evaluator runs the tasks
   * @param threads worker threads, >= 1
   * @param nanoClock monotonic nanoseconds, for the results' timings
   */
  public ThreadEvaluationPool(CandidateEvaluator evaluator, int threads, LongSupplier nanoClock) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.evaluator = evaluator;
    this.nanoClock = nanoClock;
    this.threads = threads;
    AtomicInteger count = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nas-eval-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public int capacity() {
    return threads;
  }

  @Override
  public CompletableFuture<TaskResult> submit(EvaluationTask task) {
    return CompletableFuture.supplyAsync(() -> run(evaluator, task, nanoClock), workers);
  }

  /** Runs one task on the calling thread: the expensive stage, timed. */
  static TaskResult run(CandidateEvaluator evaluator, EvaluationTask task, LongSupplier nanoClock) {
    long t0 = nanoClock.getAsLong();
    ObjectiveValues v = evaluator.expensiveObjectives(task.genome(), task.fidelity());
    return new TaskResult(task.archId(), v, nanoClock.getAsLong() - t0);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
