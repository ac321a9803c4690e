package org.nas4j.search.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The JSON lines of {@code nas benchmark fidelity}: a setup line, one line per architecture ({@link
 * FidelityStudy.Row}) and a summary line; and reading the high-budget results back from such an output ({@code
 * --high-from}). Stateless and thread-safe.
 */
public final class FidelityLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FidelityLines() {}

  /**
   * What a fidelity study ran with: the setup line's fields.
   *
   * @param dataset the dataset's source ({@code Dataset.source()})
   * @param genotypes the {@code --genotypes} file, or null for a seeded draw
   * @param highFrom the {@code --high-from} file, or null
   * @param lowSeed how the low budget's training seed was chosen
   */
  public record Setup(MacroConfig macro, TrainingBudget low, TrainingBudget high, int validationImages,
      int lowValidationImages, String dataset, int jobs, FidelityStudy.Repeats repeats, long seed, Path genotypes,
      Path highFrom, FidelityStudy.LowSeed lowSeed) {

    /** The setup as written, in its order; {@code threads} is DL4J's OpenMP thread count. */
    Map<String, Object> fields() {
      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("macro", macro.describe());
      setup.put("low", budget(low));
      setup.put("high", budget(high));
      setup.put("validationImages", validationImages);
      setup.put("lowValidationImages", lowValidationImages);
      setup.put("dataset", dataset);
      setup.put("threads", Dl4jRuntime.threads());
      setup.put("jobs", jobs);
      setup.put("repeatHigh", repeats.high());
      setup.put("repeatLow", repeats.low());
      setup.put("seed", seed);
      setup.put("lowSeed", lowSeed == FidelityStudy.LowSeed.SHARED ? "shared" : "per-architecture");
      if (genotypes != null) {
        setup.put("genotypes", genotypes.toString());
      }
      if (highFrom != null) {
        setup.put("highFrom", highFrom.toString());
      }
      return setup;
    }

    private static Map<String, Object> budget(TrainingBudget b) {
      return Map.of("epochs", b.epochs(), "trainImages", b.trainImages(), "batchSize", b.batchSize(), "lr",
          b.learningRate());
    }
  }

  /** The setup line: {@code {"setup": {...}}}. */
  public static String setupLine(Setup setup) {
    return write(Map.of("setup", setup.fields()));
  }

  /** One architecture's line: index, genotype, both budgets' accuracy, seconds and status, and any repeats. */
  public static String rowLine(FidelityStudy.Row row) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("index", row.index());
    j.put("genotype", row.genotype().toText());
    j.put("lowAccuracy", row.low().validationAccuracy());
    j.put("lowSeconds", row.low().seconds());
    // The last epoch's mean training loss: a ranking signal that costs no validation images.
    if (!row.low().lossCurve().isEmpty()) {
      j.put("lowLoss", row.low().lossCurve().get(row.low().lossCurve().size() - 1));
    }
    j.put("highAccuracy", row.high().validationAccuracy());
    j.put("highSeconds", row.high().seconds());
    j.put("lowStatus", row.low().status().name());
    j.put("highStatus", row.high().status().name());
    if (row.highRepeat() != null) {
      j.put("highRepeatAccuracy", row.highRepeat().validationAccuracy());
      j.put("highRepeatSeconds", row.highRepeat().seconds());
      j.put("highRepeatStatus", row.highRepeat().status().name());
    }
    if (row.lowRepeat() != null) {
      j.put("lowRepeatAccuracy", row.lowRepeat().validationAccuracy());
      j.put("lowRepeatSeconds", row.lowRepeat().seconds());
      j.put("lowRepeatStatus", row.lowRepeat().status().name());
    }
    return write(j);
  }

  /** The summary line: the taus (the repeats' only when run), the count and the means of both budgets. */
  public static String summaryLine(FidelityStudy.Outcome o, FidelityStudy.Repeats repeats) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("kendallTau", o.kendallTau());
    if (repeats.high()) {
      s.put("repeatKendallTau", o.repeatKendallTau());
      s.put("meanHighKendallTau", o.meanHighKendallTau());
    }
    if (repeats.low()) {
      s.put("lowRepeatKendallTau", o.lowRepeatKendallTau());
    }
    s.put("architectures", o.rows().size());
    s.put("meanLowSeconds", o.rows().stream().mapToDouble(r -> r.low().seconds()).average().orElse(0));
    s.put("meanHighSeconds", o.rows().stream().mapToDouble(r -> r.high().seconds()).average().orElse(0));
    s.put("meanLowAccuracy", o.rows().stream().mapToDouble(r -> r.low().validationAccuracy()).average().orElse(0));
    s.put("meanHighAccuracy", o.rows().stream().mapToDouble(r -> r.high().validationAccuracy()).average()
        .orElse(0));
    return write(Map.of("summary", s));
  }

  /**
   * Reads the high-budget results of an earlier {@code nas benchmark fidelity} output. Its setup must match {@code
   * setup} in everything the high-budget accuracies depend on (macro, high budget, validation images, dataset, seed);
   * its rows must be this draw's (checked by the study).
   *
   * @throws InvalidArgumentException naming the file (and line) when it cannot be read, a line is not JSON or not a
   *     fidelity row, its setup differs, or it holds no architectures
   */
  public static List<FidelityStudy.KnownHigh> readKnownHigh(Path file, Setup setup) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read --high-from " + file + ": " + e.getMessage(), e);
    }
    // A failed run's accuracy is NaN, which Jackson writes as a bare token.
    ObjectReader reader = JSON.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
    JsonNode ours;
    try {
      // Through text, so that numbers compare as read from a file (a long seed reads back as an int).
      ours = reader.readTree(write(setup.fields()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<FidelityStudy.KnownHigh> known = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      JsonNode line;
      try {
        line = reader.readTree(lines.get(n));
      } catch (IOException e) {
        throw new InvalidArgumentException(file + " line " + (n + 1) + " is not JSON", e);
      }
      if (line.has("setup")) {
        for (String key : List.of("macro", "high", "validationImages", "dataset", "seed")) {
          JsonNode theirs = line.get("setup").get(key);
          // Outputs of earlier builds have no seed; the genotype check below still catches another draw.
          if ((theirs != null || !key.equals("seed")) && !ours.get(key).equals(theirs)) {
            throw new InvalidArgumentException(file + " was measured with another " + key + " (" + theirs
                + ", this run: " + ours.get(key) + ")");
          }
        }
      } else if (line.has("index")) {
        if (line.get("index").asInt() != known.size()) {
          throw new InvalidArgumentException(file + " line " + (n + 1) + ": architecture "
              + line.get("index").asInt() + " where " + known.size() + " was expected");
        }
        try {
          known.add(new FidelityStudy.KnownHigh(DartsGenotype.parse(line.get("genotype").asText()),
              result(line, "high"), line.has("highRepeatAccuracy") ? result(line, "highRepeat") : null));
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new InvalidArgumentException(file + " line " + (n + 1) + " is not a fidelity row: "
              + e.getMessage(), e);
        }
      }
    }
    if (known.isEmpty()) {
      throw new InvalidArgumentException(file + " holds no architectures");
    }
    return known;
  }

  private static TrainingResult result(JsonNode row, String prefix) {
    TrainingResult.Status status = TrainingResult.Status.valueOf(row.get(prefix + "Status").asText());
    return new TrainingResult(status, row.get(prefix + "Accuracy").asDouble(), List.of(), 0,
        row.get(prefix + "Seconds").asDouble(), 0, status == TrainingResult.Status.OK ? null : "earlier study");
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
