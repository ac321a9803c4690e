package org.nas4j.cli;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.ReferenceNets;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.study.FidelityStudy;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.ProxyDefaults;
import org.nas4j.search.study.TrainSpeed;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.error.InvalidArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nas benchmark}: developer benchmarks of the DL4J trainer (hidden from the main help). Prints one JSON line
 * per measurement on stdout.
 */
@Command(
    name = "benchmark",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Developer benchmarks of the DL4J proxy trainer: training speed and low-fidelity ranking quality.",
    subcommands = {BenchmarkCommand.TrainSpeedCommand.class, BenchmarkCommand.FidelityCommand.class,
        SignalsCommand.class})
final class BenchmarkCommand {

  /** {@code nas benchmark train-speed}: images/s of DL4J training on the reference networks. */
  @Command(
      name = "train-speed",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "Train the reference networks on random data with DL4J (SGD, momentum 0.9) and print images/s "
          + "per network as JSON lines (median of --windows windows after --warmup-steps untimed steps). "
          + "benchmarks/train-speed.sh runs it interleaved with the PyTorch twin.",
      footer = "%nNetworks: plain-HxWxC, dwsep-HxWxC, darts_v2-HxWxC, darts_nodil-HxWxC (DARTS: 8 cells, C=16).")
  static final class TrainSpeedCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--nets", paramLabel = "LIST", defaultValue = ReferenceNets.DEFAULT_NAMES, split = ",",
        description = "Comma-separated reference networks (default: ${DEFAULT-VALUE}).")
    List<String> nets;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Minibatch size.")
    int batchSize;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "" + TrainSpeed.DEFAULT_WARMUP_STEPS,
        description = "Untimed training steps first (default: ${DEFAULT-VALUE}; DL4J sizes its workspaces over the "
            + "first steps).")
    int warmupSteps;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2", description = "Length of one window.")
    double seconds;

    @Option(names = "--windows", paramLabel = "N", defaultValue = "3", description = "Timed windows.")
    int windows;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
        description = "Copies of each network trained at once, each on its own thread with -Dnas4j.dl4j.threads "
            + "OpenMP threads, as the search trains its candidates; prints their summed images/s (default: "
            + "${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
        description = "Split each minibatch into N parts computed at once on N threads, as 'nas train --threads N' "
            + "does (default: ${DEFAULT-VALUE}).")
    int shards;

    @Override
    public Integer call() throws Exception {
      if (batchSize < 1 || !(seconds > 0) || windows < 1 || warmupSteps < 0 || jobs < 1) {
        throw new ParameterException(spec.commandLine(),
            "--batch-size, --windows and --jobs must be >= 1, --warmup-steps >= 0 and --seconds > 0");
      }
      ThreadsOption.checkParts(spec, "--shards", shards, batchSize);
      List<NetSpec> specs = new ArrayList<>();
      for (String n : nets) {
        specs.add(ReferenceNets.of(n.trim()));
      }
      PrintWriter out = spec.commandLine().getOut();
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < specs.size(); i++) {
        TrainSpeed.Result r = TrainSpeed.measure(specs.get(i), batchSize, warmupSteps, seconds, windows, jobs,
            shards);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("net", nets.get(i).trim());
        j.put("framework", "dl4j");
        j.put("imagesPerSecond", r.imagesPerSecond());
        j.put("windowImagesPerSecond", r.windowImagesPerSecond());
        j.put("macsPerImage", r.macsPerImage());
        j.put("batchSize", batchSize);
        j.put("warmupSteps", warmupSteps);
        j.put("threads", Dl4jRuntime.threads());
        j.put("jobs", jobs);
        j.put("shards", shards);
        j.put("helpers", Dl4jRuntime.helpersActive());
        out.println(json.writeValueAsString(j));
        out.flush();
      }
      return 0;
    }
  }

  /** {@code nas benchmark fidelity}: Kendall tau between a low and a 10x budget on random DARTS architectures. */
  @Command(
      name = "fidelity",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "Train --architectures random DARTS-space genotypes (seeded; or those of --genotypes FILE) twice "
          + "from scratch, with the low budget and with a --factor times larger one (more training images, then more "
          + "epochs), and print Kendall's tau between the two validation accuracies. One JSON line per architecture, "
          + "then a summary.",
      footer = {"%nDefaults are the recommended proxy (ProxyDefaults). A quick check:",
          "  nas benchmark fidelity --architectures 4 --train-images 500 --factor 2"})
  static final class FidelityCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "fashion-mnist",
        description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--architectures", paramLabel = "N", defaultValue = "20",
        description = "Random genotypes (with --genotypes: the first N of the file; default: all of it).")
    int architectures;

    @Option(names = "--genotypes", paramLabel = "FILE",
        description = "Study these DARTS genotypes instead of random ones: one per line (Genotype(...) or a name such "
            + "as DARTS_V2; blank lines and lines starting with # are skipped), e.g. the genotypes of a search's "
            + "candidates.jsonl.")
    Path genotypesFile;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Draw and training seed.")
    long seed;

    @Option(names = "--cells", paramLabel = "N", description = "Proxy cells (default: ProxyDefaults).")
    Integer cells;

    @Option(names = "--channels", paramLabel = "C", description = "Proxy channels (default: ProxyDefaults).")
    Integer channels;

    @Option(names = "--train-images", paramLabel = "N", description = "Low-budget training images.")
    Integer trainImages;

    @Option(names = "--epochs", paramLabel = "E", description = "Low-budget epochs.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Minibatch size.")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "LR", description = "Initial SGD learning rate.")
    Double learningRate;

    @Option(names = "--high-batch-size", paramLabel = "B",
        description = "Minibatch size of the high budget (default: the low budget's).")
    Integer highBatchSize;

    @Option(names = "--factor", paramLabel = "F", defaultValue = "10",
        description = "High budget = F times the low budget's images (default: ${DEFAULT-VALUE}).")
    int factor;

    @Option(names = "--validation-images", paramLabel = "N", defaultValue = "2000",
        description = "Validation images carved out of the training set (default: ${DEFAULT-VALUE}).")
    int validationImages;

    @Option(names = "--repeat-high",
        description = "Train the high budget a second time with another seed and report the tau between the two "
            + "high-budget runs: the high budget's own noise, a practical ceiling for any cheap budget against one "
            + "high-budget run.")
    boolean repeatHigh;

    @Option(names = "--repeat-low",
        description = "Train the low budget a second time with another seed and report the tau between the two "
            + "low-budget runs: how much of the cheap budget's own ranking repeats (cheap: no high-budget training "
            + "with --high-from).")
    boolean repeatLow;

    @Option(names = "--jobs", paramLabel = "N",
        description = "Architectures trained at once, each on one core (default: the number of cores, at most "
            + TrainingWorkers.MAX_DEFAULT + "). Results do not depend on it.")
    Integer jobs;

    @Option(names = "--low-validation-images", paramLabel = "N",
        description = "Validate the low budget on the first N validation images only (default: all of them; the "
            + "high budget always uses all).")
    Integer lowValidationImages;

    @Option(names = "--high-from", paramLabel = "FILE",
        description = "Take the high-budget results from this earlier output of the same study (same --seed, "
            + "dataset, cells, channels, validation images and high budget) instead of training them again: compares "
            + "another low budget with the same reference.")
    Path highFrom;

    @Override
    public Integer call() throws Exception {
      if (architectures < 2 || factor < 1 || validationImages < 1 || (jobs != null && jobs < 1)) {
        throw new ParameterException(spec.commandLine(), "--architectures must be >= 2, --factor, "
            + "--validation-images and --jobs >= 1");
      }
      List<DartsGenotype> genotypes = genotypesFile == null ? FidelityStudy.draw(architectures, seed)
          : readGenotypes(genotypesFile,
              spec.commandLine().getParseResult().hasMatchedOption("--architectures") ? architectures : -1);
      Dataset data = DatasetSpec.parse(dataset).load(new int[] {1, 28, 28});
      if (validationImages >= data.train().count()) {
        throw new ParameterException(spec.commandLine(), "--validation-images must be below "
            + data.train().count() + ", got " + validationImages);
      }
      Dataset.Split split = data.split(validationImages, seed);
      int lowValidation = lowValidationImages != null ? lowValidationImages : validationImages;
      if (lowValidation < 1 || lowValidation > validationImages) {
        throw new ParameterException(spec.commandLine(), "--low-validation-images must be in 1.."
            + validationImages + ", got " + lowValidation);
      }
      int[] shape = data.imageShape();
      InputShape input = new InputShape(shape[0], shape[1], shape[2]);
      MacroConfig macro = new MacroConfig(cells != null ? cells : ProxyDefaults.CELLS,
          channels != null ? channels : ProxyDefaults.CHANNELS, input, data.classes(), Stem.auto(input));
      FidelityStudy.Budgets budgets;
      try {
        budgets = FidelityStudy.budgets(trainImages, epochs, batchSize, learningRate, highBatchSize, factor,
            split.train().count(), seed);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      TrainingBudget low = budgets.low();
      TrainingBudget high = budgets.high();
      PrintWriter out = spec.commandLine().getOut();
      ObjectMapper json = new ObjectMapper();
      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("macro", macro.describe());
      setup.put("low", Map.of("epochs", low.epochs(), "trainImages", low.trainImages(), "batchSize",
          low.batchSize(), "lr", low.learningRate()));
      setup.put("high", Map.of("epochs", high.epochs(), "trainImages", high.trainImages(), "batchSize",
          high.batchSize(), "lr", high.learningRate()));
      setup.put("validationImages", validationImages);
      setup.put("lowValidationImages", lowValidation);
      setup.put("dataset", data.source());
      setup.put("threads", Dl4jRuntime.threads());
      int workers = jobs != null ? jobs : TrainingWorkers.defaultCount();
      setup.put("jobs", workers);
      setup.put("repeatHigh", repeatHigh);
      setup.put("repeatLow", repeatLow);
      setup.put("seed", seed);
      if (genotypesFile != null) {
        setup.put("genotypes", genotypesFile.toString());
      }
      List<FidelityStudy.KnownHigh> known = highFrom == null ? List.of() : readHighResults(highFrom, setup, json);
      if (highFrom != null) {
        setup.put("highFrom", highFrom.toString());
      }
      out.println(json.writeValueAsString(Map.of("setup", setup)));
      out.flush();
      FidelityStudy study = new FidelityStudy(split, data.classes(), macro, lowValidation);
      FidelityStudy.Outcome o = study.run(genotypes, seed, low, high,
          new FidelityStudy.Repeats(repeatLow, repeatHigh), workers, known, row -> {
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
        try {
          out.println(json.writeValueAsString(j));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        out.flush();
      });
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("kendallTau", o.kendallTau());
      if (repeatHigh) {
        s.put("repeatKendallTau", o.repeatKendallTau());
        s.put("meanHighKendallTau", o.meanHighKendallTau());
      }
      if (repeatLow) {
        s.put("lowRepeatKendallTau", o.lowRepeatKendallTau());
      }
      s.put("architectures", o.rows().size());
      s.put("meanLowSeconds", o.rows().stream().mapToDouble(r -> r.low().seconds()).average().orElse(0));
      s.put("meanHighSeconds", o.rows().stream().mapToDouble(r -> r.high().seconds()).average().orElse(0));
      s.put("meanLowAccuracy", o.rows().stream().mapToDouble(r -> r.low().validationAccuracy()).average()
          .orElse(0));
      s.put("meanHighAccuracy", o.rows().stream().mapToDouble(r -> r.high().validationAccuracy()).average()
          .orElse(0));
      out.println(json.writeValueAsString(Map.of("summary", s)));
      return 0;
    }

    /**
     * Reads the genotypes of {@code --genotypes}: the first {@code limit} of them (all when negative).
     *
     * @throws InvalidArgumentException naming the file (and line) when it cannot be read, a line is not a DARTS
     *     genotype, or it holds fewer than 2 (or than {@code limit})
     */
    private static List<DartsGenotype> readGenotypes(Path file, int limit) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new InvalidArgumentException("cannot read --genotypes " + file + ": " + e.getMessage(), e);
      }
      List<DartsGenotype> genotypes = new ArrayList<>();
      for (int n = 0; n < lines.size() && (limit < 0 || genotypes.size() < limit); n++) {
        String line = lines.get(n).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        try {
          genotypes.add(DartsGenotype.parse(line));
        } catch (InvalidArgumentException e) {
          throw new InvalidArgumentException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
        }
      }
      if (genotypes.size() < Math.max(2, limit)) {
        throw new InvalidArgumentException(file + " holds " + genotypes.size() + " genotype(s); the study needs "
            + Math.max(2, limit));
      }
      return genotypes;
    }

    /**
     * Reads the high-budget results of an earlier {@code nas benchmark fidelity} output. Its setup must match this
     * run's in everything the high-budget accuracies depend on; its rows must be this draw's (checked by the study).
     */
    private static List<FidelityStudy.KnownHigh> readHighResults(Path file, Map<String, Object> setup,
        ObjectMapper json) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new InvalidArgumentException("cannot read --high-from " + file + ": " + e.getMessage(), e);
      }
      // A failed run's accuracy is NaN, which Jackson writes as a bare token.
      ObjectReader reader = json.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
      JsonNode ours;
      try {
        // Through text, so that numbers compare as read from a file (a long seed reads back as an int).
        ours = reader.readTree(json.writeValueAsString(setup));
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
  }
}
