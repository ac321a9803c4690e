package org.nas4j.search.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the search proposes architectures ({@code nas search --strategy}). */
public enum Strategy {
  /** Surrogate-assisted NSGA-II (the default). */
  NSGA2("nsga2"),
  /**
   * Uniform random sampling of distinct architectures, with the same budget, time limit, generations (of the same
   * size, for checkpoints and progress) and final stage: the baseline a search has to beat.
   */
  RANDOM("random");

  private final String id;

  Strategy(String id) {
    this.id = id;
  }

  /** The name on the command line and in run.json. */
  public String id() {
    return id;
  }

  /** The strategy named {@code id}; empty when there is none. */
  public static Optional<Strategy> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  /** Every name, for messages. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Strategy::id).toList();
  }
}
