package org.nas4j.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code nas search --cluster}: where the evaluations run (see {@code nas worker}). */
final class ClusterOptions {
  @Option(names = "--cluster", paramLabel = "HOST:PORT", split = ",",
      description = "Run the evaluations on the nas workers of this cluster (see nas worker); without it nothing of "
          + "the cluster starts.")
  List<String> hosts;

  @Option(names = "--cluster-name", paramLabel = "NAME", description = "With --cluster: the cluster's name (required).")
  String name;

  @Option(names = "--cluster-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "With --cluster: how long to wait for a worker before giving up with exit code 4 "
          + "(default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "With --cluster: the address this coordinator binds (default: ${DEFAULT-VALUE}).")
  String bind;
}
