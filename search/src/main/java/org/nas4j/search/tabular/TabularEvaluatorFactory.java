package org.nas4j.search.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.run.EvaluatorFactory;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * Spaces {@code nb201} and {@code fbnet}, evaluated from a table. A request without a table (training mode) is
 * refused with {@link TargetUnavailableException}: training mode is {@code org.nas4j.search.train.TrainingEvaluatorFactory}, another {@link
 * EvaluatorFactory}.
 */
public final class TabularEvaluatorFactory implements EvaluatorFactory {
  /** Space names this factory knows. */
  public static final List<String> SPACES = List.of("nb201", "fbnet");

  private final int jobs;

  /** A factory whose delayed evaluators (test support) run one evaluation at a time. */
  public TabularEvaluatorFactory() {
    this(1);
  }

  /**
   * @param jobs concurrent evaluations of a delayed evaluator ({@code --eval-delay-ms}, test support), so that tests
   *     can kill and resume a search that evaluates on several threads; table lookups themselves are too fast to be
   *     worth a thread
   */
  public TabularEvaluatorFactory(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    this.jobs = jobs;
  }

  @Override
  public GenomeSpace space(SearchRequest request) {
    if (!request.tabular()) {
      throw new TargetUnavailableException(
          "this factory serves tabular mode only (--table FILE); training mode is org.nas4j.search.train.TrainingEvaluatorFactory");
    }
    return switch (request.space()) {
      case "nb201" -> new Nb201GenomeSpace();
      case "fbnet" -> measured(new FbnetGenomeSpace(), request);
      default -> throw new InvalidArgumentException(
          "unknown search space '" + request.space() + "' for tabular mode; known: " + String.join(", ", SPACES));
    };
  }

  /**
   * The FBNet space restricted to the table's rows: its table (e.g. HW-NAS-Bench's 5,000 networks) covers a
   * vanishing share of the 9^22 networks, so an unrestricted search would almost never draw a measured one. NB201's
   * table is complete, so that space is searched as is.
   */
  private static GenomeSpace measured(GenomeSpace base, SearchRequest request) {
    CsvTable table = BenchmarkTables.read(request.table());
    String arch = request.archColumn() != null ? request.archColumn() : defaultArchColumn(request.space());
    return new MeasuredGenomeSpace(
        base, TableEvaluator.genomes(base, table, arch), "table " + table.path().getFileName());
  }

  /** The default arch column of a space's table: {@code arch} for nb201, {@code ops} for fbnet. */
  public static String defaultArchColumn(String space) {
    return space.equals("fbnet") ? "ops" : "arch";
  }

  @Override
  public CandidateEvaluator evaluator(SearchRequest request, GenomeSpace space) {
    if (!request.tabular()) {
      throw new TargetUnavailableException(
          "this factory serves tabular mode only (--table FILE); training mode is org.nas4j.search.train.TrainingEvaluatorFactory");
    }
    CsvTable table = BenchmarkTables.read(request.table());
    if (request.accuracyColumn() == null) {
      throw new InvalidArgumentException("--accuracy-column is required with --table");
    }
    if (request.latencyColumns().isEmpty()) {
      throw new InvalidArgumentException("--latency-column is required with --table");
    }
    Map<String, String> lat = new LinkedHashMap<>();
    for (int i = 0; i < request.latencyColumns().size(); i++) {
      String col = request.latencyColumns().get(i);
      String label = i < request.targets().size() ? request.targets().get(i) : TableEvaluator.targetLabel(col);
      if (lat.put(label, col) != null) {
        throw new InvalidArgumentException("two latency columns map to the same target '" + label + "'");
      }
    }
    String arch = request.archColumn() != null ? request.archColumn() : defaultArchColumn(request.space());
    String macs = request.macsColumn();
    String params = request.paramsColumn();
    if (macs == null && table.header().contains("flops_m_c10")) {
      macs = "flops_m_c10";
    }
    if (params == null && table.header().contains("params_m_c10")) {
      params = "params_m_c10";
    }
    CandidateEvaluator ev =
        new TableEvaluator(space, table, arch, request.accuracyColumn(), lat, macs, params);
    return request.evalDelayMs() > 0 ? new DelayedEvaluator(ev, request.evalDelayMs(), jobs) : ev;
  }
}
