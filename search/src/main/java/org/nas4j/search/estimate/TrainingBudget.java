package org.nas4j.search.estimate;

import java.time.Duration;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * How one candidate is trained. Validated on construction.
 *
 * @param epochs passes over the training subset (>= 1)
 * @param trainImages training images used (the first ones of the seeded shuffle of the training split); 0 = all
 * @param batchSize minibatch size
 * @param optimizer SGD with momentum or Adam
 * @param learningRate initial learning rate, annealed to 0 by a cosine schedule over the run
 * @param momentum Nesterov momentum (SGD only)
 * @param weightDecay L2 weight decay coefficient
 * @param seed seeds weight initialisation and data order
 * @param timeLimit wall-clock limit for this candidate; {@link Duration#ZERO} = none
 */
public record TrainingBudget(int epochs, int trainImages, int batchSize, Optimizer optimizer, double learningRate,
    double momentum, double weightDecay, long seed, Duration timeLimit) {

  public TrainingBudget {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (trainImages < 0) {
      throw new IllegalArgumentException("trainImages must be >= 0, got " + trainImages);
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("batchSize must be in 1..4096, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
    }
    if (momentum < 0 || momentum >= 1) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (weightDecay < 0) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    }
    if (timeLimit == null || timeLimit.isNegative()) {
      throw new IllegalArgumentException("timeLimit must be >= 0, got " + timeLimit);
    }
  }

  /**
   * The low-fidelity default used by the search: a short SGD run, {@link ProxyDefaults#budget(long)} (train it on
   * the {@link ProxyDefaults#macro proxy macro configuration}).
   */
  public static TrainingBudget lowFidelity(long seed) {
    return ProxyDefaults.budget(seed);
  }

  /** A copy with another number of epochs. */
  public TrainingBudget withEpochs(int e) {
    return new TrainingBudget(e, trainImages, batchSize, optimizer, learningRate, momentum, weightDecay, seed,
        timeLimit);
  }

  /** A copy with another seed. */
  public TrainingBudget withSeed(long s) {
    return new TrainingBudget(epochs, trainImages, batchSize, optimizer, learningRate, momentum, weightDecay, s,
        timeLimit);
  }

  /**
   * The updater the network must be configured with. Its learning rate is a placeholder: {@link Dl4jProxyTrainer}
   * installs the cosine schedule at the start of each training call.
   */
  public IUpdater updater() {
    return optimizer == Optimizer.SGD ? new Nesterovs(learningRate, momentum) : new Adam(learningRate);
  }
}
