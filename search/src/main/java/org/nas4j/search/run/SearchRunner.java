package org.nas4j.search.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.EvaluationPool;
import org.nas4j.search.strategy.GenerationState;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.NasSearch;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.strategy.SearchObserver;
import org.nas4j.search.strategy.SearchOutcome;
import org.nas4j.search.strategy.SearchSettings;
import org.nas4j.search.strategy.Strategy;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nas4j.search.strategy.Objective;

/**
 * Starts or resumes a search in a run directory and writes every file of it. One search at a time per JVM (MOEA's
 * PRNG is global). Bad requests throw {@link InvalidArgumentException} before anything is written.
 */
public final class SearchRunner {
  /** Schema of {@code run.json}. */
  public static final String RUN_SCHEMA = RunDirectory.RUN_SCHEMA;
  /** Schema of {@code pareto.json}. */
  public static final String PARETO_SCHEMA = RunDirectory.PARETO_SCHEMA;
  /** Schema of the checkpoint. */
  public static final String CHECKPOINT_SCHEMA = RunDirectory.CHECKPOINT_SCHEMA;
  /** Objective tokens accepted in {@code --objectives}. */
  public static final List<String> OBJECTIVE_TOKENS = List.of("error", "latency", "macs", "params");

  private static final Logger LOG = LoggerFactory.getLogger(SearchRunner.class);

  private final EvaluatorFactory factory;
  private final ProgressListener listener;
  private final FrontExporter exporter;
  private final String nasVersion;
  private final LongSupplier nanoClock;
  private final PoolFactory pools;

  /** Opens the pool a session's expensive evaluations run in (e.g. a cluster); the runner closes it. */
  @FunctionalInterface
  public interface PoolFactory {
    EvaluationPool open(SearchRequest request, CandidateEvaluator evaluator);
  }

  /**
   * A runner.
   *
   * @param factory builds space and evaluator from a request
   * @param listener progress
   * @param exporter end-of-run hook for the front
   * @param nasVersion recorded in provenance
   */
  public SearchRunner(
      EvaluatorFactory factory, ProgressListener listener, FrontExporter exporter, String nasVersion) {
    this(factory, listener, exporter, nasVersion, null);
  }

  /**
   * A runner whose expensive evaluations run in the pools {@code pools} opens (null: on local threads, as {@link
   * CandidateEvaluator#concurrency()} says).
   */
  public SearchRunner(EvaluatorFactory factory, ProgressListener listener, FrontExporter exporter, String nasVersion,
      PoolFactory pools) {
    this.pools = pools;
    this.factory = factory;
    this.listener = listener;
    this.exporter = exporter;
    this.nasVersion = nasVersion;
    this.nanoClock = System::nanoTime;
  }

  /**
   * Starts a new run in {@code dir} (created if missing; must not already hold a run).
   *
   * @param args the command line, recorded in provenance
   */
  public SearchResult start(SearchRequest request, Path dir, List<String> args) throws IOException {
    GenomeSpace space = factory.space(request);
    CandidateEvaluator evaluator = factory.evaluator(request, space);
    SearchSettings settings = settings(request, evaluator);
    if (Files.exists(dir.resolve(RunFiles.RUN_JSON))) {
      throw new InvalidArgumentException(
          dir + " already holds a run; continue it with --resume " + dir + " or choose another --out");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidArgumentException("--out " + dir + " exists and is not a directory");
    }
    try (EvaluationPool pool = openPool(request, evaluator)) {
      Files.createDirectories(dir);
      return start(request, dir, args, space, evaluator, settings, pool);
    }
  }

  private SearchResult start(SearchRequest request, Path dir, List<String> args, GenomeSpace space,
      CandidateEvaluator evaluator, SearchSettings settings, EvaluationPool pool) throws IOException {
    RunDirectory run = new RunDirectory(dir);
    try (RunLock lock = run.lock()) {
      if (run.holdsRun()) {
        throw new InvalidArgumentException(dir + " already holds a run; continue it with --resume " + dir);
      }
      Files.deleteIfExists(run.file(RunFiles.CANDIDATES));
      RunRecord record = new RunRecord(RunDirectory.RUN_SCHEMA, "running", request,
          new RunRecord.Settings(settings.objectives(), settings.constraints(), settings.poolFactor()),
          provenance(request, space, evaluator, args), null, null, List.of());
      run.writeRun(record);
      listener.started(dir);
      return execute(run, record, space, evaluator, settings, List.of(), pool);
    }
  }

