package org.nas4j.search.estimate;

import java.util.List;

/**
 * The outcome of training one candidate.
 *
 * @param status {@code OK}, or why training ended early
 * @param validationAccuracy accuracy on the validation split in [0, 1]; NaN unless status is OK
 * @param lossCurve mean training loss per epoch
 * @param epochsDone epochs finished in total (including earlier calls when training was continued)
 * @param seconds wall time of this call (training and evaluation)
 * @param imagesPerSecond training throughput of this call
 * @param failureReason human-readable reason when status is not OK, else null
 */
public record TrainingResult(Status status, double validationAccuracy, List<Double> lossCurve, int epochsDone,
    double seconds, double imagesPerSecond, String failureReason) {

  /** Why a training run ended. */
  public enum Status {
    OK,
    DIVERGED,
    OUT_OF_MEMORY,
    TIME_LIMIT
  }

  public TrainingResult {
    lossCurve = List.copyOf(lossCurve);
  }

  public boolean ok() {
    return status == Status.OK;
  }
}
