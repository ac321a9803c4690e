package org.nas4j.search.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nas4j.search.tabular.Nb201GenomeSpace;
import org.nas4j.search.tabular.TableEvaluator;

/** The thread pool on the real NAS-Bench-201 table evaluator. */
class ThreadEvaluationPoolTest {
  static final Nb201GenomeSpace space = Nb201Table.SPACE;
  static final TableEvaluator table = Nb201Table.evaluator();

  static EvaluationTask task(int[] genome) {
    int[] c = space.canonical(genome);
    return new EvaluationTask(space.archId(c), c, 0);
  }

  @Test
  void resultsAreTheEvaluatorsUnderTheTasksIds() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    List<EvaluationTask> tasks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      tasks.add(task(space.sample(random)));
    }
    List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
    try (ThreadEvaluationPool pool = new ThreadEvaluationPool(table, 3, System::nanoTime)) {
      assertThat(pool.capacity()).isEqualTo(3);
      for (EvaluationTask t : tasks) {
        futures.add(pool.submit(t));
      }
      for (int i = 0; i < tasks.size(); i++) {
        TaskResult r = futures.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.archId()).isEqualTo(tasks.get(i).archId());
        assertThat(r.values()).isEqualTo(table.expensiveObjectives(tasks.get(i).genome(), 0));
        assertThat(r.nanos()).isNotNegative();
      }
    }
  }

  @Test
  void runsAsManyTasksAtOnceAsItHasThreads() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    CandidateEvaluator waiting = new DelegatingEvaluator(table) {
      @Override
      public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
        bothStarted.countDown();
        try {
          // Returns only once the other task runs too: a pool running one task at a time would fail here.
          return bothStarted.await(20, TimeUnit.SECONDS) ? super.expensiveObjectives(genome, fidelity)
              : ObjectiveValues.failed("ran alone");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ObjectiveValues.failed("interrupted");
        }
      }
    };
    SplittableRandom random = new SplittableRandom(4);
    try (ThreadEvaluationPool pool = new ThreadEvaluationPool(waiting, 2, System::nanoTime)) {
      CompletableFuture<TaskResult> a = pool.submit(task(space.sample(random)));
      CompletableFuture<TaskResult> b = pool.submit(task(space.sample(random)));
      assertThat(a.get(30, TimeUnit.SECONDS).values().ok()).isTrue();
      assertThat(b.get(30, TimeUnit.SECONDS).values().ok()).isTrue();
    }
  }

  @Test
  void anEvaluatorExceptionCompletesTheFutureExceptionally() {
    CandidateEvaluator broken = new DelegatingEvaluator(table) {
      @Override
      public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
        throw new IllegalStateException("disk gone");
      }
    };
    try (ThreadEvaluationPool pool = new ThreadEvaluationPool(broken, 1, System::nanoTime)) {
      CompletableFuture<TaskResult> f = pool.submit(task(space.sample(new SplittableRandom(5))));
      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("disk gone");
    }
  }

  @Test
  void taskCopiesItsGenomeAndRejectsBadFields() {
    int[] g = space.canonical(space.sample(new SplittableRandom(6)));
    EvaluationTask t = new EvaluationTask(space.archId(g), g, 0);
    int before = g[0];
    g[0] = before + 1;
    assertThat(t.genome()[0]).isEqualTo(before);
    assertThat(t).isEqualTo(new EvaluationTask(t.archId(), t.genome(), 0));
    assertThatThrownBy(() -> new EvaluationTask(" ", g, 0)).hasMessageContaining("archId");
    assertThatThrownBy(() -> new EvaluationTask("x", g, -1)).hasMessageContaining("fidelity must be >= 0, got -1");
    assertThatThrownBy(() -> new ThreadEvaluationPool(table, 0, System::nanoTime))
        .hasMessageContaining("threads must be >= 1, got 0");
  }

  /** Forwards every call to a real evaluator; tests override one method to observe or break it. */
  static class DelegatingEvaluator extends ForwardingEvaluator {
    DelegatingEvaluator(CandidateEvaluator inner) {
      super(inner);
    }
  }
}
