package org.nas4j.search.strategy;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The finished evaluation of one distinct architecture: one line of {@code candidates.jsonl}.
 *
 * @param archId SHA-256 hex of the canonical genome (see {@link GenomeSpace#archId})
 * @param arch architecture string of the canonical genome
 * @param genome the canonical genome
 * @param objectives all objective values the evaluator produced, by name (a superset of the searched objectives)
 * @param latencySources per latency objective, the source of the value
 * @param fidelity the fidelity level the expensive objectives were computed at (0 = lowest)
 * @param status {@link Status#OK} or {@link Status#FAILED}
 * @param failureReason one line when failed, else {@code null}
 * @param timingsMs wall-clock milliseconds per stage ({@code cheap}, {@code expensive}); not deterministic, so
 *     comparisons of runs mask this field
 */
public record Evaluation(
    String archId,
    String arch,
    int[] genome,
    Map<String, Double> objectives,
    Map<String, String> latencySources,
    int fidelity,
    Status status,
    String failureReason,
    Map<String, Double> timingsMs) {

  /** Outcome of an evaluation. */
  public enum Status {
    /** All objectives were computed. */
    OK,
    /** The evaluation failed; the candidate is infeasible and dominated by every successful one. */
    FAILED
  }

  /** Validates and copies. */
  public Evaluation {
    Objects.requireNonNull(archId, "archId");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(status, "status");
    genome = genome.clone();
    objectives = Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
    latencySources = Collections.unmodifiableMap(new LinkedHashMap<>(latencySources));
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    if (fidelity < 0) {
      throw new IllegalArgumentException("fidelity must be >= 0, got " + fidelity);
    }
    if (status == Status.FAILED && (failureReason == null || failureReason.isBlank())) {
      throw new IllegalArgumentException("failureReason is required when status is FAILED");
    }
    if (status == Status.OK && failureReason != null) {
      throw new IllegalArgumentException("failureReason must be null when status is OK, got " + failureReason);
    }
  }

  @Override
  public int[] genome() {
    return genome.clone();
  }

  /** Whether all objectives were computed. */
  public boolean ok() {
    return status == Status.OK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e
        && archId.equals(e.archId)
        && arch.equals(e.arch)
        && Arrays.equals(genome, e.genome)
        && objectives.equals(e.objectives)
        && latencySources.equals(e.latencySources)
        && fidelity == e.fidelity
        && status == e.status
        && Objects.equals(failureReason, e.failureReason)
        && timingsMs.equals(e.timingsMs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(archId, Arrays.hashCode(genome), objectives, fidelity, status);
  }

  @Override
  public String toString() {
    return "Evaluation[" + archId.substring(0, 12) + " " + arch + " " + objectives + " " + status + "]";
  }
}