  /** Continues the run in {@code dir}, replaying its finished evaluations. */
  public SearchResult resume(Path dir, List<String> args) throws IOException {
    RunDirectory run = new RunDirectory(dir);
    Path runFile = run.file(RunFiles.RUN_JSON);
    if (!run.holdsRun()) {
      throw new InvalidArgumentException("cannot resume " + dir + ": not a run directory (no " + RunFiles.RUN_JSON
          + ")");
    }
    try (RunLock lock = run.lock()) {
      RunRecord record;
      try {
        record = run.readRun();
      } catch (IOException | RuntimeException e) {
        throw new InvalidArgumentException("cannot resume " + dir + ": " + runFile + " is not a valid run file ("
            + e.getMessage() + ")", e);
      }
      SearchRequest request = record.request();
      if (request == null) {
        throw new InvalidArgumentException("cannot resume " + dir + ": " + runFile + " has no request");
      }
      GenomeSpace space = factory.space(request);
      CandidateEvaluator evaluator = factory.resumeEvaluator(request, space, record.provenance());
      SearchSettings settings = settings(request, evaluator);
      List<Evaluation> done = run.readCandidates(true);
      try (EvaluationPool pool = openPool(request, evaluator)) {
        record = record.withResume(new RunRecord.Resume(Instant.now().toString(), args, done.size(),
            evaluator.provenance().get("datasetOverride")));
        run.writeRun(record);
        return execute(run, record, space, evaluator, settings, done, pool);
      }
    }
  }

  /** The session's pool, opened before anything is written (so that no worker reachable leaves no files), or null. */
  private EvaluationPool openPool(SearchRequest request, CandidateEvaluator evaluator) {
    return pools == null ? null : pools.open(request, evaluator);
  }

