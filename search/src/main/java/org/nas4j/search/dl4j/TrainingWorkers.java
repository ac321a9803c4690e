package org.nas4j.search.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs DL4J work (trainings, evaluations) on a fixed number of daemon threads, each set up with {@link
 * Dl4jRuntime#initThread()} so that it trains exactly like one training at a time would, and hands the results back
 * in submission order. An exception of a task is rethrown on the calling thread as itself (unchecked) or wrapped.
 */
public final class TrainingWorkers {
  /** Upper limit of {@link #defaultCount()}. */
  public static final int MAX_DEFAULT = 4;

  private TrainingWorkers() {}

  /**
   * The default number of trainings at once: one per available core (trainings are single-threaded by default), at
   * most {@value #MAX_DEFAULT} (each holds a network, its updater state and workspaces in memory).
   */
  public static int defaultCount() {
    return Math.max(1, Math.min(MAX_DEFAULT, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Runs {@code tasks} on {@code threads} threads, earliest first, and passes each result to {@code inOrder} on the
   * calling thread in task order as soon as it and all before it are done; returns the results in task order.
   *
   * @param name thread name prefix
   */
  public static <T> List<T> runInOrder(int threads, String name, List<Callable<T>> tasks, Consumer<T> inOrder) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          Dl4jRuntime.initThread();
          return task.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        T r = f.get();
        results.add(r);
        inOrder.accept(r);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name + " work", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause(), name + " work failed");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Throws {@code failure} of a task run on another thread on the calling thread: as itself when it is unchecked,
   * else wrapped in an {@link IllegalStateException} with {@code message}. Declared to return so that callers can
   * write {@code throw rethrow(...)}; it never returns.
   */
  public static RuntimeException rethrow(Throwable failure, String message) {
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(message, failure);
  }
}
