package org.nas4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.run.EvaluatorFactory;
import org.nas4j.search.report.ReportListener;
import org.nas4j.search.run.FrontExporter;
import org.nas4j.search.run.ProgressEvent;
import org.nas4j.search.run.ProgressListener;
import org.nas4j.search.run.RunDirectory;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.run.SearchResult;
import org.nas4j.search.run.SearchRunner;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.tabular.TabularEvaluatorFactory;
import org.nas4j.search.train.TrainingEvaluatorFactory;
import org.nas4j.search.strategy.SearchSettings;
import org.nas4j.search.strategy.Strategy;
import org.nas4j.search.tabular.BenchmarkTables;
import org.nas4j.targets.error.InvalidArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nas search}: the multi-objective architecture search, in training mode (DL4J) or tabular mode. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search architectures with a surrogate-assisted NSGA-II over error, latency per target, MACs and params.",
      "Writes run.json, candidates.jsonl, checkpoint/, pareto.json, pareto.png and convergence.png to --out;",
      "a killed run continues exactly with --resume DIR."
    },
    sortOptions = false,
    footer = {
      "%nExample:%n  nas search --space nb201 --table nb201"
          + " --accuracy-column cifar10_test_acc --latency-column hw_c10_pixel3_latency_ms"
          + " --evaluations 300 --seed 1 --out runs/x"
    })
final class SearchCommand implements Callable<Integer> {
  /** Search-phase time limit of training mode when neither --time nor --evaluations is given. */
  static final long DEFAULT_TRAINING_SECONDS = 8 * 60;

  /** Population of training mode unless --population is given: evaluations are expensive. */
  static final int DEFAULT_TRAINING_POPULATION = 10;

  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Spec CommandSpec spec;
  @ParentCommand NasCommand root;
  @Mixin OutputFormat format;

  @Option(names = "--space", paramLabel = "NAME",
      description = "Search space: nb201 or fbnet in tabular mode (default: nb201 with --table, darts otherwise).")
  String space;

  @Option(names = "--target", paramLabel = "ID", split = ",",
      description = "Target ids, one latency objective each. In tabular mode they name the --latency-column values "
          + "(default: derived from the column, e.g. pixel3).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--table", paramLabel = "TABLE",
      description = "Tabular mode: read objectives from a benchmark table instead of training: a built-in table"
          + " (nb201, fbnet; see 'nas tables list') or a CSV file.")
  Path table;

  @Option(names = "--accuracy-column", paramLabel = "COLUMN", description = "Table column with accuracy (%% or 0-1).")
  String accuracyColumn;

  @Option(names = "--latency-column", paramLabel = "COLUMN", split = ",",
      description = "Table latency column(s) in ms, one per target.")
  List<String> latencyColumns = new ArrayList<>();

  @Option(names = "--arch-column", paramLabel = "COLUMN",
      description = "Table column with architecture strings (default: arch for nb201, ops for fbnet).")
  String archColumn;

  @Option(names = "--macs-column", paramLabel = "COLUMN",
      description = "Table MACs column in millions (default: flops_m_c10 if present).")
  String macsColumn;

  @Option(names = "--params-column", paramLabel = "COLUMN",
      description = "Table parameter column in millions (default: params_m_c10 if present).")
  String paramsColumn;

  @Option(names = "--objectives", paramLabel = "LIST", split = ",",
      description = "Objectives from error, latency, macs, params (default: error,latency,macs).")
  List<String> objectives = new ArrayList<>();

  @Option(names = "--max-latency-ms", paramLabel = "MS", description = "Hard latency limit on every target.")
  Double maxLatencyMs;

  @Option(names = "--max-params", paramLabel = "N", description = "Hard limit on the parameter count.")
  Double maxParams;

  @Option(names = "--max-macs", paramLabel = "N", description = "Hard limit on MACs.")
  Double maxMacs;

  @Option(names = "--population", paramLabel = "N", defaultValue = "" + SearchSettings.DEFAULT_POPULATION,
      description = "Population size (default: ${DEFAULT-VALUE}).")
  int population;

  @Option(names = "--evaluations", paramLabel = "N", defaultValue = "300",
      description = "Distinct architectures to evaluate in total, across resumes (default: ${DEFAULT-VALUE}).")
  int evaluations;

