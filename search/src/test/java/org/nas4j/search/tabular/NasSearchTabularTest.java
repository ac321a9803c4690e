package org.nas4j.search.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.NasSearch;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.search.strategy.SearchObserver;
import org.nas4j.search.strategy.SearchOutcome;
import org.nas4j.search.strategy.SearchSettings;

/** The search on the real NAS-Bench-201 table (CIFAR-10 accuracy, Pixel 3 latency). */
class NasSearchTabularTest {
  static final String LAT = "latencyMs.pixel3";
  static Nb201GenomeSpace space;
  static TableEvaluator evaluator;
  static RegionHypervolume region;

  @BeforeAll
  static void load() {
    space = new Nb201GenomeSpace();
    CsvTable table = CsvTable.read(Nb201GenomeSpaceTest.TABLE);
    Map<String, String> lat = new LinkedHashMap<>();
    lat.put("pixel3", "hw_c10_pixel3_latency_ms");
    evaluator = new TableEvaluator(space, table, "arch", "cifar10_test_acc", lat, "flops_m_c10", "params_m_c10");
    // The reachable true front: every isomorphism class once, valued as the evaluator values it.
    List<double[]> reachable = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int arch = table.column("arch", "test");
    for (List<String> row : table.rows()) {
      int[] c = space.canonical(space.parse(row.get(arch)));
      if (ids.add(space.archId(c))) {
        reachable.add(new double[] {
          evaluator.expensiveObjectives(c, 0).values().get("error"),
          evaluator.cheapObjectives(c).values().get(LAT)
        });
      }
    }
    region = new RegionHypervolume(reachable);
  }

  static SearchOutcome search(long seed, int evaluations, List<ObjectiveBound> bounds, CandidateEvaluator ev) {
    SearchSettings s = new SearchSettings(List.of("error", LAT), bounds, 20, evaluations, null, seed, true,
        SearchSettings.DEFAULT_POOL_FACTOR);
    return new NasSearch(space, ev, s, Map.of(), SearchObserver.NONE, System::nanoTime).run();
  }

  static double ratio(SearchOutcome o) {
    List<double[]> pts = new ArrayList<>();
    for (Evaluation e : o.evaluations()) {
      if (e.ok()) {
        pts.add(new double[] {e.objectives().get("error"), e.objectives().get(LAT)});
      }
    }
    return region.ratio(pts);
  }

  @Test
  void reachesAHypervolumeWellAboveRandomSearch() {
    SearchOutcome o = search(1, 300, List.of(), evaluator);
    // Rationale: on this metric (region within 10 points of the best accuracy, reachable true front, see
    // benchmarks/search-quality.sh) 300 random distinct architectures reach 0.925 on average (10 seeds, min 0.896)
    // and this search 0.993 (min 0.981; seed 1: 0.991). 0.975 is far above random search and fails on a broken
    // surrogate, selection, initial design or deduplication.
    assertThat(ratio(o)).isGreaterThan(0.975);
    assertThat(o.stopReason()).isEqualTo(SearchOutcome.StopReason.BUDGET);
  }

  @Test
  void budgetCountsDistinctArchitecturesExactly() {
    SearchOutcome o = search(3, 137, List.of(), evaluator);
    assertThat(o.evaluations()).hasSize(137);
    Set<String> ids = new HashSet<>();
    for (Evaluation e : o.evaluations()) {
      assertThat(ids.add(e.archId())).as("duplicate %s", e.arch()).isTrue();
      assertThat(space.archId(space.parse(e.arch()))).isEqualTo(e.archId());
    }
    assertThat(o.generationEvaluations().get(o.generationEvaluations().size() - 1)).isEqualTo(137);
  }

  @Test
  void sameSeedGivesTheSameEvaluationsAndFront() {
    SearchOutcome a = search(7, 120, List.of(), evaluator);
    SearchOutcome b = search(7, 120, List.of(), evaluator);
    assertThat(ids(a.evaluations())).isEqualTo(ids(b.evaluations()));
    assertThat(ids(a.front())).isEqualTo(ids(b.front()));
    SearchOutcome c = search(8, 120, List.of(), evaluator);
    assertThat(ids(c.evaluations())).isNotEqualTo(ids(a.evaluations()));
  }

  @Test
  void everyFrontMemberMeetsTheLatencyConstraint() {
    SearchOutcome o = search(2, 150, List.of(new ObjectiveBound(LAT, 5.0)), evaluator);
    assertThat(o.front()).isNotEmpty();
    for (Evaluation e : o.front()) {
      assertThat(e.objectives().get(LAT)).isLessThanOrEqualTo(5.0);
    }
    // feasibility first: most evaluations are spent on feasible architectures
    long feasible = o.evaluations().stream().filter(e -> e.objectives().get(LAT) <= 5.0).count();
    assertThat(feasible).isGreaterThan(o.evaluations().size() / 2);
  }

  @Test
  void failedEvaluationsAreRecordedAndNeverOnTheFront() {
    // A real table evaluator whose expensive stage fails for cells with an avg_pool on edge 0->1.
    CandidateEvaluator failing = new CandidateEvaluator() {
      @Override public List<String> objectiveNames() {
        return evaluator.objectiveNames();
      }

      @Override public List<String> cheapObjectiveNames() {
        return evaluator.cheapObjectiveNames();
      }

      @Override public ObjectiveValues cheapObjectives(int[] g) {
        return evaluator.cheapObjectives(g);
      }

      @Override public ObjectiveValues expensiveObjectives(int[] g, int fidelity) {
        return g[0] == 4 ? ObjectiveValues.failed("training diverged") : evaluator.expensiveObjectives(g, fidelity);
      }

      @Override public Map<String, Object> provenance() {
        return evaluator.provenance();
      }
    };
    SearchOutcome o = search(4, 100, List.of(), failing);
    assertThat(o.evaluations()).hasSize(100);
    assertThat(o.evaluations()).anyMatch(e -> !e.ok() && e.failureReason().equals("training diverged"));
    assertThat(o.front()).isNotEmpty().allMatch(Evaluation::ok);
  }

  private static List<String> ids(List<Evaluation> es) {
    return es.stream().map(Evaluation::archId).toList();
  }

  @Test
  void timeLimitStopsAtAGenerationBoundary() {
    long[] now = {0};
    // A fake clock that advances one second per reading: the 30 s limit passes after a few generations.
    SearchSettings s = new SearchSettings(List.of("error", LAT), List.of(), 20, 300, java.time.Duration.ofSeconds(30),
        1, true, SearchSettings.DEFAULT_POOL_FACTOR);
    SearchOutcome o = new NasSearch(space, evaluator, s, Map.of(), SearchObserver.NONE,
        () -> now[0] += 1_000_000_000L).run();
    assertThat(o.stopReason()).isEqualTo(SearchOutcome.StopReason.TIME);
    assertThat(o.evaluations().size()).isLessThan(300).isEqualTo(o.generations() * 20);
  }
}
