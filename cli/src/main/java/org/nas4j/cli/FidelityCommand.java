package org.nas4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.estimate.ProxyDefaults;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.search.study.FidelityLines;
import org.nas4j.search.study.FidelityStudy;
import org.nas4j.search.study.GenotypeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
final class FidelityCommand implements Callable<Integer> {
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

  @Option(names = "--high-lr", paramLabel = "LR",
      description = "Initial SGD learning rate of the high budget (default: the low budget's), e.g. to compare a "
          + "low budget's learning rate against an earlier reference with --high-from.")
  Double highLearningRate;

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

  @Option(names = "--same-low-seed",
      description = "Train every architecture's low budget with --seed (the same training images in the same order, "
          + "weights drawn from the same seed), as nas search trains every candidate with the run's seed. Default: "
          + "architecture i uses --seed + i, as the high budget always does.")
  boolean sameLowSeed;

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
        : GenotypeFiles.forFidelity(genotypesFile,
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
      budgets = FidelityStudy.budgets(trainImages, epochs, batchSize, learningRate, highBatchSize, highLearningRate,
          factor, split.train().count(), seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    FidelityStudy.Repeats repeats = new FidelityStudy.Repeats(repeatLow, repeatHigh);
    FidelityStudy.LowSeed lowSeed =
        sameLowSeed ? FidelityStudy.LowSeed.SHARED : FidelityStudy.LowSeed.PER_ARCHITECTURE;
    FidelityLines.Setup setup = new FidelityLines.Setup(macro, budgets.low(), budgets.high(), validationImages,
        lowValidation, data.source(), jobs != null ? jobs : TrainingWorkers.defaultCount(), repeats, seed,
        genotypesFile, highFrom, lowSeed);
    List<FidelityStudy.KnownHigh> known = highFrom == null ? List.of() : FidelityLines.readKnownHigh(highFrom, setup);
    PrintWriter out = spec.commandLine().getOut();
    out.println(FidelityLines.setupLine(setup));
    out.flush();
    FidelityStudy.Outcome o = new FidelityStudy(split, data.classes(), macro, lowValidation).run(genotypes, seed,
        budgets.low(), budgets.high(), repeats, lowSeed, setup.jobs(), known, row -> {
          out.println(FidelityLines.rowLine(row));
          out.flush();
        });
    out.println(FidelityLines.summaryLine(o, repeats));
    return 0;
  }
}
