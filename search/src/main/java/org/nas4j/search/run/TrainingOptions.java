package org.nas4j.search.run;

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
 * @param finalEpochs epochs of the front's retraining
 * @param finalTrainImages training images of the front's retraining (0 = all)
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
    int finalEpochs,
    int finalTrainImages,
    int candidateTimeLimitSeconds,
    int finalTimeLimitSeconds) {

  public TrainingOptions {
    if (dataset == null || dataset.isBlank()) {
      throw new IllegalArgumentException("dataset must not be blank");
    }
    if (cells < 1 || channels < 1 || epochs < 1 || finalEpochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException("cells, channels, epochs, finalEpochs and batchSize must be >= 1");
    }
    if (trainImages < 0 || finalTrainImages < 0 || validationImages < 1 || candidateTimeLimitSeconds < 0
        || finalTimeLimitSeconds < 0) {
      throw new IllegalArgumentException("trainImages, finalTrainImages and candidateTimeLimitSeconds must be >= 0,"
          + " validationImages >= 1");
    }
  }

  /**
   * The defaults of {@code nas search} in training mode: the proxy network and batch of {@code
   * org.nas4j.search.estimate.ProxyDefaults} (3 cells at 8 channels for DARTS), 1,000 training images per candidate
   * (a few seconds to ~15 s with DL4J on 2 cores), 1,000 validation images, and 3,000 more images for each front
   * member at the end, most accurate first, for at most 5 minutes.
   */
  public static TrainingOptions defaults(String dataset, String space) {
    boolean darts = "darts".equals(space);
    return new TrainingOptions(dataset, darts ? 3 : 1, 8, 1, 1000, 32, 0.05, 3e-4, 1000, 1, 3000, 60, 5 * 60);
  }
}
