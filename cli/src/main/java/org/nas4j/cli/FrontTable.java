package org.nas4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.strategy.Evaluation;

/**
 * Prints a Pareto front as a text table, sorted by the first latency objective (else the first objective), with the
 * test accuracy after the final training where the run has one (training mode).
 */
final class FrontTable {
  private FrontTable() {}

  /** Test accuracy (fraction) by archId from a run's pareto.json; empty when there is none (tabular or unfinished). */
  static Map<String, Double> testAccuracies(Path runDir) throws IOException {
    Map<String, Double> m = new LinkedHashMap<>();
    Path pareto = runDir.resolve(RunFiles.PARETO);
    if (!Files.isRegularFile(pareto)) {
      return m;
    }
    for (JsonNode member : RunFiles.JSON.readTree(pareto.toFile()).path("members")) {
      JsonNode t = member.at("/export/testAccuracy");
      if (t.isNumber()) {
        m.put(member.path("archId").asText(), t.asDouble());
      }
    }
    return m;
  }

  /**
   * Prints, for each predicted latency objective outside the predictor's fitted families, the line {@code
   * latencyMs.pixel: predicted, uncalibrated for this space (typical error ±27%)} from the run's pareto.json (or
   * run.json while it has none); nothing for runs without latency bands.
   */
  static void printLatencyCaveats(PrintWriter out, Path runDir) throws IOException {
    for (String name : List.of(RunFiles.PARETO, RunFiles.RUN_JSON)) {
      Path file = runDir.resolve(name);
      if (Files.isRegularFile(file)) {
        JsonNode bands = RunFiles.JSON.readTree(file.toFile()).path("latencyBands");
        bands.fields().forEachRemaining(e -> {
          if (e.getValue().hasNonNull("caveat")) {
            out.println(e.getKey() + ": " + e.getValue().get("caveat").asText());
          }
        });
        return;
      }
    }
  }

  static void print(PrintWriter out, List<String> objectives, List<Evaluation> front, Map<String, Double> test) {
    String sortKey = objectives.stream().filter(o -> o.startsWith("latencyMs.")).findFirst()
        .orElse(objectives.get(0));
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
