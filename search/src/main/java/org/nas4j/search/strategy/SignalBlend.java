package org.nas4j.search.strategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accuracy objective of a search that blends the proxy error with a training-free score whose higher values
 * predict higher accuracy (NASWOT): {@code signalError = (z(error) - z(score)) / 2}, the mean of the proxy accuracy's
 * and the score's standard scores, negated so that lower is better (standard units, not a fraction). It ranks like
 * {@code z(accuracy) + z(score)}, the combination measured in benchmarks/results/signals.md. The means and standard
 * deviations are those of the run's initial population (its successful evaluations, in evaluation order), fixed once
 * that population has been evaluated, so that every candidate's value is its own and a resumed run recomputes the same
 * constants from its replayed evaluations. A score's standard score is clipped to [-{@value #Z_LIMIT}, {@value
 * #Z_LIMIT}] so that no single outlier decides a ranking; a score that is not finite (NASWOT's kernel is singular when
 * the network cannot tell the minibatch's images apart) counts as {@code -}{@value #Z_LIMIT}. With fewer than two
 * finite scores, or none that differ, the score gets no weight; errors that do not differ (a proxy too short to learn
 * anything) get none either, and the score alone ranks.
 *
 * @param score the blended score's objective name (e.g. {@code naswot})
 * @param count successful evaluations the constants were taken from
 * @param meanError their mean proxy error
 * @param sdError its population standard deviation (0: the error gets no weight)
 * @param meanScore the mean of their finite scores
 * @param sdScore its population standard deviation (0: the score gets no weight)
 */
public record SignalBlend(String score, int count, double meanError, double sdError, double meanScore,
    double sdScore) {

  /** Bound of a score's standard score. */
  public static final double Z_LIMIT = 3.0;

  /** The constants of {@code initial}, the initial population's evaluations (failed ones are skipped). */
  public static SignalBlend fit(String score, Collection<Evaluation> initial) {
    List<Double> errors = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (Evaluation e : initial) {
      Double err = e.objectives().get(Objective.ERROR.name());
      if (!e.ok() || err == null) {
        continue;
      }
      errors.add(err);
      Double s = e.objectives().get(score);
      if (s != null && Double.isFinite(s)) {
        scores.add(s);
      }
    }
    double[] err = moments(errors);
    double[] sc = moments(scores);
    return new SignalBlend(score, errors.size(), err[0], err[1], sc[0], scores.size() < 2 ? 0 : sc[1]);
  }

  private static double[] moments(List<Double> xs) {
    if (xs.isEmpty()) {
      return new double[] {0, 0};
    }
    double mean = 0;
    for (double x : xs) {
      mean += x;
    }
    mean /= xs.size();
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return new double[] {mean, Math.sqrt(ss / xs.size())};
  }

  /** The score's standard score, clipped; {@code -Z_LIMIT} when not finite, 0 when the score gets no weight. */
  double z(double score) {
    if (!(sdScore > 0)) {
      return 0;
    }
    if (!Double.isFinite(score)) {
      return -Z_LIMIT;
    }
    return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, (score - meanScore) / sdScore));
  }

  /** The blended objective of values that hold {@code error}; a missing score counts as the lowest. */
  public double signalError(Map<String, Double> objectives) {
    double error = objectives.get(Objective.ERROR.name());
    double zError = sdError > 0 ? (error - meanError) / sdError : 0;
    Double s = objectives.get(score);
    return (zError - z(s == null ? Double.NaN : s)) / 2;
  }

  /** {@code objectives} with {@code signalError} added (or replaced). */
  public Map<String, Double> withSignal(Map<String, Double> objectives) {
    Map<String, Double> out = new LinkedHashMap<>(objectives);
    out.put(Objective.SIGNAL_ERROR.name(), signalError(objectives));
    return out;
  }

  /** As recorded in run.json. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", Objective.SIGNAL_ERROR.name());
    m.put("formula", "((error - meanError) / sdError - clip((" + score + " - meanScore) / sdScore, -3, 3)) / 2");
    m.put("score", score);
    m.put("fittedOn", count + " successful evaluations of the initial population");
    m.put("meanError", meanError);
    m.put("sdError", sdError);
    m.put("meanScore", meanScore);
    m.put("sdScore", sdScore);
    return m;
  }
}
