package org.nas4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.scale.ScaleBudget;
import org.nas4j.search.scale.ScaleJob;
import org.nas4j.search.scale.ScalePreset;
import org.nas4j.search.scale.ScaledConfig;
import org.nas4j.search.scale.ScaledModel;
import org.nas4j.search.scale.SearchRunDir;
import org.nas4j.search.space.InputShape;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.nas4j.targets.TargetResolver;

/**
 * {@code nas scale}: scales front members of a training-mode run (or a named architecture) to a mobile- or
 * server-sized network that fits a MACs/params/latency budget, trains it as a final model with checkpoints, and
 * records it under {@code DIR/scaled/<name>/}.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Scale Pareto members to mobile- or server-sized networks under a budget (cells N, channels C, "
        + "input resolution), train them as final models with checkpoints, and report test accuracy.",
    footer = {"%nPresets: mobile = DARTS' mobile regime (600M MACs at 224x224, scaled by the input's pixels; "
        + "14 DARTS cells for ImageNet-sized input, 5 otherwise; NB201 3 cells per stage); server = 4x the mobile MACs, "
        + "20 DARTS cells for ImageNet-sized input, 8 otherwise, NB201 5 cells per stage. --max-latency-ms, --max-macs and --max-params replace the "
        + "preset's budget. Without a preset, depth and resolution are searched too.%n",
        "Examples:%n"
            + "  nas scale runs/x --member 3f9a0c --preset mobile --epochs 10%n"
            + "  nas scale runs/x --member 3f9a0c --target pixel --max-latency-ms 15 --plan-only%n"
            + "  nas scale runs/x --resume 3f9a0c1b2d4e-mobile%n"
            + "  nas scale --space darts --genotype DARTS_V2 --input 3x224x224 --classes 1000 --preset mobile"})
final class ScaleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "A finished training-mode run directory of "
      + "'nas search'.")
  Path dir;

  @Option(names = "--member", paramLabel = "ID",
      description = "Front member to scale: at least 6 hex characters of its archId.")
  String member;

  @Option(names = "--all", description = "Scale every front member.")
  boolean all;

  @Option(names = "--preset", paramLabel = "PRESET", description = "mobile or server (see below).")
  String preset;

  @Option(names = "--target", paramLabel = "ID", split = ",",
      completionCandidates = TargetOption.TargetIds.class,
      description = "Targets whose latency is limited by --max-latency-ms and reported, comma-separated: "
          + "${COMPLETION-CANDIDATES} (default: pixel, or host with --preset server). Predicted for pixel, measured "
          + "through ONNX Runtime for host and cuda.")
  List<String> targetIds = new ArrayList<>();

  @Option(names = "--target-file", paramLabel = "FILE", description = "A further target profile JSON file.")
  Path targetFile;

  @Option(names = "--max-latency-ms", paramLabel = "MS",
      description = "Latency limit on every target (batch 1).")
  Double maxLatencyMs;

  @Option(names = "--max-macs", paramLabel = "N", description = "Multiply-adds limit, e.g. 600e6.")
  Double maxMacs;

  @Option(names = "--max-params", paramLabel = "N", description = "Trainable-parameter limit, e.g. 5e6.")
  Double maxParams;

  @Mixin ArchitectureOptions archOptions;

  @Option(names = "--resolution", paramLabel = "R",
      description = "Fix the input resolution to RxR (default: searched, or the input size with a preset).")
  Integer resolution;

  @Option(names = "--dataset", paramLabel = "DATASET",
      description = "Dataset to train on instead of the run's, recorded as datasetOverride in scaled.json: "
          + "fashion-mnist, mnist:DIR, cifar10:DIR, folder:DIR (default: the run's own data, found by the checksum "
          + "it recorded).")
  String dataset;

  @Option(names = "--input", paramLabel = "CxHxW",
      description = "Input shape (default: the dataset's; folder datasets are resized to it; without DIR 3x32x32).")
  String input;

  @Option(names = "--classes", paramLabel = "K", description = "Classes (default: the dataset's; without DIR 10).")
  Integer classes;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "10",
      description = "Training epochs, one cosine schedule over all of them (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--train-images", paramLabel = "N", defaultValue = "0",
      description = "Train on the first N images of the seeded training split; 0 = all (default: ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64",
      description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", paramLabel = "N", description = ThreadsOption.DESCRIPTION + " Fixed for a model by "
      + "its first run; --resume keeps it.")
  Integer threads;

  @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.05",
      description = "Initial SGD (Nesterov) learning rate, cosine-annealed to 0 (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of weights and data order (default: the run's).")
  Long seed;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Folder name under DIR/scaled/ (default: <12-hex id>-<preset or custom>).")
  String name;

  @Option(names = "--resume", paramLabel = "NAME", arity = "0..1", fallbackValue = "",
      description = "Continue the training of DIR/scaled/NAME from its last checkpoint (without NAME: the default "
          + "name of --member and --preset).")
  String resume;

  @Option(names = "--plan-only", description = "Print the plan without training or writing anything.")
  boolean planOnly;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (resume != null) {
      return resume(out);
    }
    ScalePreset p = preset == null ? null : ScalePreset.parse(preset);
    if (epochs < 1 || batchSize < 1 || trainImages < 0 || !(learningRate > 0)) {
      throw new ParameterException(spec.commandLine(), "--epochs and --batch-size must be >= 1, --train-images >= 0"
          + " and --lr > 0");
    }
    int shards = ThreadsOption.resolve(spec, threads, batchSize);
    if (archOptions.stem.value != null) {
      throw new ParameterException(spec.commandLine(), "--stem is chosen from the resolution in 'nas scale'");
    }
    ScaleJob.Source source;
    if (dir != null) {
      if (archOptions.space != null || archOptions.genotype != null || archOptions.arch != null) {
        throw new ParameterException(spec.commandLine(), "DIR and --space/--genotype/--arch are exclusive: the run "
            + "directory names the architectures");
      }
      if ((member == null) == !all) {
        throw new ParameterException(spec.commandLine(), "give exactly one of --member ID and --all");
      }
      source = ScaleJob.Source.ofRun(dir, member, all, dataset, input == null ? null : InputShape.parse(input),
          classes);
    } else {
      if (member != null || all) {
        throw new ParameterException(spec.commandLine(), "--member and --all need a run directory DIR");
      }
      source = ScaleJob.Source.ofArchitecture(archOptions.architecture(),
          InputShape.parse(input != null ? input : "3x32x32"), classes);
    }
    if (all && name != null) {
      throw new ParameterException(spec.commandLine(), "--name names one model; it cannot be used with --all");
    }
    List<TargetProfile> profiles = TargetResolver.resolveAll(targetIds, targetFile,
        p != null ? p.defaultTarget() : TargetResolver.DEFAULT_TARGET);
    List<String> ids = profiles.stream().map(TargetProfile::id).toList();
    ScaleBudget budget;
    try {
      budget = ScaleJob.budget(p, source.input(), ids, maxLatencyMs, maxMacs, maxParams);
    } catch (InvalidArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage()); // an option problem: with the usage hint
    }
    ScaleJob.Plan plan = ScaleJob.plan(source, profiles, budget, p, archOptions.cells, archOptions.channels,
        resolution, name);
    ScaleText.printTable(out, plan.names(), plan.configs(), ids);
    out.printf(Locale.ROOT, "budget: %s (%s) on %s x %d classes%n", budget.describe(),
        p == null ? "explicit limits" : "preset " + p.label(), source.input(), source.classes());
    if (planOnly || source.run() == null) {
      if (source.run() == null && !planOnly) {
        out.println("plan only: training needs a run directory (nas scale DIR --member ID ...)");
      }
      return ExitCodes.OK;
    }
    ScaleJob.start(plan, new ScaleJob.Recipe(epochs, trainImages, batchSize, learningRate, seed, shards),
        listener(out));
    return ExitCodes.OK;
  }

  /** {@code --resume [NAME]}: continue (or just report) a scaled model's training. */
  private int resume(PrintWriter out) throws IOException {
    if (dir == null) {
      throw new ParameterException(spec.commandLine(), "--resume needs the run directory DIR");
    }
    String n = resume;
    if (n.isEmpty()) {
      if (member == null || all) {
        throw new ParameterException(spec.commandLine(), "--resume without NAME needs --member ID (and the same "
            + "--preset) to find the model");
      }
      SearchRunDir run = SearchRunDir.read(dir);
      n = run.member(member).shortId() + "-" + (preset == null ? "custom" : ScalePreset.parse(preset).label());
    }
    Path folder = ScaleJob.folder(dir, n);
    ScaledModel m = ScaledModel.read(folder);
    if (threads != null && threads != m.training().threads()) {
      throw new ParameterException(spec.commandLine(), n + " trains with --threads " + m.training().threads()
          + " (part of its recipe); resume it without --threads");
    }
    ScaledConfig c = new ScaledConfig(m.macro().cells(), m.macro().channels(), InputShape.parse(m.macro().input()),
        m.plan().macs(), m.plan().params(), m.plan().latencyMs(), m.plan().latencySources(), m.plan().budgetRatio());
    ScaleText.printTable(out, List.of(n), List.of(c), List.copyOf(m.plan().latencyMs().keySet()));
    if (m.isFinished()) {
      out.printf(Locale.ROOT, "%s finished already: validation accuracy %.4f, test accuracy %.4f after %d epoch(s)%n",
          n, m.validationAccuracy(), m.testAccuracy(), m.epochsDone());
      return ExitCodes.OK;
    }
    ScaleJob.train(folder, m, null, listener(out));
    return ExitCodes.OK;
  }

  private ScaleJob.Listener listener(PrintWriter out) {
    return ScaleText.listener(spec, out, dir);
  }
}
