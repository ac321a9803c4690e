package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nas4j.search.strategy.Evaluation;

/** Prints a Pareto front as a text table, sorted by the first latency objective (else the first objective). */
final class FrontTable {
  private FrontTable() {}

  static void print(PrintWriter out, List<String> objectives, List<Evaluation> front) {
    String sortKey = objectives.stream().filter(o -> o.startsWith("latencyMs.")).findFirst()
        .orElse(objectives.get(0));
    List<Evaluation> rows = new ArrayList<>(front);
    rows.sort(Comparator.comparingDouble(e -> e.objectives().getOrDefault(sortKey, 0.0)));
    StringBuilder h = new StringBuilder(String.format("%-12s", "ARCH_ID"));
    for (String o : objectives) {
      h.append(String.format(" %16s", o.equals("error") ? "accuracy%" : o));
    }
    out.println(h.append("  ARCH"));
    for (Evaluation e : rows) {
      StringBuilder sb = new StringBuilder(String.format("%-12s", e.archId().substring(0, 12)));
      for (String o : objectives) {
        double v = e.objectives().get(o);
        sb.append(o.equals("error") ? String.format(" %16.2f", 100 * (1 - v))
            : o.equals("macs") || o.equals("params") ? String.format(" %16.0f", v)
            : String.format(" %16.3f", v));
      }
      out.println(sb.append("  ").append(e.arch()));
    }
  }
}