  @Option(names = "--time", paramLabel = "DURATION",
      description = "Stop starting generations after this long, e.g. 20m, 1h30m, 90s.")
  String time;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: picked and printed).")
  Long seed;

  @Option(names = "--no-surrogate",
      description = "Plain NSGA-II (with duplicate elimination) instead of surrogate pre-screening.")
  boolean noSurrogate;

  @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<timestamp>).")
  Path out;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the interrupted run in DIR (other search options are taken from DIR/run.json).")
  Path resume;

  @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "fashion-mnist",
      description = "Training mode: fashion-mnist, fashion-mnist:embedded, fashion-mnist:DIR, mnist:DIR, "
          + "cifar10:DIR or folder:DIR (default: ${DEFAULT-VALUE}). With --resume the run continues on its own "
          + "data (found by checksum); --dataset then overrides it and is recorded as such.")
  String dataset;

  @Option(names = "--cells", paramLabel = "N", description = "Training mode: cells of the proxy network.")
  Integer cells;

  @Option(names = "--channels", paramLabel = "C", description = "Training mode: channels of the proxy network.")
  Integer channels;

  @Option(names = "--epochs", paramLabel = "E", description = "Training mode: epochs per candidate.")
  Integer epochs;

  @Option(names = "--train-images", paramLabel = "N", description = "Training mode: training images per candidate.")
  Integer trainImages;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "nsga2",
      description = "nsga2 (surrogate-assisted NSGA-II) or random (uniform sampling of distinct architectures, same "
          + "budget, time and final stage: the baseline) (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--final-members", paramLabel = "K",
      description = "Training mode: front members the final stage trains, all with the same budget (default: "
          + TrainingOptions.DEFAULT_FINAL_MEMBERS + ": both ends of the latency range, the knee and members in "
          + "between; 0: no final stage; more than the front holds: all of it).")
  Integer finalMembers;

  @Option(names = "--final-time", paramLabel = "DURATION",
      description = "Training mode: time of the final stage, less what the search phase ran over --time (default: "
          + "10m30s; with the default --time of 8m the README's main command stays within 20 minutes).")
  String finalTime;

  @Option(names = "--final-epochs", paramLabel = "E",
      description = "Training mode: epochs of every trained member's final training (with --final-train-images).")
  Integer finalEpochs;

  @Option(names = "--final-train-images", paramLabel = "N",
      description = "Training mode: training images per epoch of every trained member (default: as many as fit the "
          + "final stage's time; 0 = all; more than the training split holds become more epochs).")
  Integer finalTrainImages;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Training mode: candidates trained at once, each on one core (default: the number of cores, at "
          + "most " + TrainingWorkers.MAX_DEFAULT + "). Results do not depend on it.")
  Integer jobs;

  @Option(names = "--cluster", paramLabel = "HOST:PORT", split = ",",
      description = "Run the evaluations on the nas workers of this cluster (see nas worker); without it nothing of "
          + "the cluster starts.")
  List<String> cluster;

  @Option(names = "--cluster-name", paramLabel = "NAME", description = "With --cluster: the cluster's name (required).")
  String clusterName;

  @Option(names = "--cluster-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "With --cluster: how long to wait for a worker before giving up with exit code 4 "
          + "(default: ${DEFAULT-VALUE}).")
  String clusterTimeout;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "With --cluster: the address this coordinator binds (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--eval-delay-ms", hidden = true, defaultValue = "0",
      description = "Test only: sleep this long in every evaluation.")
  long evalDelayMs;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<String> args = Arrays.asList(spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
    ProgressRenderer progress = new ProgressRenderer(err, System.console() != null && !root.quiet, root.quiet);
    if (jobs != null && jobs < (cluster != null ? 0 : 1)) {
      throw new ParameterException(spec.commandLine(), "--jobs must be >= " + (cluster != null ? 0 : 1) + ", got "
          + jobs);
    }
    if (cluster == null && clusterName != null) {
      throw new ParameterException(spec.commandLine(), "--cluster-name needs --cluster HOST:PORT");
    }
    int localJobs = jobs != null ? jobs : TrainingWorkers.defaultCount();
    SearchRunner.PoolFactory pools = cluster == null ? null : Cluster.pools(cluster, clusterName, bind, 0,
        java.time.Duration.ofSeconds(parseSeconds("--cluster-timeout", clusterTimeout)), localJobs, err, progress,
        root.quiet);
    int workers = Math.max(1, localJobs);
    TrainingEvaluatorFactory training = new TrainingEvaluatorFactory(VersionProvider.version(),
        new FinalTrainingProgress(progress, err, root.quiet), workers);
    EvaluatorFactory factory = EvaluatorFactory.byMode(new TabularEvaluatorFactory(workers), training);
    SearchResult result;
    if (resume != null) {
      if (!Files.isDirectory(resume)) {
        throw new ParameterException(spec.commandLine(), "--resume " + resume + ": no such run directory");
      }
      if (spec.commandLine().getParseResult().hasMatchedOption("--dataset")) {
        training.datasetOverride(dataset); // recorded in run.json's resume entry as datasetOverride
      }
      result = new SearchRunner(factory, new ReportListener(progress, resume), training, VersionProvider.version(),
          pools).resume(resume, args);
    } else {
      SearchRequest request = request();
      Path dir = out != null ? out
          : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      ProgressListener listener = seed != null ? progress : new ProgressListener() {
        @Override
        public void started(Path runDir) {
          // Only once the request is known to be valid: bad input stays a one-line error.
          err.println("nas: seed " + request.seed() + " (pass --seed " + request.seed() + " to repeat this run)");
        }

        @Override
        public void generation(ProgressEvent event) {
          progress.generation(event);
        }

        @Override
        public void finished(SearchResult r) {
          progress.finished(r);
        }
      };
      result = new SearchRunner(factory, new ReportListener(listener, dir), training, VersionProvider.version(),
          pools).start(request, dir, args);
    }
    progress.done();
    PrintWriter stdout = spec.commandLine().getOut();
    if (format.json()) {
      stdout.print(RunDirectory.json(result.pareto()));
    } else {
      FrontTable.print(stdout, result.objectives(), result.front(), result.pareto());
      FrontTable.printLatencyCaveats(stdout, result.pareto().latencyBands());
      stdout.printf("%d members on the front; %d architectures evaluated (%d replayed); hypervolume %.4f; %s%n",
          result.front().size(), result.outcome().evaluations().size(), result.replayed(), result.hypervolume(),
          result.dir());
    }
    return ExitCodes.OK;
  }

  /** The --table value to record: a built-in name as given, a file as its absolute path. */
  private String canonicalTable(String value) {
    try {
      return BenchmarkTables.canonical(value);
    } catch (InvalidArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private SearchRequest request() {
    if (evaluations < 1) {
      throw new ParameterException(spec.commandLine(), "--evaluations must be >= 1, got " + evaluations);
    }
    if (population < 2) {
      throw new ParameterException(spec.commandLine(), "--population must be >= 2, got " + population);
    }
    if (evalDelayMs < 0) {
      throw new ParameterException(spec.commandLine(), "--eval-delay-ms must be >= 0, got " + evalDelayMs);
    }
    if (Strategy.byId(strategy).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "unknown --strategy '" + strategy + "'; known: "
          + String.join(", ", Strategy.ids()));
    }
    Long seconds = time == null ? null : parseSeconds(time);
    boolean training = table == null;
    if (training && seconds == null && !spec.commandLine().getParseResult().hasMatchedOption("--evaluations")) {
      // The README's main command: the search phase ends after 8 minutes so that the front's final training and
      // export finish within about 20 (TrainingOptions.defaults).
      seconds = DEFAULT_TRAINING_SECONDS;
    }
    int pop = training && !spec.commandLine().getParseResult().hasMatchedOption("--population")
        ? DEFAULT_TRAINING_POPULATION : population;
    String tableValue = table == null ? null : canonicalTable(table.toString());
    for (String o : objectives) {
      if (!SearchRunner.OBJECTIVE_TOKENS.contains(o)) {
        throw new ParameterException(spec.commandLine(), "unknown objective '" + o + "' in --objectives; known: "
            + String.join(", ", SearchRunner.OBJECTIVE_TOKENS));
      }
    }
    long s = seed != null ? seed : new SplittableRandom().nextLong() >>> 1;
    String sp = space != null ? space
        : table != null ? BenchmarkTables.builtIn(table.toString()).map(BenchmarkTables.Table::space).orElse("nb201")
        : "darts";
    return new SearchRequest(
        sp,
        tableValue,
        archColumn,
        accuracyColumn,
        latencyColumns,
        targets,
        macsColumn,
        paramsColumn,
        objectives,
        maxLatencyMs,
        maxParams,
        maxMacs,
        pop,
        evaluations,
        seconds,
        s,
        !noSurrogate,
        evalDelayMs,
        table == null ? trainingOptions(sp) : null,
        strategy);
  }

  /** Training-mode options: the defaults for the space, overridden by what was given. */
  private TrainingOptions trainingOptions(String sp) {
    TrainingOptions d = TrainingOptions.defaults(dataset, sp);
    try {
      return new TrainingOptions(dataset, cells != null ? cells : d.cells(), channels != null ? channels : d.channels(),
          epochs != null ? epochs : d.epochs(), trainImages != null ? trainImages : d.trainImages(), d.batchSize(),
          d.learningRate(), d.weightDecay(), d.validationImages(), d.finalBatchSize(),
          finalEpochs != null ? finalEpochs : d.finalEpochs(),
          finalTrainImages != null ? finalTrainImages : d.finalTrainImages(),
          finalMembers != null ? finalMembers : d.finalMembers(),
          d.candidateTimeLimitSeconds(),
          finalTime != null ? (int) parseSeconds("--final-time", finalTime) : d.finalTimeLimitSeconds());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private long parseSeconds(String text) {
    return parseSeconds("--time", text);
  }

  private long parseSeconds(String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (text.isBlank() || !m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
      throw new ParameterException(spec.commandLine(),
          "bad " + option + " '" + text + "': expected a duration such as 20m, 1h30m or 90s");
    }
    long total = 0;
    total += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
    total += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
    total += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    if (total <= 0) {
      throw new ParameterException(spec.commandLine(), "bad " + option + " '" + text + "': must be positive");
    }
    return total;
  }
}
