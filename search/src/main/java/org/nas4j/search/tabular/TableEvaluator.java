package org.nas4j.search.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.search.strategy.Objective;

/**
 * Tabular mode: objectives looked up in a benchmark table instead of training and timing.
 *
 * <ul>
 *   <li>{@code error} = 1 - accuracy. The accuracy column is read as percent when any value exceeds 1, else as a
 *       fraction.
 *   <li>{@code latencyMs.<target>} = a latency column in milliseconds, one per target (source {@code table:<column>}).
 *   <li>{@code macs} and {@code params}, optional: a column given in millions when its name contains {@code _m_} or
 *       ends in {@code _m} (e.g. {@code flops_m_c10}, {@code params_m_c10}), otherwise as is.
 * </ul>
 *
 * <p>Rows are keyed by the genome parsed from the arch column. A genome missing from the table, or whose row has an
 * empty cell in a used column, evaluates as FAILED with the reason (so it is infeasible and never on the front): an
 * empty latency/MACs/params cell fails the cheap stage, an empty accuracy cell the expensive stage. A row whose arch
 * text does not parse, or an unparsable number, is invalid input. Lookups are pure, so evaluation is deterministic;
 * the accuracy column is only read for the genome asked for (no peeking at unevaluated architectures).
 */
public final class TableEvaluator implements CandidateEvaluator {
  private final CsvTable table;
  private final String archColumn;
  private final String accuracyColumn;
  private final Map<String, String> latencyColumns;
  private final String macsColumn;
  private final String paramsColumn;
  private final Map<String, List<String>> rowByGenome = new HashMap<>();
  private final int accIdx;
  private final boolean accuracyIsPercent;
  private final Map<String, Integer> latIdx = new LinkedHashMap<>();
  private final int macsIdx;
  private final int paramsIdx;
  private final List<String> names = new ArrayList<>();
  private final List<String> cheapNames = new ArrayList<>();

  /**
   * A table evaluator.
   *
   * @param space the space whose arch strings the arch column holds
   * @param table the table
   * @param archColumn the column with architecture strings ({@code arch} for nb201, {@code ops} for fbnet)
   * @param accuracyColumn accuracy (percent or fraction)
   * @param latencyColumns target label to latency column (milliseconds), in objective order; at least one
   * @param macsColumn MACs column or {@code null} for none
   * @param paramsColumn parameter-count column or {@code null} for none
   * @throws InvalidArgumentException for unknown columns or unparsable rows
   */
  public TableEvaluator(
      GenomeSpace space,
      CsvTable table,
      String archColumn,
      String accuracyColumn,
      Map<String, String> latencyColumns,
      String macsColumn,
      String paramsColumn) {
    this.table = table;
    this.archColumn = archColumn;
    this.accuracyColumn = accuracyColumn;
    this.latencyColumns = new LinkedHashMap<>(latencyColumns);
    this.macsColumn = macsColumn;
    this.paramsColumn = paramsColumn;
    int archIdx = table.column(archColumn, "--arch-column");
    accIdx = table.column(accuracyColumn, "--accuracy-column");
    if (latencyColumns.isEmpty()) {
      throw new InvalidArgumentException("at least one --latency-column is required in tabular mode");
    }
    names.add("error");
    for (Map.Entry<String, String> e : latencyColumns.entrySet()) {
      String objective = Objective.latency(e.getKey()).name();
      latIdx.put(objective, table.column(e.getValue(), "--latency-column"));
      names.add(objective);
      cheapNames.add(objective);
    }
    macsIdx = macsColumn == null ? -1 : table.column(macsColumn, "--macs-column");
    paramsIdx = paramsColumn == null ? -1 : table.column(paramsColumn, "--params-column");
    if (macsIdx >= 0) {
      names.add("macs");
      cheapNames.add("macs");
    }
    if (paramsIdx >= 0) {
      names.add("params");
      cheapNames.add("params");
    }
    double maxAcc = 0;
    int line = 1;
    for (List<String> row : table.rows()) {
      line++;
      int[] g = genome(space, table, row.get(archIdx), line);
      rowByGenome.put(Arrays.toString(g), row);
      String acc = row.get(accIdx).trim();
      if (!acc.isEmpty()) {
        maxAcc = Math.max(maxAcc, number(acc, accuracyColumn, line));
      }
    }
    accuracyIsPercent = maxAcc > 1.0;
  }

