package org.nas4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.search.build.Dl4jRuntime;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.latency.LatencyOracle;
import org.nas4j.search.scale.ScaleBudget;
import org.nas4j.search.scale.ScaleGrid;
import org.nas4j.search.scale.ScalePlanner;
import org.nas4j.search.scale.ScalePreset;
import org.nas4j.search.scale.ScaledConfig;
import org.nas4j.search.scale.ScaledModel;
import org.nas4j.search.scale.ScaledTrainer;
import org.nas4j.search.scale.SearchRunDir;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
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
      description = "Dataset to train on (default: the run's): fashion-mnist, mnist:DIR, cifar10:DIR, folder:DIR.")
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

  /** One model to plan and maybe train. */
  private record Job(String id, String archId, Architecture arch) {}

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
    if (archOptions.stem != null) {
      throw new ParameterException(spec.commandLine(), "--stem is chosen from the resolution in 'nas scale'");
    }
    List<Job> jobs = new ArrayList<>();
    SearchRunDir run = null;
    Dataset data = null;
    InputShape in;
    int k;
    String datasetText = null;
    if (dir != null) {
      if (archOptions.space != null || archOptions.genotype != null || archOptions.arch != null) {
        throw new ParameterException(spec.commandLine(), "DIR and --space/--genotype/--arch are exclusive: the run "
            + "directory names the architectures");
      }
      if ((member == null) == !all) {
        throw new ParameterException(spec.commandLine(), "give exactly one of --member ID and --all");
      }
      run = SearchRunDir.read(dir);
      if (run.members().isEmpty()) {
        throw new InvalidArgumentException(dir + ": the front is empty; nothing to scale");
      }
      for (SearchRunDir.Member m : all ? run.members() : List.of(run.member(member))) {
        jobs.add(new Job(m.shortId(), m.archId(), run.architecture(m)));
      }
      datasetText = dataset != null ? dataset : run.training().dataset();
      Dl4jRuntime.init();
      data = loadDataset(datasetText, input != null ? InputShape.parse(input) : new InputShape(3, 32, 32));
      int[] s = data.imageShape();
      in = new InputShape(s[0], s[1], s[2]);
      if (input != null && !InputShape.parse(input).equals(in)) {
        throw new ParameterException(spec.commandLine(), "--input " + input + " does not match the " + datasetText
            + " images (" + in + "); only folder datasets are resized");
      }
      if (classes != null && classes != data.classes()) {
        throw new ParameterException(spec.commandLine(), "--classes " + classes + " does not match the "
            + data.classes() + " classes of " + datasetText);
      }
      k = data.classes();
    } else {
      if (member != null || all) {
        throw new ParameterException(spec.commandLine(), "--member and --all need a run directory DIR");
      }
      Architecture a = archOptions.architecture();
      jobs.add(new Job(a.shortId(), a.archId(), a));
      in = InputShape.parse(input != null ? input : "3x32x32");
      k = classes != null ? classes : 10;
    }
    if (all && name != null) {
      throw new ParameterException(spec.commandLine(), "--name names one model; it cannot be used with --all");
    }
    String space = jobs.get(0).arch().space();
    List<TargetProfile> profiles = TargetResolver.resolveAll(targetIds, targetFile,
        p != null ? p.defaultTarget() : TargetResolver.DEFAULT_TARGET);
    List<String> ids = profiles.stream().map(TargetProfile::id).toList();
    ScaleBudget budget = budget(p, in, ids);
    ScaleGrid grid = ScaleGrid.of(space, in, archOptions.cells, resolution);
    if (p != null) {
      int depth = archOptions.cells != null ? archOptions.cells : p.cells(space, in);
      InputShape fixed = resolution != null ? grid.inputs().get(0) : in;
      grid = grid.fixed(depth, fixed);
    }
    if (archOptions.channels != null) {
      grid = new ScaleGrid(grid.cells(), List.of(archOptions.channels), grid.inputs());
    }
    Path scratch = Files.createTempDirectory("nas-scale");
    scratch.toFile().deleteOnExit();
    List<LatencyOracle> oracles = new ArrayList<>();
    for (TargetProfile t : profiles) {
      if (t.measure() != org.nas4j.targets.MeasureMode.PREDICT) {
        Dl4jRuntime.init();
      }
      oracles.add(LatencyOracle.of(t, scratch));
    }
    String presetLabel = p == null ? "custom" : p.label();

    List<ScaledConfig> plans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Job j : jobs) {
      plans.add(new ScalePlanner(j.arch(), k, budget, oracles).plan(grid));
      names.add(name != null ? name : j.id() + "-" + presetLabel);
    }
    printTable(out, names, plans, ids);
    out.printf(Locale.ROOT, "budget: %s (%s) on %s x %d classes%n", budget.describe(),
        p == null ? "explicit limits" : "preset " + p.label(), in, k);
    if (planOnly || run == null) {
      if (run == null && !planOnly) {
        out.println("plan only: training needs a run directory (nas scale DIR --member ID ...)");
      }
      return ExitCodes.OK;
    }

    for (String n : names) {
      Path folder = run.dir().resolve("scaled").resolve(n);
      if (Files.exists(folder.resolve(ScaledModel.FILE))) {
        throw new InvalidArgumentException(folder + " already exists; continue it with 'nas scale " + dir
            + " --resume " + n + "' or choose another --name");
      }
    }
    long trainSeed = seed != null ? seed : run.seed();
    for (int i = 0; i < jobs.size(); i++) {
      Job j = jobs.get(i);
      ScaledConfig c = plans.get(i);
      MacroConfig macro = new MacroConfig(c.cells(), c.channels(), c.input(), k, null);
      ScaledModel.Training training = new ScaledModel.Training(epochs, trainImages, batchSize, learningRate, 0.9,
          run.training().weightDecay(), trainSeed, run.training().validationImages(), run.seed(), shards);
      ScaledModel planned = ScaledModel.planned(names.get(i), run.runId(), j.archId(), space, j.arch().toText(),
          macro, datasetText, p == null ? null : p.label(), budget, c, training);
      Path folder = run.dir().resolve("scaled").resolve(names.get(i));
      planned.write(folder);
      train(out, folder, planned, data);
    }
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
    Path folder = dir.resolve("scaled").resolve(n);
    ScaledModel m = ScaledModel.read(folder);
    if (threads != null && threads != m.training().threads()) {
      throw new ParameterException(spec.commandLine(), n + " trains with --threads " + m.training().threads()
          + " (part of its recipe); resume it without --threads");
    }
    ScaledConfig c = new ScaledConfig(m.macro().cells(), m.macro().channels(), InputShape.parse(m.macro().input()),
        m.plan().macs(), m.plan().params(), m.plan().latencyMs(), m.plan().latencySources(), m.plan().budgetRatio());
    printTable(out, List.of(n), List.of(c), List.copyOf(m.plan().latencyMs().keySet()));
    if (m.isFinished()) {
      out.printf(Locale.ROOT, "%s finished already: validation accuracy %.4f, test accuracy %.4f after %d epoch(s)%n",
          n, m.validationAccuracy(), m.testAccuracy(), m.epochsDone());
      return ExitCodes.OK;
    }
    Dl4jRuntime.init();
    train(out, folder, m, null);
    return ExitCodes.OK;
  }

  /**
   * Trains a scaled model on {@code loaded} when that is its dataset at its input size (the dataset was read for
   * planning), else on the dataset read again at the model's resolution.
   */
  private void train(PrintWriter out, Path folder, ScaledModel m, Dataset loaded) throws IOException {
    InputShape in = InputShape.parse(m.macro().input());
    Dataset data = loaded != null && java.util.Arrays.equals(loaded.imageShape(),
        new int[] {in.channels(), in.height(), in.width()}) ? loaded : loadDataset(m.dataset(), in);
    int[] s = data.imageShape();
    if (s[0] != in.channels() || s[1] != in.height() || s[2] != in.width()) {
      throw new InvalidArgumentException("the scaled model's input is " + in + " but " + m.dataset() + " has "
          + s[0] + "x" + s[1] + "x" + s[2] + " images (only folder datasets are resized); fix --resolution");
    }
    int validation = Math.min(m.training().validationImages(), data.train().count() / 2);
    Dataset.Split split = data.split(validation, m.training().splitSeed());
    PrintWriter err = spec.commandLine().getErr();
    boolean quiet = spec.root().userObject() instanceof NasCommand root && root.quiet;
    if (!quiet) {
      err.printf(Locale.ROOT, "training %s (%s %s, N=%d C=%d %s) on %s: %,d training / %,d validation images, "
              + "epochs %d..%d of %d, %s; checkpoints in %s%n", m.name(), m.space(), m.archId().substring(0, 12),
          m.macro().cells(), m.macro().channels(), m.macro().input(), data.source(), split.train().count(),
          split.validation().count(), m.epochsDone() + 1, m.training().epochs(), m.training().epochs(),
          ThreadsOption.describe(m.training().threads()), folder);
    }
    ProgressBar bar = new ProgressBar(err, quiet, m.name());
    ScaledModel done = new ScaledTrainer(folder, data, split).train(m, (d, total, loss) ->
        bar.update(d, total, String.format(Locale.ROOT, "%,d/%,d img  loss %.3f", d, total, loss)));
    out.printf(Locale.ROOT, "%s: validation accuracy %.4f, test accuracy %.4f after %d epoch(s), %.1f s; "
            + "export it with: nas export %s --scaled %s --out %s.onnx%n", done.name(), done.validationAccuracy(),
        done.testAccuracy(), done.epochsDone(), done.seconds(), dir, done.name(), done.name());
  }

  private static Dataset loadDataset(String text, InputShape folderShape) {
    return DatasetSpec.parse(text).load(new int[] {folderShape.channels(), folderShape.height(),
        folderShape.width()});
  }

  /** The explicit limits, else the preset's MACs budget. */
  private ScaleBudget budget(ScalePreset p, InputShape in, List<String> targetIds) {
    if (maxLatencyMs == null && maxMacs == null && maxParams == null) {
      if (p == null) {
        throw new ParameterException(spec.commandLine(), "give --preset mobile|server or a limit (--max-macs, "
            + "--max-params, --max-latency-ms)");
      }
      return ScaleBudget.macs(p.macsBudget(in));
    }
    for (Double v : new Double[] {maxLatencyMs, maxMacs, maxParams}) {
      if (v != null && !(v > 0 && Double.isFinite(v))) {
        throw new ParameterException(spec.commandLine(), "--max-latency-ms, --max-macs and --max-params must be "
            + "positive numbers, got " + v);
      }
    }
    Map<String, Double> latency = new LinkedHashMap<>();
    if (maxLatencyMs != null) {
      for (String t : targetIds) {
        latency.put(t, maxLatencyMs);
      }
    }
    return new ScaleBudget(maxMacs == null ? null : Math.round(maxMacs), maxParams == null ? null
        : Math.round(maxParams), latency);
  }

  static void printTable(PrintWriter out, List<String> names, List<ScaledConfig> plans, List<String> targetIds) {
    int w = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %3s  %4s  %-10s  %9s  %8s",
        "model", "N", "C", "resolution", "MACs", "params"));
    for (String t : targetIds) {
      head.append(String.format(Locale.ROOT, "  %14s", "ms " + t));
    }
    out.println(head.append("  latency source"));
    for (int i = 0; i < plans.size(); i++) {
      ScaledConfig c = plans.get(i);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %3d  %4d  %-10s  %8.1fM  %7.3fM",
          names.get(i), c.cells(), c.channels(), c.input().height() + "x" + c.input().width(), c.macs() / 1e6,
          c.params() / 1e6));
      List<String> sources = new ArrayList<>();
      for (String t : targetIds) {
        Double ms = c.latencyMs().get(t);
        row.append(String.format(Locale.ROOT, "  %14s", ms == null ? "-" : String.format(Locale.ROOT, "%.3f", ms)));
        sources.add(c.latencySources().getOrDefault(t, "?"));
      }
      out.println(row.append("  ").append(String.join(", ", sources)));
    }
  }
}
