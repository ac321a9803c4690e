package org.nas4j.search.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.nas4j.search.estimate.ProxyDefaults;

/**
 * How training mode trains candidates: the proxy network (cells, channels) and the low-fidelity budget used during
 * the search, and the final stage's: how many front members it trains and with which budget. Stored in {@code
 * run.json} (files of older versions, with {@code finalOtherTrainImages}, still read).
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
 * @param finalEpochs epochs of the final training (every trained member gets the same)
 * @param finalTrainImages training images per epoch of the final training (0 = all; more than the training split
 *     holds become more epochs over all of it); null = as many as fit the final stage's time
 * @param finalMembers front members the final stage trains (0 = no final stage; null, in older files: the default)
 * @param candidateTimeLimitSeconds time limit of one candidate's training; 0 = none
 * @param finalTimeLimitSeconds time of the final stage (training, testing, exporting), less what the search phase ran
 *     over its own limit; members whose turn comes after it stay candidates (0 = no limit)
 * @param accuracySignal what the search ranks accuracy by: {@value #PROXY} (the proxy's validation error, objective
 *     {@code error}) or {@value #PROXY_NASWOT} (that error blended with NASWOT at initialisation, objective {@code
 *     signalError}, see {@code SignalBlend}); null, in older files: {@value #PROXY}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
    Integer finalTrainImages,
    Integer finalMembers,
    int candidateTimeLimitSeconds,
    int finalTimeLimitSeconds,
    String accuracySignal) {

  /** Accuracy signal: the proxy's validation error. */
  public static final String PROXY = "proxy";
  /** Accuracy signal: the proxy's validation error blended with the NASWOT score at initialisation. */
  public static final String PROXY_NASWOT = "proxy+naswot";
  /** The value name under which candidates record their NASWOT score ({@code candidates.jsonl}). */
  public static final String NASWOT_SCORE = "naswot";
  /** The accuracy signals, as {@code --accuracy-signal} spells them. */
  public static final java.util.List<String> ACCURACY_SIGNALS = java.util.List.of(PROXY, PROXY_NASWOT);

  /** Options whose accuracy signal is the proxy alone. */
  public TrainingOptions(String dataset, int cells, int channels, int epochs, int trainImages, int batchSize,
      double learningRate, double weightDecay, int validationImages, int finalBatchSize, int finalEpochs,
      Integer finalTrainImages, Integer finalMembers, int candidateTimeLimitSeconds, int finalTimeLimitSeconds) {
    this(dataset, cells, channels, epochs, trainImages, batchSize, learningRate, weightDecay, validationImages,
        finalBatchSize, finalEpochs, finalTrainImages, finalMembers, candidateTimeLimitSeconds, finalTimeLimitSeconds,
        PROXY);
  }

  public TrainingOptions {
    if (accuracySignal == null) {
      accuracySignal = PROXY; // a run.json written before the signal could be chosen
    }
    if (!ACCURACY_SIGNALS.contains(accuracySignal)) {
      throw new IllegalArgumentException("unknown accuracy signal '" + accuracySignal + "'; known: "
          + String.join(", ", ACCURACY_SIGNALS));
    }
    if (dataset == null || dataset.isBlank()) {
      throw new IllegalArgumentException("dataset must not be blank");
    }
    if (cells < 1 || channels < 1 || epochs < 1 || finalEpochs < 1 || batchSize < 1 || finalBatchSize < 1) {
      throw new IllegalArgumentException("cells, channels, epochs, finalEpochs, batchSize and finalBatchSize must be >= 1");
    }
    if (finalMembers == null) {
      finalMembers = DEFAULT_FINAL_MEMBERS; // a run.json written before the final stage chose its members
    }
    if (finalMembers < 0) {
      throw new IllegalArgumentException("--final-members must be >= 0 (0 = no final stage), got " + finalMembers);
    }
    if (trainImages < 0 || (finalTrainImages != null && finalTrainImages < 0) || validationImages < 1
        || candidateTimeLimitSeconds < 0 || finalTimeLimitSeconds < 0) {
      throw new IllegalArgumentException("trainImages, finalTrainImages, "
          + "candidateTimeLimitSeconds and finalTimeLimitSeconds must be >= 0, validationImages >= 1");
    }
  }

  /** Members the final stage trains by default: both ends of the latency range, the knee and three in between. */
  public static final int DEFAULT_FINAL_MEMBERS = 6;

  /** The final stage's time by default, so that the README's main command stays within 20 minutes on 2 cores. */
  public static final int DEFAULT_FINAL_SECONDS = 10 * 60 + 30;

  /**
   * The defaults of {@code nas search} in training mode, chosen so that the README's main command finishes within 20
   * minutes on a 2-core machine (benchmarks/results/main-job.md): the {@link ProxyDefaults} proxy and budget (for
   * NB201 one cell per stage), 1,000 validation images; at the end {@value #DEFAULT_FINAL_MEMBERS} front members, one
   * per core at a time, all with the same budget, in batches of 32 (per second of training as good as 16 or 32 at
   * twice the learning rate, measured on a searched member): as many images as fit the final stage's {@value
   * #DEFAULT_FINAL_SECONDS} seconds. More images are what still raises a member's accuracy at this size: one searched
   * member reached 87.8% test accuracy after 24,000 images and 88.4% after 32,000, another 87.7% after 32,000 and
   * 89.2% after 48,000.
   */
  public static TrainingOptions defaults(String dataset, String space) {
    boolean darts = "darts".equals(space);
    return new TrainingOptions(dataset, darts ? ProxyDefaults.CELLS : 1, ProxyDefaults.CHANNELS, ProxyDefaults.EPOCHS,
        ProxyDefaults.TRAIN_IMAGES, ProxyDefaults.BATCH_SIZE, ProxyDefaults.LEARNING_RATE, ProxyDefaults.WEIGHT_DECAY,
        1000, 32, 1, null, DEFAULT_FINAL_MEMBERS, (int) ProxyDefaults.TIME_LIMIT.toSeconds(), DEFAULT_FINAL_SECONDS);
  }

  /** Whether candidates are scored with NASWOT at initialisation too. */
  public boolean naswot() {
    return PROXY_NASWOT.equals(accuracySignal);
  }

  /** A copy with another accuracy signal. */
  public TrainingOptions withAccuracySignal(String signal) {
    return new TrainingOptions(dataset, cells, channels, epochs, trainImages, batchSize, learningRate, weightDecay,
        validationImages, finalBatchSize, finalEpochs, finalTrainImages, finalMembers, candidateTimeLimitSeconds,
        finalTimeLimitSeconds, signal);
  }
}