  /**
   * The genomes of a table's rows, in table order, parsed from {@code archColumn}.
   *
   * @throws InvalidArgumentException for an unknown column or a row whose arch text does not parse
   */
  public static List<int[]> genomes(GenomeSpace space, CsvTable table, String archColumn) {
    int archIdx = table.column(archColumn, "--arch-column");
    List<int[]> out = new ArrayList<>();
    int line = 1;
    for (List<String> row : table.rows()) {
      line++;
      out.add(genome(space, table, row.get(archIdx), line));
    }
    return out;
  }

  private static int[] genome(GenomeSpace space, CsvTable table, String arch, int line) {
    try {
      return space.parse(arch);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("table " + table.path() + " line " + line + ": " + e.getMessage(), e);
    }
  }

  /** Default target label for a latency column: {@code hw_c10_pixel3_latency_ms} -> {@code pixel3}. */
  public static String targetLabel(String column) {
    String s = column;
    for (String prefix : List.of("hw_c10_", "hw_c100_", "hw_", "help_")) {
      if (s.startsWith(prefix)) {
        s = s.substring(prefix.length());
        break;
      }
    }
    for (String suffix : List.of("_latency_ms", "_latency")) {
      if (s.endsWith(suffix)) {
        s = s.substring(0, s.length() - suffix.length());
        break;
      }
    }
    return s.isEmpty() ? column : s;
  }

  private double number(String text, String column, int line) {
    try {
      double d = Double.parseDouble(text.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(
          "table " + table.path() + " line " + line + ": column " + column + " is not a number: '" + text + "'", e);
    }
  }

  private static double scale(String column) {
    return column.contains("_m_") || column.endsWith("_m") ? 1e6 : 1.0;
  }

  @Override
  public List<String> objectiveNames() {
    return List.copyOf(names);
  }

  @Override
  public List<String> cheapObjectiveNames() {
    return List.copyOf(cheapNames);
  }

  @Override
  public ObjectiveValues cheapObjectives(int[] genome) {
    List<String> row = rowByGenome.get(Arrays.toString(genome));
    if (row == null) {
      return ObjectiveValues.failed("architecture not in table " + table.path().getFileName());
    }
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : latIdx.entrySet()) {
      String cell = row.get(e.getValue()).trim();
      String column = table.header().get(e.getValue());
      if (cell.isEmpty()) {
        return ObjectiveValues.failed("empty " + column + " in table");
      }
      values.put(e.getKey(), number(cell, column, -1));
      sources.put(e.getKey(), "table:" + column);
    }
    if (macsIdx >= 0) {
      String cell = row.get(macsIdx).trim();
      if (cell.isEmpty()) {
        return ObjectiveValues.failed("empty " + macsColumn + " in table");
      }
      values.put("macs", number(cell, macsColumn, -1) * scale(macsColumn));
    }
    if (paramsIdx >= 0) {
      String cell = row.get(paramsIdx).trim();
      if (cell.isEmpty()) {
        return ObjectiveValues.failed("empty " + paramsColumn + " in table");
      }
      values.put("params", number(cell, paramsColumn, -1) * scale(paramsColumn));
    }
    return ObjectiveValues.ok(values, sources);
  }

  @Override
  public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
    List<String> row = rowByGenome.get(Arrays.toString(genome));
    if (row == null) {
      return ObjectiveValues.failed("architecture not in table " + table.path().getFileName());
    }
    String cell = row.get(accIdx).trim();
    if (cell.isEmpty()) {
      return ObjectiveValues.failed("empty " + accuracyColumn + " in table");
    }
    double acc = number(cell, accuracyColumn, -1);
    double error = 1.0 - (accuracyIsPercent ? acc / 100.0 : acc);
    return ObjectiveValues.ok(Map.of("error", error), Map.of());
  }

  @Override
  public Map<String, Object> provenance() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", "table");
    p.put("table", table.path().toAbsolutePath().normalize().toString());
    p.put("tableSha256", table.sha256());
    p.put("archColumn", archColumn);
    p.put("accuracyColumn", accuracyColumn);
    p.put("accuracyUnit", accuracyIsPercent ? "percent" : "fraction");
    p.put("latencyColumns", new LinkedHashMap<>(latencyColumns));
    p.put("macsColumn", macsColumn);
    p.put("paramsColumn", paramsColumn);
    return p;
  }
}
