package org.nas4j.search.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Surrogate pre-screening of offspring: predicts the expensive objectives of a pool of candidates with a ridge
 * regression on {@link GenomeSpace#features}, fitted on the evaluated architectures only (targets clipped at their
 * median, so the model ranks the good half instead of fitting degenerate cells), takes the cheap objectives exactly,
 * and picks the members that greedily maximise the predicted hypervolume improvement over the evaluated front
 * (normalised to the front's range; ties broken by the distance to non-dominance). Deterministic; not thread-safe.
 */
final class SurrogateScreen {
  /** Ridge penalty of the surrogate (on clipped targets and space features). */
  static final double RIDGE_LAMBDA = 10;
  /** Share of the kNN prediction in the surrogate (0 = ridge only; measured no better on NB201). */
  static final double KNN_SHARE = 0;

  private final GenomeSpace space;
  private final SearchSettings settings;
  private final List<String> expensiveObjectives;

  /**
   * A screen.
   *
   * @param expensiveObjectives the searched objectives that the surrogate predicts; the others are cheap and exact
   */
  SurrogateScreen(GenomeSpace space, SearchSettings settings, List<String> expensiveObjectives) {
    this.space = space;
    this.settings = settings;
    this.expensiveObjectives = List.copyOf(expensiveObjectives);
  }

  /**
   * The {@code n} members of {@code pool} to evaluate, in the order chosen: all of {@code pool} when it has at most
   * {@code n}; its first {@code n} while fewer than 5 evaluations succeeded; otherwise greedily the member with the
   * largest predicted hypervolume improvement over the evaluated front (ties: the smallest distance to
   * non-dominance), cheap-feasible members first. Neither argument is mutated.
   *
   * @param pool distinct candidates with exact cheap objectives
   * @param n how many to choose, >= 0
   * @param evaluated every evaluation so far, in evaluation order
   */
  List<Candidate> choose(List<Candidate> pool, int n, Collection<Evaluation> evaluated) {
    if (pool.size() <= n) {
      return pool;
    }
    List<Evaluation> ok = new ArrayList<>();
    for (Evaluation e : evaluated) {
      if (e.ok()) {
        ok.add(e);
      }
    }
    if (ok.size() < 5) {
      return pool.subList(0, n);
    }
    List<String> objectives = settings.objectives();
    int m = objectives.size();
    double[][] pred = predict(pool, ok);
    List<double[]> front = new ArrayList<>();
    for (Evaluation e : ParetoFronts.front(ok, objectives, settings.constraints())) {
      front.add(ParetoFronts.vector(e, objectives));
    }
    // Normalise: lower bound over front and pool, upper bound the front's nadir.
    double[] lo = new double[m];
    double[] hi = new double[m];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] v : front) {
      for (int k = 0; k < m; k++) {
        lo[k] = Math.min(lo[k], v[k]);
        hi[k] = Math.max(hi[k], v[k]);
      }
    }
    for (double[] v : pred) {
      for (int k = 0; k < m; k++) {
        lo[k] = Math.min(lo[k], v[k]);
      }
    }
    for (int k = 0; k < m; k++) {
      if (!(hi[k] > lo[k])) {
        hi[k] = lo[k] + 1;
      }
    }
    List<double[]> current = new ArrayList<>();
    for (double[] v : front) {
      current.add(normalise(v, lo, hi));
    }
    double[][] np = new double[pool.size()][];
    for (int i = 0; i < pool.size(); i++) {
      np[i] = normalise(pred[i], lo, hi);
    }
    return greedy(pool, n, current, np, cheapFeasible(pool));
  }

  /** Predicted objective vectors of the pool: cheap ones exact, expensive ones from a model per objective. */
  private double[][] predict(List<Candidate> pool, List<Evaluation> ok) {
    List<String> objectives = settings.objectives();
    int m = objectives.size();
    double[][] pred = new double[pool.size()][m];
    for (int k = 0; k < m; k++) {
      String name = objectives.get(k);
      if (expensiveObjectives.contains(name)) {
        List<double[]> xs = new ArrayList<>();
        double[] ys = new double[ok.size()];
        for (int i = 0; i < ok.size(); i++) {
          xs.add(space.features(ok.get(i).genome()));
          ys[i] = ok.get(i).objectives().get(name);
        }
        // Robust target: values above the median are clipped to it, so the model ranks the good half well
        // instead of fitting the degenerate tail.
        double[] sorted = ys.clone();
        Arrays.sort(sorted);
        double clip = sorted[(sorted.length - 1) / 2];
        for (int i = 0; i < ys.length; i++) {
          ys[i] = Math.min(ys[i], clip);
        }
        ObjectiveModel model = new RidgeKnnModel(RIDGE_LAMBDA, 5, KNN_SHARE);
        model.fit(xs, ys);
        for (int i = 0; i < pool.size(); i++) {
          pred[i][k] = model.predict(space.features(pool.get(i).genome()));
        }
      } else {
        for (int i = 0; i < pool.size(); i++) {
          pred[i][k] = pool.get(i).cheap().values().get(name);
        }
      }
    }
    return pred;
  }

  /** Per pool member, whether it meets every bound on its cheap objectives; those that do not come last. */
  private boolean[] cheapFeasible(List<Candidate> pool) {
    boolean[] cheapFeasible = new boolean[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      cheapFeasible[i] = true;
      for (ObjectiveBound b : settings.constraints()) {
        Double v = pool.get(i).cheap().values().get(b.name());
        if (v != null && v > b.max()) {
          cheapFeasible[i] = false;
        }
      }
    }
    return cheapFeasible;
  }

  /**
   * Greedily the {@code n} members with the largest hypervolume gain over {@code current} (normalised, reference 1.1),
   * ties broken by the distance to non-dominance, cheap-feasible members first.
   */
  private static List<Candidate> greedy(List<Candidate> pool, int n, List<double[]> current, double[][] np,
      boolean[] cheapFeasible) {
    double[] ref = new double[np.length == 0 ? 0 : np[0].length];
    Arrays.fill(ref, 1.1);
    boolean[] taken = new boolean[pool.size()];
    List<Candidate> chosen = new ArrayList<>();
    while (chosen.size() < n) {
      double base = Hypervolumes.volume(current, ref);
      int best = -1;
      double bestGain = 0;
      double bestGap = Double.POSITIVE_INFINITY;
      boolean bestFeasible = false;
      for (int i = 0; i < pool.size(); i++) {
        if (taken[i]) {
          continue;
        }
        if (bestFeasible && !cheapFeasible[i]) {
          continue;
        }
        List<double[]> with = new ArrayList<>(current);
        with.add(np[i]);
        double gain = Hypervolumes.volume(with, ref) - base;
        double gap = gain > 0 ? -gain : dominanceGap(np[i], current);
        boolean better =
            best < 0 || (cheapFeasible[i] && !bestFeasible) || gap < bestGap;
        if (better) {
          best = i;
          bestGap = gap;
          bestGain = gain;
          bestFeasible = cheapFeasible[i];
        }
      }
      taken[best] = true;
      chosen.add(pool.get(best));
      current.add(np[best]);
      current = Hypervolumes.nondominated(current);
      if (bestGain < 0) {
        throw new IllegalStateException("negative hypervolume gain");
      }
    }
    return chosen;
  }

  private static double[] normalise(double[] v, double[] lo, double[] hi) {
    double[] r = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      r[k] = (v[k] - lo[k]) / (hi[k] - lo[k]);
    }
    return r;
  }

  /** The smallest amount that, subtracted from every coordinate of {@code p}, makes it non-dominated. */
  private static double dominanceGap(double[] p, List<double[]> front) {
    double gap = 0;
    for (double[] f : front) {
      double least = Double.POSITIVE_INFINITY;
      for (int k = 0; k < p.length; k++) {
        least = Math.min(least, p[k] - f[k]);
      }
      // p is weakly dominated by f iff least >= 0; moving p by more than 'least' escapes f.
      gap = Math.max(gap, least);
    }
    return gap;
  }
}
