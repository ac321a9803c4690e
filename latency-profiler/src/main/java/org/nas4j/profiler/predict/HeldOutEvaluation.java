package org.nas4j.profiler.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * Grouped k-fold cross-validation over architectures: rows with the same group key (for NB201 the isomorphism
 * class, so that copies of a test cell computing the same function never sit in its training fold) always land in
 * the same fold. Groups are shuffled with the seed and dealt round-robin into folds. Stateless and thread-safe.
 */
public final class HeldOutEvaluation {
  private HeldOutEvaluation() {}

  /**
   * The held-out prediction of every row and its metrics.
   *
   * @param predictedMs prediction for each row by a model that did not see its fold
   * @param metrics metrics over all rows
   */
  public record Result(double[] predictedMs, ErrorMetrics metrics) {}

  /**
   * Fold index (0..folds-1) of each row.
   *
   * @throws IllegalArgumentException if folds < 2 or there are fewer groups than folds
   */
  public static int[] assignFolds(List<String> groups, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2, got " + folds);
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String g : groups) {
      index.putIfAbsent(g, index.size());
    }
    if (index.size() < folds) {
      throw new IllegalArgumentException("need at least " + folds + " distinct architectures for " + folds
          + " folds, got " + index.size());
    }
    int[] order = new int[index.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] foldOfGroup = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      foldOfGroup[order[i]] = i % folds;
    }
    int[] fold = new int[groups.size()];
    for (int r = 0; r < fold.length; r++) {
      fold[r] = foldOfGroup[index.get(groups.get(r))];
    }
    return fold;
  }

  /**
   * Cross-validates a fitting procedure.
   *
   * @param rows the rows' inputs
   * @param latencyMs measured latency per row
   * @param groups group key per row (rows of one group share a fold)
   * @param folds number of folds, at least 2
   * @param seed shuffles the groups
   * @param fit fits a model on (training rows, their latencies) and returns its prediction function
   * @param <T> the row input type
   */
  public static <T> Result crossValidate(List<T> rows, double[] latencyMs, List<String> groups, int folds, long seed,
      BiFunction<List<T>, double[], ToDoubleFunction<T>> fit) {
    int[] fold = assignFolds(groups, folds, seed);
    double[] predicted = new double[rows.size()];
    for (int k = 0; k < folds; k++) {
      List<T> train = new ArrayList<>();
      List<Double> trainY = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        if (fold[r] != k) {
          train.add(rows.get(r));
          trainY.add(latencyMs[r]);
        }
      }
      ToDoubleFunction<T> model = fit.apply(train, trainY.stream().mapToDouble(Double::doubleValue).toArray());
      for (int r = 0; r < rows.size(); r++) {
        if (fold[r] == k) {
          predicted[r] = model.applyAsDouble(rows.get(r));
        }
      }
    }
    return new Result(predicted, ErrorMetrics.of(predicted, latencyMs));
  }

  /** Cross-validates the kernel-linear model. */
  public static Result crossValidate(List<NetworkFeatures> rows, double[] latencyMs, List<String> groups, int folds,
      long seed, KernelLinearFitter fitter) {
    return crossValidate(rows, latencyMs, groups, folds, seed, (train, y) -> {
      KernelLinearPredictor p = fitter.fit(train, y);
      return p::predictMs;
    });
  }
}
