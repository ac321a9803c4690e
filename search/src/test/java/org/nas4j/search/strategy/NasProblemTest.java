package org.nas4j.search.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.moeaframework.core.Solution;
import org.nas4j.search.tabular.Nb201GenomeSpace;
import org.nas4j.search.tabular.TableEvaluator;

/** The MOEA adapter on NB201 genomes valued by the real table. */
class NasProblemTest {
  static final String LAT = Nb201Table.LAT;
  static final Nb201GenomeSpace space = Nb201Table.SPACE;
  static final TableEvaluator table = Nb201Table.evaluator();

  static SearchSettings settings(List<ObjectiveBound> bounds) {
    return new SearchSettings(List.of("error", LAT), bounds, 20, 100, null, 1, true,
        SearchSettings.DEFAULT_POOL_FACTOR);
  }

  static Evaluation evaluation(int[] canonical, boolean ok) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (ok) {
      values.putAll(table.cheapObjectives(canonical).values());
      values.putAll(table.expensiveObjectives(canonical, 0).values());
    }
    return new Evaluation(space.archId(canonical), space.describe(canonical), canonical, values, Map.of(), 0,
        ok ? Evaluation.Status.OK : Evaluation.Status.FAILED, ok ? null : "diverged", Map.of());
  }

  @Test
  void solutionsHoldTheGenomeAndGetTheCanonicalEvaluationsValues() {
    List<int[]> asked = new ArrayList<>();
    NasProblem problem = new NasProblem(space, settings(List.of()), c -> {
      asked.add(c);
      return evaluation(c, true);
    });
    assertThat(problem.getNumberOfVariables()).isEqualTo(space.length());
    assertThat(problem.getNumberOfObjectives()).isEqualTo(2);
    assertThat(problem.getNumberOfConstraints()).isEqualTo(1);
    assertThat(problem.getName()).isEqualTo("nas-" + space.name());
    int[] genome = space.sample(new SplittableRandom(11));
    Solution s = problem.solutionOf(genome);
    assertThat(IntGene.genome(s)).containsExactly(genome);
    problem.evaluate(s);
    int[] canonical = space.canonical(genome);
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)).containsExactly(canonical);
    assertThat(s.getObjectiveValue(0)).isEqualTo(table.expensiveObjectives(canonical, 0).values().get("error"));
    assertThat(s.getObjectiveValue(1)).isEqualTo(table.cheapObjectives(canonical).values().get(LAT));
    assertThat(s.isFeasible()).isTrue();
  }

  @Test
  void aFailedEvaluationIsInfeasibleWithTheFailedValue() {
    NasProblem problem = new NasProblem(space, settings(List.of(new ObjectiveBound(LAT, 5))),
        c -> evaluation(c, false));
    Solution s = problem.solutionOf(space.sample(new SplittableRandom(12)));
    problem.evaluate(s);
    assertThat(s.getObjectiveValue(0)).isEqualTo(NasProblem.FAILED_OBJECTIVE);
    assertThat(s.getObjectiveValue(1)).isEqualTo(NasProblem.FAILED_OBJECTIVE);
    assertThat(s.getConstraintValue(1)).isEqualTo(1.0);
    assertThat(s.isFeasible()).isFalse();
  }

  @Test
  void boundsBecomeLessThanOrEqualConstraints() {
    // The first architecture slower than 5 ms and the first faster one, in the seed's draw order.
    SplittableRandom random = new SplittableRandom(13);
    int[] slow = null;
    int[] fast = null;
    while (slow == null || fast == null) {
      int[] c = space.canonical(space.sample(random));
      double ms = table.cheapObjectives(c).values().get(LAT);
      if (ms > 5 && slow == null) {
        slow = c;
      } else if (ms <= 5 && fast == null) {
        fast = c;
      }
    }
    NasProblem problem = new NasProblem(space, settings(List.of(new ObjectiveBound(LAT, 5))),
        c -> evaluation(c, true));
    Solution s = problem.solutionOf(slow);
    problem.evaluate(s);
    assertThat(s.getConstraintValue(0)).isEqualTo(table.cheapObjectives(slow).values().get(LAT));
    assertThat(s.isFeasible()).isFalse();
    Solution f = problem.solutionOf(fast);
    problem.evaluate(f);
    assertThat(f.isFeasible()).isTrue();
  }
}
