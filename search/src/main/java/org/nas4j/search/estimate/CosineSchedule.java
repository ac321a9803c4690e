package org.nas4j.search.estimate;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Cosine annealing from {@code initial} to 0 over {@code length} iterations starting at iteration {@code start}
 * (so that a continued run gets a fresh cycle, SGDR-style). Immutable.
 */
public final class CosineSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  @JsonProperty private final double initial;
  @JsonProperty private final int start;
  @JsonProperty private final int length;

  public CosineSchedule(@JsonProperty("initial") double initial, @JsonProperty("start") int start,
      @JsonProperty("length") int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, got " + length);
    }
    this.initial = initial;
    this.start = start;
    this.length = length;
  }

  /**
   * For DL4J's own (shaded) Jackson, which reads the schedule back from a network saved with {@code
   * ModelSerializer} (a scaled model's checkpoint) and then sets the fields from the JSON.
   */
  @SuppressWarnings("unused")
  private CosineSchedule() {
    this(0, 0, 1);
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    double t = Math.min(1.0, Math.max(0.0, (iteration - start) / (double) length));
    return 0.5 * initial * (1 + Math.cos(Math.PI * t));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosineSchedule c && Double.compare(c.initial, initial) == 0 && c.start == start
        && c.length == length;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(initial, start, length);
  }

  @Override
  public String toString() {
    return "CosineSchedule(initial=" + initial + ", start=" + start + ", length=" + length + ")";
  }

  @Override
  public ISchedule clone() {
    return new CosineSchedule(initial, start, length);
  }
}