  /** Builds the search settings of a request, validating objective names and bounds against the evaluator. */
  public static SearchSettings settings(SearchRequest request, CandidateEvaluator evaluator) {
    List<String> names = evaluator.objectiveNames();
    List<String> latency = Objective.latencies(names);
    List<String> tokens =
        request.objectives().isEmpty() ? List.of("error", "latency", "macs") : request.objectives();
    List<String> objectives = new ArrayList<>();
    for (String t : tokens) {
      switch (t) {
        case "error" -> objectives.add(blended(request) ? Objective.SIGNAL_ERROR.name() : "error");
        case "latency" -> objectives.addAll(latency);
        case "macs", "params" -> {
          if (!names.contains(t)) {
            throw new InvalidArgumentException(
                "objective '" + t + "' is not available: the evaluator produces " + String.join(", ", names));
          }
          objectives.add(t);
        }
        default -> throw new InvalidArgumentException(
            "unknown objective '" + t + "'; known: " + String.join(", ", OBJECTIVE_TOKENS));
      }
    }
    if (objectives.stream().distinct().count() != objectives.size()) {
      throw new InvalidArgumentException("--objectives lists an objective twice: " + String.join(",", tokens));
    }
    List<ObjectiveBound> bounds = new ArrayList<>();
    if (request.maxLatencyMs() != null) {
      for (String l : latency) {
        bounds.add(new ObjectiveBound(l, request.maxLatencyMs()));
      }
    }
    if (request.maxParams() != null) {
      if (!names.contains("params")) {
        throw new InvalidArgumentException("--max-params needs a parameter count, which this evaluator lacks");
      }
      bounds.add(new ObjectiveBound("params", request.maxParams()));
    }
    if (request.maxMacs() != null) {
      if (!names.contains("macs")) {
        throw new InvalidArgumentException("--max-macs needs MACs, which this evaluator lacks");
      }
      bounds.add(new ObjectiveBound("macs", request.maxMacs()));
    }
    try {
      return new SearchSettings(
          objectives,
          bounds,
          request.population(),
          request.evaluations(),
          request.timeLimitSeconds() == null ? null : Duration.ofSeconds(request.timeLimitSeconds()),
          request.seed(),
          request.surrogate(),
          SearchSettings.DEFAULT_POOL_FACTOR,
          Strategy.byId(request.strategy()).orElseThrow(),
          objectives.contains(Objective.SIGNAL_ERROR.name()) ? TrainingOptions.NASWOT_SCORE : null);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage(), e);
    }
  }

  /** Whether the request's accuracy objective blends the proxy with NASWOT. */
  private static boolean blended(SearchRequest request) {
    return request.training() != null && request.training().naswot();
  }

  private Provenance provenance(
      SearchRequest request, GenomeSpace space, CandidateEvaluator evaluator, List<String> args) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("moeaframework", implementationVersion(org.moeaframework.algorithm.NSGAII.class, "5.0"));
    versions.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    List<Provenance.Target> targets = new ArrayList<>();
    for (String name : Objective.latencies(evaluator.objectiveNames())) {
      String id = new Objective(name).target().orElseThrow();
      if (TargetRegistry.BUILT_IN.contains(id)) {
        var profile = TargetRegistry.builtIn(id);
        targets.add(new Provenance.Target(id, RunFiles.JSON.valueToTree(profile), TargetRegistry.sha256(profile),
            null));
      } else {
        targets.add(new Provenance.Target(id, null, null,
            "tabular target: latency comes from the table column, no profile"));
      }
    }
    return new Provenance(nasVersion, gitCommit(), System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.arch"), versions, space.name(), request.seed(), evaluator.provenance(),
        evaluator.latencyBands(), evaluator.provenance().get("tableSha256"), targets, args, Instant.now().toString());
  }

  private static String implementationVersion(Class<?> c, String fallback) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? fallback : v;
  }

  /** The current git commit of the working directory, or {@code null}. */
  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private SearchResult execute(
      RunDirectory run,
      RunRecord record,
      GenomeSpace space,
      CandidateEvaluator evaluator,
      SearchSettings settings,
      List<Evaluation> done,
      EvaluationPool pool)
      throws IOException {
    Map<String, Evaluation> replay = new LinkedHashMap<>();
    for (Evaluation e : done) {
      replay.put(e.archId(), e);
    }
    long start = nanoClock.getAsLong();
    String latencyObjective = Objective.firstLatency(settings.objectives()).orElse(null);
    try (CandidatesLog log = run.appendCandidates(done.size())) {
      int[] fresh = {0};
      SearchObserver observer =
          new SearchObserver() {
            @Override
            public void evaluated(Evaluation evaluation, boolean replayed) {
              if (!replayed) {
                fresh[0]++;
                try {
                  log.append(evaluation);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            }

            @Override
            public void generationDone(GenerationState state) {
              try {
                run.writeCheckpoint(state);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              long elapsed = nanoClock.getAsLong() - start;
              Duration eta = null;
              if (fresh[0] > 0) {
                long perEval = elapsed / fresh[0];
                eta = Duration.ofNanos(perEval * Math.max(0, state.maxEvaluations() - state.evaluations()));
              }
              if (settings.timeLimit() != null) {
                Duration left = settings.timeLimit().minusNanos(elapsed);
                eta = eta == null || left.compareTo(eta) < 0 ? (left.isNegative() ? Duration.ZERO : left) : eta;
              }
              listener.generation(
                  new ProgressEvent(
                      state.generation(),
                      state.evaluations(),
                      state.maxEvaluations(),
                      Duration.ofNanos(elapsed),
                      eta,
                      state.bestError(),
                      state.fastestLatencyMs(),
                      latencyObjective,
                      state.replaying()));
            }
          };
      SearchOutcome outcome;
      try {
        outcome = new NasSearch(space, evaluator, settings, replay, observer, nanoClock, pool).run();
        if (pool != null && !pool.report().isEmpty()) {
          record = record.withPool(pool.report());
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      int used = 0;
      for (Evaluation e : outcome.evaluations()) {
        if (replay.containsKey(e.archId())) {
          used++;
        }
      }
      if (used != replay.size()) {
        LOG.warn(
            "{} of {} recorded evaluations were not requested again on resume: the search is not deterministic",
            replay.size() - used,
            replay.size());
      }
      Duration overtime = settings.timeLimit() == null ? Duration.ZERO
          : Duration.ofNanos(nanoClock.getAsLong() - start).minus(settings.timeLimit());
      return finish(run, record, settings, outcome, done.size(), evaluator.latencyBands(),
          overtime.isNegative() ? Duration.ZERO : overtime);
    }
  }

  private SearchResult finish(
      RunDirectory run, RunRecord record, SearchSettings settings, SearchOutcome outcome, int replayed,
      Map<String, Map<String, Object>> latencyBands, Duration searchOvertime)
      throws IOException {
    Path dir = run.path();
    FrontMetrics metrics = new FrontMetrics(outcome.evaluations(), settings.objectives(), settings.constraints());
    double hv = metrics.hypervolume(outcome.evaluations());
    List<Double> convergence = new ArrayList<>();
    for (int count : outcome.generationEvaluations()) {
      convergence.add(metrics.hypervolume(outcome.evaluations().subList(0, count)));
    }
    FrontExporter.Result exported = exporter.export(dir, outcome.front(), settings.objectives(),
        settings.constraints(), searchOvertime);
    List<ParetoRecord.Member> members = new ArrayList<>();
    for (Evaluation e : outcome.front()) {
      members.add(ParetoRecord.Member.of(e, exported.members().get(e.archId())));
    }
    ParetoRecord pareto = new ParetoRecord(RunDirectory.PARETO_SCHEMA, settings.objectives(), settings.constraints(),
        outcome.evaluations().size(), outcome.evaluations().stream().filter(e -> !e.ok()).count(),
        outcome.generations(), outcome.stopReason().name(),
        new ParetoRecord.Hypervolume(hv, metrics.ideal(), metrics.nadir(), 1.1, convergence), members,
        exported.finalStage(), latencyBands);
    run.writePareto(pareto);

    Plots.runFront(run.file(RunFiles.PARETO_PNG), pareto, outcome.evaluations());
    Plots.convergence(run.file(RunFiles.CONVERGENCE_PNG), convergence,
        "Hypervolume per generation (target " + Plots.target(settings.objectives()) + ")");

    if (outcome.blend() != null) {
      record = record.withSignalBlend(outcome.blend().toJson());
    }
    run.writeRun(record.finished(outcome.stopReason().name(), Instant.now().toString()));
    SearchResult result = new SearchResult(dir, settings.objectives(), outcome, hv, replayed, pareto);
    listener.finished(result);
    return result;
  }
}
