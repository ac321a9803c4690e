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
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.run.EvaluatorFactory;
import org.nas4j.search.report.ReportListener;
import org.nas4j.search.run.ProgressEvent;
import org.nas4j.search.run.ProgressListener;
import org.nas4j.search.run.RunDirectory;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.run.SearchResult;
import org.nas4j.search.run.SearchRunner;
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
      "Search architectures with a surrogate-assisted NSGA-II (or --strategy random) over error, latency per target,",
      "MACs and params; in training mode a final stage then trains representative front members with one budget.",
      "Writes run.json, candidates.jsonl, checkpoint/, pareto.json, pareto.png, convergence.png, report.html, final/",
      "and models/ to --out; a killed run continues exactly with --resume DIR."
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

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "nsga2",
      description = "nsga2 (surrogate-assisted NSGA-II) or random (uniform sampling of distinct architectures, same "
          + "budget, time and final stage: the baseline) (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Mixin TabularModeOptions tabular;
  @Mixin TrainingModeOptions trainingMode;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Training mode: candidates trained at once, each on one core (default: the number of cores, at "
          + "most " + TrainingWorkers.MAX_DEFAULT + "). Results do not depend on it.")
  Integer jobs;

  @Mixin ClusterOptions cluster;

  @Option(names = "--eval-delay-ms", hidden = true, defaultValue = "0",
      description = "Test only: sleep this long in every evaluation.")
  long evalDelayMs;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<String> args = Arrays.asList(spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
    ProgressRenderer progress = new ProgressRenderer(err, System.console() != null && !root.quiet, root.quiet);
    boolean clustered = cluster.hosts != null;
    if (jobs != null && jobs < (clustered ? 0 : 1)) {
      throw new ParameterException(spec.commandLine(), "--jobs must be >= " + (clustered ? 0 : 1) + ", got " + jobs);
    }
    if (!clustered && cluster.name != null) {
      throw new ParameterException(spec.commandLine(), "--cluster-name needs --cluster HOST:PORT");
    }
    int localJobs = jobs != null ? jobs : TrainingWorkers.defaultCount();
    SearchRunner.PoolFactory pools = !clustered ? null : Cluster.pools(cluster.hosts, cluster.name, cluster.bind, 0,
        java.time.Duration.ofSeconds(Durations.seconds(spec, "--cluster-timeout", cluster.timeout)), localJobs, err,
        progress, root.quiet);
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
        training.datasetOverride(trainingMode.dataset); // recorded in run.json's resume entry as datasetOverride
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
    boolean training = tabular.table == null;
    if (!training && trainingMode.accuracySignal != null) {
      throw new ParameterException(spec.commandLine(), "--accuracy-signal needs training mode: a table's accuracy "
          + "is the measured one");
    }
    if (training && seconds == null && !spec.commandLine().getParseResult().hasMatchedOption("--evaluations")) {
      // The README's main command: the search phase ends after 8 minutes so that the front's final training and
      // export finish within 20 (the final stage takes the rest, --final-time).
      seconds = DEFAULT_TRAINING_SECONDS;
    }
    int pop = training && !spec.commandLine().getParseResult().hasMatchedOption("--population")
        ? DEFAULT_TRAINING_POPULATION : population;
    String tableValue = tabular.table == null ? null : canonicalTable(tabular.table.toString());
    for (String o : objectives) {
      if (!SearchRunner.OBJECTIVE_TOKENS.contains(o)) {
        throw new ParameterException(spec.commandLine(), "unknown objective '" + o + "' in --objectives; known: "
            + String.join(", ", SearchRunner.OBJECTIVE_TOKENS));
      }
    }
    long s = seed != null ? seed : new SplittableRandom().nextLong() >>> 1;
    String sp = space != null ? space
        : tabular.table != null
            ? BenchmarkTables.builtIn(tabular.table.toString()).map(BenchmarkTables.Table::space).orElse("nb201")
        : "darts";
    return new SearchRequest(
        sp,
        tableValue,
        tabular.archColumn,
        tabular.accuracyColumn,
        tabular.latencyColumns,
        targets,
        tabular.macsColumn,
        tabular.paramsColumn,
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
        tabular.table == null ? trainingMode.options(spec, sp) : null,
        strategy);
  }

  private long parseSeconds(String text) {
    return Durations.seconds(spec, "--time", text);
  }
}
