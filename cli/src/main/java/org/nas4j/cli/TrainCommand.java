package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.report.RunReport;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.export.ExportResult;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.train.MemberTraining;
import org.nas4j.search.train.TrainJob;
import org.nas4j.search.train.TrainedFrontExporter;
import org.nas4j.search.train.TrainingEvaluatorFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nas train}: trains one architecture on a real dataset and reports validation and test accuracy. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Train one architecture with Deeplearning4j on a real dataset; report validation and test "
        + "accuracy, and optionally export the trained network as a verified ONNX file.",
    footer = {"%nDefaults: darts 8 cells at 16 channels, nb201 5 cells per stage at 16 channels; the input shape "
        + "is the dataset's (image folders are resized to --input).%n",
        "Example:%n  nas train --space darts --genotype DARTS_V2 --cells 8 --channels 16 --dataset fashion-mnist "
            + "--epochs 3 --out darts-v2.onnx",
        "%nA front member of a search that its final stage did not train, with that stage's recipe (recorded in the "
            + "run's pareto.json and models/):%n  nas train runs/x --member 3f9a0c"})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ArchitectureOptions archOptions;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "A training-mode search's run directory: train its --member with the final stage's recipe.")
  Path runDir;

  @Option(names = "--member", paramLabel = "ID",
      description = "With DIR: the front member to train (its id, or a unique prefix of at least 6 characters).")
  String member;

  @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "fashion-mnist",
      description = "fashion-mnist, fashion-mnist:embedded, fashion-mnist:DIR, mnist:DIR, cifar10:DIR or folder:DIR (with train/ and "
          + "test/) (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--input", paramLabel = "CxHxW", defaultValue = "3x32x32",
      description = "Image size that folder datasets are resized to (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--train-images", paramLabel = "N", defaultValue = "0",
      description = "Train on the first N images of the (seeded) training split; 0 = all (default: ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128",
      description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", paramLabel = "N", description = ThreadsOption.DESCRIPTION)
  Integer threads;

  @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "SGD",
      description = "SGD (Nesterov momentum) or ADAM, both with a cosine schedule (default: ${DEFAULT-VALUE}).")
  Optimizer optimizer;

  @Option(names = "--lr", paramLabel = "LR", description = "Initial learning rate (default: 0.05 for SGD, 0.002 for ADAM).")
  Double learningRate;

  @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "3e-4",
      description = "Weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = "--validation-images", paramLabel = "N",
      description = "Validation images carved out of the training set (default: a fifth, at most 5,000).")
  Integer validationImages;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
      description = "Seed of weights, split and data order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "0",
      description = "Stop training after this many seconds; 0 = no limit (default: ${DEFAULT-VALUE}).")
  long timeLimitSeconds;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the trained network as a verified ONNX file.")
  Path out;

  @Mixin OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (runDir != null || member != null) {
      return trainMember();
    }
    Architecture arch = archOptions.architecture();
    if (epochs < 1) {
      throw new ParameterException(spec.commandLine(), "--epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1 || trainImages < 0 || timeLimitSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be >= 1 and --train-images, "
          + "--time-limit >= 0");
    }
    int shards = ThreadsOption.resolve(spec, threads, batchSize);
    DatasetSpec dataSpec = DatasetSpec.parse(dataset);
    double lr = learningRate != null ? learningRate : optimizer == Optimizer.SGD ? 0.05 : 0.002;
    TrainingBudget budget = new TrainingBudget(epochs, trainImages, batchSize, optimizer, lr, 0.9, weightDecay, seed,
        Duration.ofSeconds(timeLimitSeconds));
    PrintWriter err = spec.commandLine().getErr();
    boolean quiet = spec.root().userObject() instanceof NasCommand root && root.quiet;
    ProgressBar bar = new ProgressBar(err, quiet, "train");
    TrainJob.Result r = TrainJob.run(arch, dataSpec, InputShape.parse(input), validationImages,
        (shape, classes) -> archOptions.macro(shape, classes, 8, 16), budget, shards, VersionProvider.version(), out,
        new TrainJob.Listener() {
          @Override
          public void starting(NetSpec net, Dataset data, Dataset.Split split) {
            if (!quiet) {
              err.printf(Locale.ROOT, "training %s %s (%s) on %s: %,d training / %,d validation images, %d epoch(s), "
                  + "%s%n", arch.space(), arch.shortId(), net.macro().describe(), data.source(), split.train().count(),
                  split.validation().count(), epochs, ThreadsOption.describe(shards));
            }
          }

          @Override
          public void update(long done, long total, double loss) {
            bar.update(done, total, String.format(Locale.ROOT, "%,d/%,d img  loss %.3f", done, total, loss));
          }
        });
    MacroConfig macro = r.net().macro();
    NetSpec netSpec = r.net();
    Dataset data = r.data();
    Dataset.Split split = r.split();
    TrainingResult result = r.training();
    double testAccuracy = r.testAccuracy();
    ExportResult exported = r.exported();
    PrintWriter pw = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("schema", "nas.train/v1");
      j.put("space", arch.space());
      j.put("archId", arch.archId());
      j.put("genotype", arch.toText());
      j.put("cells", macro.cells());
      j.put("channels", macro.channels());
      j.put("input", macro.input().toString());
      j.put("classes", macro.classes());
      j.put("dataset", dataSpec.toString());
      j.put("datasetSource", data.source());
      j.put("trainImages", Math.min(split.train().count(), trainImages == 0 ? Integer.MAX_VALUE : trainImages));
      j.put("validationImages", split.validation().count());
      j.put("testImages", data.test().count());
      j.put("epochs", result.epochsDone());
      j.put("optimizer", optimizer.name());
      j.put("learningRate", lr);
      j.put("seed", seed);
      j.put("threads", shards);
      j.put("validationAccuracy", result.validationAccuracy());
      j.put("testAccuracy", testAccuracy);
      j.put("lossCurve", result.lossCurve());
      j.put("imagesPerSecond", result.imagesPerSecond());
      j.put("seconds", result.seconds());
      j.put("paramsTrainable", netSpec.live().trainableParams());
      j.put("macs", netSpec.live().macs());
      j.put("onednnHelpers", Dl4jRuntime.helpersActive());
      if (exported != null) {
        j.put("onnx", exported.file().toString());
      }
      pw.println(new ObjectMapper().writeValueAsString(j));
    } else {
      pw.printf(Locale.ROOT, "%s %s: validation accuracy %.4f, test accuracy %.4f after %d epoch(s); "
              + "%.1f s, %,.0f images/s%n", arch.space(), arch.shortId(), result.validationAccuracy(), testAccuracy,
          result.epochsDone(), result.seconds(), result.imagesPerSecond());
      if (exported != null) {
        pw.printf(Locale.ROOT, "wrote %s (%,d trainable params, %.1fM MACs; ONNX Runtime matches DL4J)%n",
            exported.file(), exported.trainableParams(), exported.macs() / 1e6);
      }
    }
    return ExitCodes.OK;
  }

  /** What {@code nas train DIR --member ID} accepts besides DIR: the recipe is the run's. */
  private static final Set<String> MEMBER_OPTIONS = Set.of("--member", "--dataset", "--format", "--json");

  /** {@code nas train DIR --member ID}. */
  private int trainMember() throws IOException {
    if (runDir == null || member == null) {
      throw new ParameterException(spec.commandLine(), "--member needs a run directory DIR, and DIR needs --member");
    }
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (!MEMBER_OPTIONS.contains(o.longestName())) {
        throw new ParameterException(spec.commandLine(), o.longestName() + " does not apply to nas train DIR "
            + "--member: a member is trained with its run's final-stage recipe (final/plan.json); only --dataset "
            + "and the output format can be given");
      }
    }
    boolean quiet = spec.root().userObject() instanceof NasCommand root && root.quiet;
    ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), quiet, "train " + member);
    TrainingEvaluatorFactory factory = new TrainingEvaluatorFactory(VersionProvider.version(),
        TrainedFrontExporter.Progress.NONE, 1);
    if (spec.commandLine().getParseResult().hasMatchedOption("--dataset")) {
      factory.datasetOverride(dataset); // otherwise the run's own data, found by its checksum
    }
    MemberTraining.Result r = new MemberTraining(factory).train(runDir, member,
        (done, total) -> bar.update(done, total, String.format(Locale.ROOT, "%,d/%,d img", done, total)),
        VersionProvider.version());
    bar.endLine();
    if (!r.alreadyTrained()) {
      RunReport.write(runDir); // the report shows the trained front as pareto.json now has it
    }
    ParetoRecord.Member m = r.member();
    PrintWriter pw = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("schema", "nas.train-member/v1");
      j.put("dir", runDir.toString());
      j.put("archId", m.archId());
      j.put("alreadyTrained", r.alreadyTrained());
      j.put("budget", r.budgetBasis());
      j.put("export", m.export());
      pw.println(new ObjectMapper().writeValueAsString(j));
    } else {
      pw.printf(Locale.ROOT, "%s member %s: validation accuracy %.4f, test accuracy %.4f after %,d final images%s; "
          + "%s; %s%n", runDir, m.archId().substring(0, 12), m.finalValidationAccuracy(), m.testAccuracy(),
          ((Number) m.export().get("finalTrainImages")).longValue(), r.alreadyTrained() ? " (trained before)" : "",
          Boolean.TRUE.equals(m.export().get("onTrainedFront")) ? "on the trained front" : "dominated by a trained "
              + "member", runDir.resolve((String) m.export().get("onnx")));
    }
    return ExitCodes.OK;
  }
}
