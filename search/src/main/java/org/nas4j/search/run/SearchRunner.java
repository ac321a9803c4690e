package org.nas4j.search.run;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.nas4j.search.strategy.GenerationState;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.NasSearch;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.strategy.SearchObserver;
import org.nas4j.search.strategy.SearchOutcome;
import org.nas4j.search.strategy.SearchSettings;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or resumes a search in a run directory and writes every file of it. One search at a time per JVM (MOEA's
 * PRNG is global). Bad requests throw {@link InvalidArgumentException} before anything is written.
 */
public final class SearchRunner {
  /** Schema of {@code run.json}. */
  public static final String RUN_SCHEMA = "nas.run/v1";
  /** Schema of {@code pareto.json}. */
  public static final String PARETO_SCHEMA = "nas.pareto/v1";
  /** Schema of the checkpoint. */
  public static final String CHECKPOINT_SCHEMA = "nas.checkpoint/v1";
  /** Objective tokens accepted in {@code --objectives}. */
  public static final List<String> OBJECTIVE_TOKENS = List.of("error", "latency", "macs", "params");

  private static final Logger LOG = LoggerFactory.getLogger(SearchRunner.class);

  private final EvaluatorFactory factory;
  private final ProgressListener listener;
  private final FrontExporter exporter;
  private final String nasVersion;
  private final LongSupplier nanoClock;

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
    Files.createDirectories(dir);
    try (RunLock lock = RunLock.acquire(dir)) {
      if (Files.exists(dir.resolve(RunFiles.RUN_JSON))) {
        throw new InvalidArgumentException(dir + " already holds a run; continue it with --resume " + dir);
      }
      Files.deleteIfExists(dir.resolve(RunFiles.CANDIDATES));
      Map<String, Object> run = runJson(request, space, evaluator, settings, args);
      RunFiles.writeJson(dir.resolve(RunFiles.RUN_JSON), run);
      listener.started(dir);
      return execute(dir, run, space, evaluator, settings, List.of());
    }
  }

  /** Continues the run in {@code dir}, replaying its finished evaluations. */
  public SearchResult resume(Path dir, List<String> args) throws IOException {
    Path runFile = dir.resolve(RunFiles.RUN_JSON);
    if (!Files.isRegularFile(runFile)) {
      throw new InvalidArgumentException("cannot resume " + dir + ": not a run directory (no " + RunFiles.RUN_JSON
          + ")");
    }
    try (RunLock lock = RunLock.acquire(dir)) {
      JsonNode node;
      SearchRequest request;
      try {
        node = RunFiles.JSON.readTree(runFile.toFile());
        request = RunFiles.JSON.treeToValue(node.get("request"), SearchRequest.class);
      } catch (IOException | RuntimeException e) {
        throw new InvalidArgumentException("cannot resume " + dir + ": " + runFile + " is not a valid run file ("
            + e.getMessage() + ")", e);
      }
      if (request == null) {
        throw new InvalidArgumentException("cannot resume " + dir + ": " + runFile + " has no request");
      }
      GenomeSpace space = factory.space(request);
      CandidateEvaluator evaluator = factory.evaluator(request, space);
      SearchSettings settings = settings(request, evaluator);
      List<Evaluation> done = CandidatesLog.read(dir.resolve(RunFiles.CANDIDATES), true);
      @SuppressWarnings("unchecked")
      Map<String, Object> run = RunFiles.JSON.convertValue(node, LinkedHashMap.class);
      @SuppressWarnings("unchecked")
      List<Object> resumes = (List<Object>) run.computeIfAbsent("resumes", k -> new ArrayList<>());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("at", Instant.now().toString());
      r.put("args", args);
      r.put("replayedEvaluations", done.size());
      resumes.add(r);
      run.put("status", "running");
      run.put("finishedAt", null);
      RunFiles.writeJson(runFile, run);
      return execute(dir, run, space, evaluator, settings, done);
    }
  }

  /** Builds the search settings of a request, validating objective names and bounds against the evaluator. */
  public static SearchSettings settings(SearchRequest request, CandidateEvaluator evaluator) {
    List<String> names = evaluator.objectiveNames();
    List<String> latency = names.stream().filter(n -> n.startsWith("latencyMs.")).toList();
    List<String> tokens =
        request.objectives().isEmpty() ? List.of("error", "latency", "macs") : request.objectives();
    List<String> objectives = new ArrayList<>();
    for (String t : tokens) {
      switch (t) {
        case "error" -> objectives.add("error");
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
          SearchSettings.DEFAULT_POOL_FACTOR);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage(), e);
    }
  }

  private Map<String, Object> runJson(
      SearchRequest request,
      GenomeSpace space,
      CandidateEvaluator evaluator,
      SearchSettings settings,
      List<String> args) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("schema", RUN_SCHEMA);
    run.put("status", "running");
    run.put("request", request);
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("objectives", settings.objectives());
    resolved.put("constraints", settings.constraints());
    resolved.put("poolFactor", settings.poolFactor());
    run.put("settings", resolved);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("nasVersion", nasVersion);
    p.put("gitCommit", gitCommit());
    p.put("javaVersion", System.getProperty("java.version"));
    p.put("osName", System.getProperty("os.name"));
    p.put("osArch", System.getProperty("os.arch"));
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("moeaframework", implementationVersion(org.moeaframework.algorithm.NSGAII.class, "5.0"));
    versions.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    p.put("versions", versions);
    p.put("space", space.name());
    p.put("seed", request.seed());
    p.put("evaluator", evaluator.provenance());
    if (!evaluator.latencyBands().isEmpty()) {
      p.put("latencyBands", evaluator.latencyBands());
    }
    Object sha = evaluator.provenance().get("tableSha256");
    p.put("datasetSha256", sha);
    List<Map<String, Object>> targets = new ArrayList<>();
    for (String name : evaluator.objectiveNames()) {
      if (name.startsWith("latencyMs.")) {
        String id = name.substring("latencyMs.".length());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        if (TargetRegistry.BUILT_IN.contains(id)) {
          var profile = TargetRegistry.builtIn(id);
          t.put("profile", profile);
          t.put("profileSha256", TargetRegistry.sha256(profile));
        } else {
          t.put("profile", null);
          t.put("note", "tabular target: latency comes from the table column, no profile");
        }
        targets.add(t);
      }
    }
    p.put("targets", targets);
    p.put("args", args);
    p.put("startedAt", Instant.now().toString());
    run.put("provenance", p);
    run.put("finishedAt", null);
    return run;
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
      Path dir,
      Map<String, Object> run,
      GenomeSpace space,
      CandidateEvaluator evaluator,
      SearchSettings settings,
      List<Evaluation> done)
      throws IOException {
    Map<String, Evaluation> replay = new LinkedHashMap<>();
    for (Evaluation e : done) {
      replay.put(e.archId(), e);
    }
    long start = nanoClock.getAsLong();
    String latencyObjective =
        settings.objectives().stream().filter(o -> o.startsWith("latencyMs.")).findFirst().orElse(null);
    try (CandidatesLog log = CandidatesLog.open(dir.resolve(RunFiles.CANDIDATES), done.size())) {
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
                writeCheckpoint(dir, state);
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
        outcome = new NasSearch(space, evaluator, settings, replay, observer, nanoClock).run();
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
      return finish(dir, run, settings, outcome, done.size(), evaluator.latencyBands());
    }
  }

  private static void writeCheckpoint(Path dir, GenerationState state) throws IOException {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("schema", CHECKPOINT_SCHEMA);
    c.put("generation", state.generation());
    c.put("evaluations", state.evaluations());
    c.put("maxEvaluations", state.maxEvaluations());
    c.put("population", state.population());
    c.put("rngState", state.rngState());
    RunFiles.writeJson(dir.resolve(RunFiles.CHECKPOINT), c);
  }

  private SearchResult finish(Path dir, Map<String, Object> run, SearchSettings settings, SearchOutcome outcome,
      int replayed, Map<String, Map<String, Object>> latencyBands)
      throws IOException {
    FrontMetrics metrics = new FrontMetrics(outcome.evaluations(), settings.objectives(), settings.constraints());
    double hv = metrics.hypervolume(outcome.evaluations());
    List<Double> convergence = new ArrayList<>();
    for (int count : outcome.generationEvaluations()) {
      convergence.add(metrics.hypervolume(outcome.evaluations().subList(0, count)));
    }
    Map<String, Map<String, Object>> exported = exporter.export(dir, outcome.front());
    Map<String, Object> pareto = new LinkedHashMap<>();
    pareto.put("schema", PARETO_SCHEMA);
    pareto.put("objectives", settings.objectives());
    pareto.put("constraints", settings.constraints());
    pareto.put("evaluations", outcome.evaluations().size());
    pareto.put("failedEvaluations", outcome.evaluations().stream().filter(e -> !e.ok()).count());
    pareto.put("generations", outcome.generations());
    pareto.put("stopReason", outcome.stopReason().name());
    Map<String, Object> hvJson = new LinkedHashMap<>();
    hvJson.put("value", hv);
    hvJson.put("ideal", metrics.ideal());
    hvJson.put("nadir", metrics.nadir());
    hvJson.put("referencePointNormalised", 1.1);
    hvJson.put("perGeneration", convergence);
    pareto.put("hypervolume", hvJson);
    List<Map<String, Object>> members = new ArrayList<>();
    for (Evaluation e : outcome.front()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("archId", e.archId());
      m.put("arch", e.arch());
      m.put("genome", e.genome());
      m.put("objectives", e.objectives());
      m.put("latencySources", e.latencySources());
      m.put("fidelity", e.fidelity());
      Map<String, Object> extra = exported.get(e.archId());
      if (extra != null && !extra.isEmpty()) {
        m.put("export", extra);
      }
      members.add(m);
    }
    pareto.put("members", members);
    if (!latencyBands.isEmpty()) {
      pareto.put("latencyBands", latencyBands);
    }
    RunFiles.writeJson(dir.resolve(RunFiles.PARETO), pareto);

    String latency =
        settings.objectives().stream().filter(o -> o.startsWith("latencyMs.")).findFirst().orElse(null);
    String x = latency != null ? latency : settings.objectives().get(0);
    String y = settings.objectives().contains("error") ? "error" : settings.objectives().get(
        settings.objectives().size() > 1 && settings.objectives().get(0).equals(x) ? 1 : 0);
    String target = latency != null ? latency.substring("latencyMs.".length()) : "no latency objective";
    Plots.pareto(
        dir.resolve(RunFiles.PARETO_PNG),
        outcome.evaluations(),
        outcome.front(),
        x,
        y,
        "Pareto front on target " + target + " (" + outcome.front().size() + " members, "
            + outcome.evaluations().size() + " evaluated)",
        latency == null ? null : (String) latencyBands.getOrDefault(latency, Map.of()).get("caveat"));
    Plots.convergence(
        dir.resolve(RunFiles.CONVERGENCE_PNG), convergence, "Hypervolume per generation (target " + target + ")");

    run.put("status", "finished");
    run.put("stopReason", outcome.stopReason().name());
    run.put("finishedAt", Instant.now().toString());
    RunFiles.writeJson(dir.resolve(RunFiles.RUN_JSON), run);
    SearchResult result = new SearchResult(dir, settings.objectives(), outcome, hv, replayed);
    listener.finished(result);
    return result;
  }
}
