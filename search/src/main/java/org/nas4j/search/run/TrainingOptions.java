package org.nas4j.search.run;

import org.nas4j.search.estimate.ProxyDefaults;

/**
 * How training mode trains candidates: the proxy network (cells, channels) and the low-fidelity budget used during
 * the search, and the larger budget the front is retrained with at the end. Stored in {@code run.json}.
 *
 * @param dataset the {@code --dataset} text, e.g. {@code fashion-mnist}
 * @param cells proxy cells (darts: total; nb201: per stage)
 * @param channels proxy initial channels
 * @param epochs low-fidelity epochs per candidate
 * @param trainImages low-fidelity training images per candidate (0 = the whole training split)
 * @param batchSize minibatch size
 * @param learningRate initial SGD learning rate (cosine-annealed)
 * @param weightDecay weight decay
 * @param validationImages validation images carved out of the training set
 * @param finalBatchSize minibatch size of the front's final training
 * @param finalEpochs epochs of the large final training (the most accurate front members', one per training job)
 * @param finalTrainImages training images per epoch of the large final training (0 = all; more
 *     than the training split holds become more epochs over all of it)
 * @param finalOtherTrainImages training images (one epoch) of the final training of every other front member
 * @param candidateTimeLimitSeconds time limit of one candidate's training; 0 = none
 * @param finalTimeLimitSeconds time for the front's final training; members whose turn comes after it are exported
 *     with their low-fidelity weights (0 = no limit)
 */
public record TrainingOptions(
    String dataset,
    int cells,
    int channels,
    int epochs,
    int trainImages,
    int batchSize,
    double learningRate,
    double weightDecay,
    int validationImages,
    int finalBatchSize,
    int finalEpochs,
    int finalTrainImages,
    int finalOtherTrainImages,
    int candidateTimeLimitSeconds,
    int finalTimeLimitSeconds) {

  public TrainingOptions {
    if (dataset == null || dataset.isBlank()) {
      throw new IllegalArgumentException("dataset must not be blank");
    }
    if (cells < 1 || channels < 1 || epochs < 1 || finalEpochs < 1 || batchSize < 1 || finalBatchSize < 1) {
      throw new IllegalArgumentException("cells, channels, epochs, finalEpochs, batchSize and finalBatchSize must be >= 1");
    }
    if (trainImages < 0 || finalTrainImages < 0 || finalOtherTrainImages < 0 || validationImages < 1
        || candidateTimeLimitSeconds < 0 || finalTimeLimitSeconds < 0) {
      throw new IllegalArgumentException("trainImages, finalTrainImages, finalOtherTrainImages, "
          + "candidateTimeLimitSeconds and finalTimeLimitSeconds must be >= 0, validationImages >= 1");
    }
  }

  /**
   * The defaults of {@code nas search} in training mode, chosen so that the README's main command finishes in about
   * 15 minutes on a 2-core machine (benchmarks/results/main-job.md): the {@link ProxyDefaults} proxy and budget (for
   * NB201 one cell per stage), 1,000 validation images; at the end, in batches of 32 (per second of training as good
   * as 16 or 32 at twice the learning rate, measured on a searched member), the most accurate front members, one per
   * training job, train on 48,000 more images, every other member on 1,000; members start for at most 7 minutes (the
   * first ones always train). More images are what still raises a member's accuracy at this size: one searched member
   * reached 87.8% test accuracy after 24,000 images and 88.4% after 32,000, another 87.7% after 32,000 and 89.2%
   * after 48,000.
   */
  public static TrainingOptions defaults(String dataset, String space) {
    boolean darts = "darts".equals(space);
    return new TrainingOptions(dataset, darts ? ProxyDefaults.CELLS : 1, ProxyDefaults.CHANNELS, ProxyDefaults.EPOCHS,
        ProxyDefaults.TRAIN_IMAGES, ProxyDefaults.BATCH_SIZE, ProxyDefaults.LEARNING_RATE, ProxyDefaults.WEIGHT_DECAY,
        1000, 32, 1, 48_000, 1000, (int) ProxyDefaults.TIME_LIMIT.toSeconds(), 7 * 60);
  }
}
