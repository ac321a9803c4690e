package org.nas4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.run.RunDirectory;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.Objective;

/**
 * Prints a Pareto front as a text table, sorted by the first latency objective (else the first objective), with the
 * test accuracy after the final training where the run has one (training mode).
 */
final class FrontTable {
  private FrontTable() {}

  /** Test accuracy (fraction) by archId from a run's front; empty when there is none (tabular or unfinished). */
  static Map<String, Double> testAccuracies(ParetoRecord pareto) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (pareto != null) {
      for (ParetoRecord.Member member : pareto.members()) {
        if (member.testAccuracy() != null) {
          m.put(member.archId(), member.testAccuracy());
        }
      }
    }
    return m;
  }

  /**
   * Prints, for each predicted latency objective outside the predictor's fitted families, the line {@code
   * latencyMs.pixel: predicted, uncalibrated for this space (typical error ±21%)}; nothing for runs without latency
   * bands.
   */
  static void printLatencyCaveats(PrintWriter out, Map<String, Map<String, Object>> latencyBands) {
    if (latencyBands == null) {
      return;
    }
    latencyBands.forEach((objective, band) -> {
      if (band.get("caveat") != null) {
        out.println(objective + ": " + band.get("caveat"));
      }
    });
  }

  /** The latency bands of a run: its pareto.json's, or run.json's while it has none (a run in progress). */
  static Map<String, Map<String, Object>> latencyBands(RunDirectory run) throws IOException {
    var pareto = run.readPareto();
    if (pareto.isPresent()) {
      return pareto.get().latencyBands();
    }
    return run.holdsRun() ? run.readRun().provenance().latencyBands() : Map.of();
  }

  static void print(PrintWriter out, List<String> objectives, List<Evaluation> front, Map<String, Double> test) {
    String sortKey = Objective.firstLatency(objectives).orElse(objectives.get(0));
    List<Evaluation> rows = new ArrayList<>(front);
    rows.sort(Comparator.comparingDouble(e -> e.objectives().getOrDefault(sortKey, 0.0)));
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-12s", "ARCH_ID"));
    for (String o : objectives) {
      h.append(String.format(Locale.ROOT, " %16s", o.equals("error") ? "accuracy%" : o));
    }
    if (!test.isEmpty()) {
      h.append(String.format(Locale.ROOT, " %14s", "test acc.%"));
    }
    out.println(h.append("  ARCH"));
    for (Evaluation e : rows) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s", e.archId().substring(0, 12)));
      for (String o : objectives) {
        double v = e.objectives().get(o);
        sb.append(o.equals("error") ? String.format(Locale.ROOT, " %16.2f", 100 * (1 - v))
            : o.equals("macs") || o.equals("params") ? String.format(Locale.ROOT, " %16.0f", v)
            : String.format(Locale.ROOT, " %16.3f", v));
      }
      if (!test.isEmpty()) {
        Double t = test.get(e.archId());
        sb.append(t == null ? String.format(Locale.ROOT, " %14s", "-") : String.format(Locale.ROOT, " %14.2f", 100 * t));
      }
      out.println(sb.append("  ").append(e.arch()));
    }
  }
}
