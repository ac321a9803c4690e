package org.nas4j.search.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.nas4j.search.tabular.Nb201GenomeSpace;
import org.nas4j.search.tabular.TableEvaluator;

/** The loop on the real NB201 table: its outcome does not depend on where expensive stages run; replay is exact. */
class NasSearchTest {
  static final String LAT = Nb201Table.LAT;
  static final Nb201GenomeSpace space = Nb201Table.SPACE;
  static final TableEvaluator table = Nb201Table.evaluator();

  static SearchSettings settings(int evaluations) {
    return new SearchSettings(List.of("error", LAT), List.of(), 10, evaluations, null, 21, true,
        SearchSettings.DEFAULT_POOL_FACTOR);
  }

  /** An observer that passes each evaluation and whether it was replayed to {@code sink}. */
  static SearchObserver onEvaluated(java.util.function.BiConsumer<Evaluation, Boolean> sink) {
    return new SearchObserver() {
      @Override
      public void evaluated(Evaluation evaluation, boolean fromReplay) {
        sink.accept(evaluation, fromReplay);
      }

      @Override
      public void generationDone(GenerationState state) {}
    };
  }

  static List<String> ids(SearchOutcome o) {
    return o.evaluations().stream().map(Evaluation::archId).toList();
  }

  @Test
  void aPoolOfThreadsGivesTheInlineSearchsOutcome() {
    SearchOutcome inline =
        new NasSearch(space, table, settings(80), Map.of(), SearchObserver.NONE, System::nanoTime).run();
    List<String> submitted = new ArrayList<>();
    SearchOutcome pooled;
    try (ThreadEvaluationPool threads = new ThreadEvaluationPool(table, 3, System::nanoTime)) {
      // Records what the loop hands over; the work runs on the real pool.
      EvaluationPool recording = new EvaluationPool() {
        @Override
        public int capacity() {
          return threads.capacity();
        }

        @Override
        public CompletableFuture<TaskResult> submit(EvaluationTask task) {
          submitted.add(task.archId());
          return threads.submit(task);
        }

        @Override
        public void close() {
          threads.close();
        }
      };
      pooled = new NasSearch(space, table, settings(80), Map.of(), SearchObserver.NONE, System::nanoTime, recording)
          .run();
    }
    assertThat(ids(pooled)).isEqualTo(ids(inline));
    assertThat(pooled.front().stream().map(Evaluation::archId).toList())
        .isEqualTo(inline.front().stream().map(Evaluation::archId).toList());
    assertThat(pooled.generationEvaluations()).isEqualTo(inline.generationEvaluations());
    // Every evaluated candidate went through the pool, each once, in the order the search consumed them.
    assertThat(submitted).isEqualTo(ids(inline));
  }

  @Test
  void aResumedSearchReplaysRecordedEvaluationsAndContinuesExactly() {
    SearchOutcome whole =
        new NasSearch(space, table, settings(60), Map.of(), SearchObserver.NONE, System::nanoTime).run();
    Map<String, Evaluation> firstHalf = new LinkedHashMap<>();
    for (Evaluation e : whole.evaluations().subList(0, 30)) {
      firstHalf.put(e.archId(), e);
    }
    List<Boolean> replayed = new ArrayList<>();
    SearchObserver observer = onEvaluated((evaluation, fromReplay) -> replayed.add(fromReplay));
    SearchOutcome resumed =
        new NasSearch(space, table, settings(60), firstHalf, observer, System::nanoTime).run();
    assertThat(ids(resumed)).isEqualTo(ids(whole));
    assertThat(replayed.subList(0, 30)).containsOnly(true);
    assertThat(replayed.subList(30, 60)).containsOnly(false);
  }

  /** The table's evaluator with a training-free score: its parameter count, known to rank NB201 cells. */
  static CandidateEvaluator withScore() {
    return new ForwardingEvaluator(table) {
      @Override
      public List<String> objectiveNames() {
        List<String> names = new ArrayList<>(super.objectiveNames());
        names.add("score");
        return names;
      }

      @Override
      public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
        ObjectiveValues v = super.expensiveObjectives(genome, fidelity);
        if (!v.ok()) {
          return v;
        }
        Map<String, Double> values = new LinkedHashMap<>(v.values());
        values.put("score", super.cheapObjectives(genome).values().get("params"));
        return ObjectiveValues.ok(values, v.latencySources());
      }
    };
  }

  static SearchSettings blended(int evaluations) {
    return new SearchSettings(List.of("signalError", LAT), List.of(), 10, evaluations, null, 21, true,
        SearchSettings.DEFAULT_POOL_FACTOR, Strategy.NSGA2, "score");
  }

  @Test
  void aBlendedSearchRanksBySignalErrorWithConstantsOfItsInitialPopulation() {
    List<Evaluation> observed = new ArrayList<>();
    SearchObserver observer = onEvaluated((evaluation, fromReplay) -> observed.add(evaluation));
    SearchOutcome o = new NasSearch(space, withScore(), blended(60), Map.of(), observer, System::nanoTime).run();
    assertThat(o.evaluations()).hasSize(60);
    SignalBlend b = o.blend();
    assertThat(b).isEqualTo(SignalBlend.fit("score", o.evaluations().subList(0, 10)));
    assertThat(b.count()).isEqualTo(10);
    assertThat(b.sdScore()).isPositive();
    for (Evaluation e : o.evaluations()) {
      assertThat(e.objectives().get("signalError")).as(e.arch()).isEqualTo(b.signalError(e.objectives()));
    }
    // The observer saw every evaluation once, in order, the initial population's with their signal too.
    assertThat(observed).isEqualTo(o.evaluations());
    assertThat(o.front()).isEqualTo(ParetoFronts.front(o.evaluations(), List.of("signalError", LAT), List.of()));
    // The score changes what is searched.
    SearchOutcome plain = new NasSearch(space, table, settings(60), Map.of(), SearchObserver.NONE, System::nanoTime)
        .run();
    assertThat(ids(o)).isNotEqualTo(ids(plain));

    // A resumed blended search recomputes the same constants and continues exactly, also from inside its initial
    // population.
    for (int kept : new int[] {5, 30}) {
      Map<String, Evaluation> part = new LinkedHashMap<>();
      o.evaluations().subList(0, kept).forEach(e -> part.put(e.archId(), e));
      SearchOutcome resumed = new NasSearch(space, withScore(), blended(60), part, SearchObserver.NONE,
          System::nanoTime).run();
      // Same architectures with the same values (timings differ: they are measured again).
      assertThat(resumed.evaluations().stream().map(Evaluation::objectives).toList()).as("resumed after %d", kept)
          .isEqualTo(o.evaluations().stream().map(Evaluation::objectives).toList());
      assertThat(ids(resumed)).isEqualTo(ids(o));
      assertThat(resumed.blend()).isEqualTo(b);
    }
  }

  @Test
  void aBlendNeedsItsScoreFromTheEvaluator() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NasSearch(space, table, blended(20), Map.of(),
        SearchObserver.NONE, System::nanoTime)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("score");
  }
}
