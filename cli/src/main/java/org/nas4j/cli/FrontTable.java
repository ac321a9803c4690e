package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.Objective;
import org.nas4j.search.train.MemberTraining;

/**
 * Prints a Pareto front as text, sorted by the first latency objective (else the first objective): trained members
 * and candidates apart when the run had a final stage (training mode).
 */
final class FrontTable {
  private FrontTable() {}

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

  /**
   * Prints the front. A run with a final stage gets two tables: the trained members (final validation and test
   * accuracy, whether they are still on the front after training) and the other members as candidates known only by
   * their proxy accuracy. Runs without one (tabular mode, files of older versions) get one table, with the test
   * accuracy of older files' final training where they have one.
   */
  static void print(PrintWriter out, List<String> objectives, List<Evaluation> front, ParetoRecord pareto) {
    Map<String, ParetoRecord.Member> members = new LinkedHashMap<>();
    if (pareto != null) {
      pareto.members().forEach(m -> members.put(m.archId(), m));
    }
    String sortKey = Objective.firstLatency(objectives).orElse(objectives.get(0));
    List<Evaluation> rows = new ArrayList<>(front);
    rows.sort(Comparator.comparingDouble(e -> e.objectives().getOrDefault(sortKey, 0.0)));
    List<String> others = objectives.stream()
        .filter(o -> !o.equals("error") && !o.equals(Objective.SIGNAL_ERROR.name())).toList();
    ParetoRecord.FinalStage stage = pareto == null ? null : pareto.finalStage();
    if (stage == null) {
      Map<String, Double> test = new LinkedHashMap<>();
      members.forEach((id, m) -> {
        if (m.testAccuracy() != null) {
          test.put(id, m.testAccuracy());
        }
      });
      table(out, objectives, rows, test);
      return;
    }
    List<Evaluation> trained = rows.stream().filter(e -> isTrained(members.get(e.archId()))).toList();
    List<Evaluation> candidates = rows.stream().filter(e -> !isTrained(members.get(e.archId()))).toList();
    long later = trained.stream().filter(e -> MemberTraining.SELECTION.equals(
        members.get(e.archId()).export().get("selection"))).count();
    out.printf(Locale.ROOT, "Trained members (%s; each trained on %,d more images from its proxy weights; validation "
        + "accuracy decides the front, test accuracy is measured once):%n", later == 0
            ? trained.size() + " of " + stage.requestedMembers() + " requested"
            : trained.size() + ": " + (trained.size() - later) + " of " + stage.requestedMembers() + " requested by "
                + "the final stage, " + later + " with nas train --member",
        (long) stage.epochs() * stage.imagesPerEpoch());
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-12s %10s %11s", "ARCH_ID", "val acc.%",
        "test acc.%"));
    others.forEach(o -> h.append(String.format(Locale.ROOT, " %16s", o)));
    out.println(h.append(String.format(Locale.ROOT, "  %-9s  %-18s  ARCH", "front", "chosen as")));
    for (Evaluation e : trained) {
      ParetoRecord.Member m = members.get(e.archId());
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %10.2f %11.2f", e.archId().substring(0,
          12), 100 * m.finalValidationAccuracy(), 100 * m.testAccuracy()));
      others.forEach(o -> sb.append(cell(o, e.objectives().get(o))));
      boolean on = !Boolean.FALSE.equals(m.export().get("onTrainedFront"));
      out.println(sb.append(String.format(Locale.ROOT, "  %-9s  %-18s  ", on ? "yes" : "dominated",
          m.export().getOrDefault("selection", ""))).append(e.arch()));
    }
    if (!candidates.isEmpty()) {
      out.printf(Locale.ROOT, "Candidates (not trained further; accuracy is the search's proxy: %s; train one with "
          + "nas train DIR --member ID):%n", stage.proxyBudget());
      StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "%-12s %16s", "ARCH_ID", "proxy acc.%"));
      others.forEach(o -> c.append(String.format(Locale.ROOT, " %16s", o)));
      out.println(c.append("  ARCH"));
      for (Evaluation e : candidates) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %16.2f", e.archId().substring(0, 12),
            100 * (1 - e.objectives().get("error"))));
        others.forEach(o -> sb.append(cell(o, e.objectives().get(o))));
        out.println(sb.append("  ").append(e.arch()));
      }
    }
  }

  private static boolean isTrained(ParetoRecord.Member m) {
    return m != null && m.trained() && m.finalValidationAccuracy() != null && m.testAccuracy() != null;
  }

  private static String cell(String objective, double v) {
    return objective.equals("error") ? String.format(Locale.ROOT, " %16.2f", 100 * (1 - v))
        : objective.equals("macs") || objective.equals("params") ? String.format(Locale.ROOT, " %16.0f", v)
        : String.format(Locale.ROOT, " %16.3f", v);
  }

  private static void table(PrintWriter out, List<String> objectives, List<Evaluation> rows, Map<String, Double> test) {

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
        sb.append(cell(o, e.objectives().get(o)));
      }
      if (!test.isEmpty()) {
        Double t = test.get(e.archId());
        sb.append(t == null ? String.format(Locale.ROOT, " %14s", "-")
            : String.format(Locale.ROOT, " %14.2f", 100 * t));
      }
      out.println(sb.append("  ").append(e.arch()));
    }
  }
}
