package org.nas4j.profiler;

/**
 * Two models timed in one process with their runs interleaved, so that machine drift affects both alike. Session
 * {@code i} of {@code model} and session {@code i} of {@code reference} were open and timed at the same time.
 *
 * @param model the model under test
 * @param reference the model it is compared with
 */
public record Comparison(Measurement model, Measurement reference) {
  public Comparison {
    if (model.sessionSamplesMs().size() != reference.sessionSamplesMs().size()) {
      throw new IllegalArgumentException("both measurements must have the same number of sessions");
    }
  }
}
