package org.nas4j.search.strategy;

import java.util.List;
import java.util.function.Function;
import org.moeaframework.core.Solution;
import org.moeaframework.core.constraint.Equal;
import org.moeaframework.core.constraint.LessThanOrEqual;
import org.moeaframework.core.objective.Minimize;
import org.moeaframework.problem.AbstractProblem;

/**
 * The MOEA Framework problem of a search: variables are one {@link IntGene} per gene of the {@link GenomeSpace},
 * objectives the settings' objectives (all minimised), constraints the settings' bounds ({@code LessThanOrEqual}) and
 * a last {@code Equal} constraint "evaluation succeeded", so that a failed candidate is infeasible and loses every
 * comparison. A failed or missing value becomes {@link #FAILED_OBJECTIVE}. Evaluating a solution asks the search
 * for the canonical genome's {@link Evaluation} (which it may have cached or replayed). Not thread-safe.
 */
final class NasProblem extends AbstractProblem {
  /** Objective and constraint value of a failed evaluation. */
  static final double FAILED_OBJECTIVE = 1e30;

  private final GenomeSpace space;
  private final SearchSettings settings;
  private final Function<int[], Evaluation> evaluations;

  /**
   * A problem.
   *
   * @param evaluations the evaluation of a canonical genome
   */
  NasProblem(GenomeSpace space, SearchSettings settings, Function<int[], Evaluation> evaluations) {
    super(space.length(), settings.objectives().size(), settings.constraints().size() + 1);
    this.space = space;
    this.settings = settings;
    this.evaluations = evaluations;
  }

  @Override
  public String getName() {
    return "nas-" + space.name();
  }

  @Override
  public Solution newSolution() {
    int[] lo = space.lowerBounds();
    int[] hi = space.upperBounds();
    Solution s = new Solution(getNumberOfVariables(), getNumberOfObjectives(), getNumberOfConstraints());
    for (int i = 0; i < lo.length; i++) {
      s.setVariable(i, new IntGene(lo[i], hi[i]));
    }
    for (int k = 0; k < settings.objectives().size(); k++) {
      s.setObjective(k, Minimize.value(settings.objectives().get(k)));
    }
    for (int c = 0; c < settings.constraints().size(); c++) {
      ObjectiveBound b = settings.constraints().get(c);
      s.setConstraint(c, LessThanOrEqual.to(b.name(), b.max()));
    }
    s.setConstraint(settings.constraints().size(), Equal.to("evaluationFailed", 0));
    return s;
  }

  /** A new solution holding {@code genome}. */
  Solution solutionOf(int[] genome) {
    Solution s = newSolution();
    for (int i = 0; i < genome.length; i++) {
      ((IntGene) s.getVariable(i)).setValue(genome[i]);
    }
    return s;
  }

  @Override
  public void evaluate(Solution s) {
    Evaluation e = evaluations.apply(space.canonical(IntGene.genome(s)));
    List<String> objectives = settings.objectives();
    for (int k = 0; k < objectives.size(); k++) {
      Double v = e.objectives().get(objectives.get(k));
      s.setObjectiveValue(k, e.ok() && v != null ? v : FAILED_OBJECTIVE);
    }
    for (int c = 0; c < settings.constraints().size(); c++) {
      Double v = e.objectives().get(settings.constraints().get(c).name());
      s.setConstraintValue(c, e.ok() && v != null ? v : FAILED_OBJECTIVE);
    }
    s.setConstraintValue(settings.constraints().size(), e.ok() ? 0 : 1);
  }
}
