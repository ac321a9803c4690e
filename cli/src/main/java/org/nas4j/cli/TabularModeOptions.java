package org.nas4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code nas search}'s tabular mode: the benchmark table and its columns. */
final class TabularModeOptions {
  @Option(names = "--table", paramLabel = "TABLE",
      description = "Tabular mode: read objectives from a benchmark table instead of training: a built-in table"
          + " (nb201, fbnet; see 'nas tables list') or a CSV file.")
  Path table;

  @Option(names = "--accuracy-column", paramLabel = "COLUMN", description = "Table column with accuracy (%% or 0-1).")
  String accuracyColumn;

  @Option(names = "--latency-column", paramLabel = "COLUMN", split = ",",
      description = "Table latency column(s) in ms, one per target.")
  List<String> latencyColumns = new ArrayList<>();

  @Option(names = "--arch-column", paramLabel = "COLUMN",
      description = "Table column with architecture strings (default: arch for nb201, ops for fbnet).")
  String archColumn;

  @Option(names = "--macs-column", paramLabel = "COLUMN",
      description = "Table MACs column in millions (default: flops_m_c10 if present).")
  String macsColumn;

  @Option(names = "--params-column", paramLabel = "COLUMN",
      description = "Table parameter column in millions (default: params_m_c10 if present).")
  String paramsColumn;
}
