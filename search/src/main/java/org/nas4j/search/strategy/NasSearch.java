package org.nas4j.search.strategy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.moeaframework.algorithm.NSGAII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.comparator.ChainedComparator;
import org.moeaframework.core.comparator.CrowdingComparator;
import org.moeaframework.core.comparator.ParetoDominanceComparator;
import org.moeaframework.core.operator.CompoundVariation;
import org.moeaframework.core.operator.UniformCrossover;
import org.moeaframework.core.operator.Variation;
import org.moeaframework.core.population.NondominatedSortingPopulation;
import org.moeaframework.core.selection.TournamentSelection;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The search loop: surrogate-assisted NSGA-II (or, with {@link Strategy#RANDOM}, uniform random sampling of distinct
 * architectures in generations of the same size, the baseline) over a {@link GenomeSpace}, built on MOEA Framework 5.0's {@link NSGAII}
 * (non-dominated sorting, crowding, binary tournament, elitist truncation) on the {@link NasProblem} adapter, with
 * the {@link SurrogateScreen} choosing part of each generation and an {@link EvaluationPool} running expensive
 * stages ahead of their consumption. The loop itself adds these changes:
 *
 * <ul>
 *   <li>Every architecture is identified by its canonical {@code archId}; an offspring whose id was already evaluated
 *       (or already chosen this generation) is dropped, so the budget counts distinct architectures exactly.
 *   <li>Initial design: many random distinct architectures are drawn, their cheap objectives computed, and the
 *       population is taken at evenly spaced quantiles of the first cheap objective (usually latency).
 *   <li>Pre-screening (when {@link SearchSettings#surrogate()}): each generation breeds {@code poolFactor} times more
 *       distinct offspring than it evaluates and adds as many random architectures, computes their cheap objectives
 *       exactly. 70% of the generation's evaluations are the first distinct offspring in breeding order (plain NSGA-II);
 *       30% are the pool members the {@link SurrogateScreen} picks.
 *   <li>When the accuracy objective is {@code signalError} ({@link SearchSettings#blendScore()}), the initial
 *       population is evaluated as a whole before anything is recorded; its evaluations fix the {@link SignalBlend}'s
 *       constants, every evaluation from then on gets its {@code signalError} when it finishes, and the initial
 *       population's records get theirs before they are handed to the observer, in order.
 *   <li>Constraints are MOEA typed constraints ({@code LessThanOrEqual}) and a failed evaluation violates an
 *       {@code Equal} constraint, so feasibility comes first in every comparison.
 * </ul>
 *
 * <p>Determinism: the search seeds MOEA's global {@code PRNG} with a {@link Random} from the seed, draws its own
 * choices from a {@link SplittableRandom} with the same seed, and iterates only over ordered collections. When there
 * is a pool (by default, when the evaluator allows {@linkplain CandidateEvaluator#concurrency() concurrent}
 * evaluations, a {@link ThreadEvaluationPool} of that many threads), a generation's (or the initial design's) new
 * candidates are handed to it as soon as they are chosen, but their results are
 * consumed, recorded and reported in the generation's order, exactly as a sequential search would; nothing the search
 * decides depends on timing. The run is therefore a function of (settings, evaluation results), which is what makes
 * resume by replay exact. Not thread-safe; one search per JVM at a time (the PRNG is global).
 */
public final class NasSearch {
  /** Random architectures added to each screening pool, as a share of the offspring pool. */
  static final double RANDOM_SHARE = 1.0;
  /**
   * Share of each generation's offspring chosen by the surrogate; the rest are the first distinct offspring in
   * breeding order, as plain NSGA-II would evaluate them. Measured on NB201 (10 seeds, 300 evaluations): 1.0 (pure
   * surrogate) 98.4%, 0.5 98.8%, 0.3 99.3%, 0.2 99.3% of the reachable true front's hypervolume (CIFAR-10/Pixel 3).
   */
  static final double SURROGATE_SHARE = 0.3;

  private final GenomeSpace space;
  private final CandidateEvaluator evaluator;
  private final SearchSettings settings;
  private final Map<String, Evaluation> replay;
  private final SearchObserver observer;
  private final LongSupplier nanoClock;
  private final SurrogateScreen screen;
  /** Runs expensive stages ahead of consumption; null: they run inline, when consumed. */
  private final EvaluationPool injectedPool;

  private final Map<String, Evaluation> evaluated = new LinkedHashMap<>();
  private final Map<String, ObjectiveValues> cheapCache = new HashMap<>();
  private final List<Integer> generationEvaluations = new ArrayList<>();
  /** Expensive evaluations handed to the pool and not consumed yet, by archId. */
  private final Map<String, CompletableFuture<TaskResult>> pending = new HashMap<>();
  /** The pool of this run; null when expensive stages run inline. */
  private EvaluationPool pool;
  private SplittableRandom random;
  /** The accuracy blend's constants once the initial population is evaluated; null before, and without a blend. */
  private SignalBlend blend;
  /** While the initial population of a blended search is evaluated: its evaluations, held back from the observer. */
  private List<Map.Entry<Evaluation, Boolean>> heldBack;
  private boolean exhausted;
  private int replayedCount;

  /**
   * A search.
   *
   * @param space the genome space
   * @param evaluator produces the objective values; must produce every searched and constrained objective
   * @param settings the settings
   * @param replay evaluations of an interrupted run by archId: used instead of calling the evaluator (not mutated)
   * @param observer receives evaluations and generations
   * @param nanoClock monotonic nanoseconds, for the time limit and timings
   */
  public NasSearch(GenomeSpace space, CandidateEvaluator evaluator, SearchSettings settings,
      Map<String, Evaluation> replay, SearchObserver observer, LongSupplier nanoClock) {
    this(space, evaluator, settings, replay, observer, nanoClock, null);
  }

  /**
   * A search whose expensive stages run in {@code pool} (owned by the caller, who closes it after {@link #run}),
   * or, when {@code pool} is null, on a {@link ThreadEvaluationPool} of {@link CandidateEvaluator#concurrency()}
   * threads (inline when that is 1).
   */
  public NasSearch(
      GenomeSpace space,
      CandidateEvaluator evaluator,
      SearchSettings settings,
      Map<String, Evaluation> replay,
      SearchObserver observer,
      LongSupplier nanoClock,
      EvaluationPool pool) {
    this.space = space;
    this.evaluator = evaluator;
    this.settings = settings;
    this.replay = Map.copyOf(replay);
    this.observer = observer;
    this.nanoClock = nanoClock;
    List<String> known = new ArrayList<>(evaluator.objectiveNames());
    if (settings.blendScore() != null) {
      if (!known.contains(settings.blendScore()) || !known.contains(Objective.ERROR.name())) {
        throw new IllegalArgumentException("a signalError search needs error and " + settings.blendScore()
            + " from the evaluator; known: " + known);
      }
      known.add(Objective.SIGNAL_ERROR.name());
    }
    for (String o : settings.objectives()) {
      if (!known.contains(o)) {
        throw new IllegalArgumentException("objective " + o + " is not produced by the evaluator; known: " + known);
      }
    }
    for (ObjectiveBound b : settings.constraints()) {
      if (!known.contains(b.name())) {
        throw new IllegalArgumentException(
            "constraint on " + b.name() + " is not produced by the evaluator; known: " + known);
      }
    }
    List<String> exp = new ArrayList<>();
    for (String o : settings.objectives()) {
      if (!evaluator.cheapObjectiveNames().contains(o)) {
        exp.add(o);
      }
    }
    this.screen = new SurrogateScreen(space, settings, exp);
    this.injectedPool = pool;
  }

  /** Runs the search to its budget, time limit or exhaustion of the space. */
  public SearchOutcome run() {
    int jobs = evaluator.concurrency();
    if (jobs < 1) {
      throw new IllegalStateException("evaluator concurrency must be >= 1, got " + jobs);
    }
    boolean own = injectedPool == null && jobs > 1;
    pool = own ? new ThreadEvaluationPool(evaluator, jobs, nanoClock) : injectedPool;
    try {
      return search();
    } finally {
      pending.values().forEach(f -> f.cancel(true));
      pending.clear();
      if (own) {
        pool.close();
      }
      pool = null;
    }
  }

  private SearchOutcome search() {
    long start = nanoClock.getAsLong();
    random = new SplittableRandom(settings.seed());
    PRNG.setRandom(new Random(settings.seed()));
    NasProblem problem = new NasProblem(space, settings, this::evaluate);
    Algorithm alg = new Algorithm(problem);
    alg.setInitialPopulationSize(Math.min(settings.population(), settings.maxEvaluations()));
    alg.setInitialization(n -> initialDesign(problem, n));
    int lengthGenes = space.length();
    alg.setVariation(new CompoundVariation(new UniformCrossover(0.9), new IntReset(1.0 / lengthGenes)));
    SearchOutcome.StopReason reason = SearchOutcome.StopReason.BUDGET;
    int generation = 0;
    while (true) {
      int before = replayedCount;
      int evalsBefore = evaluated.size();
      alg.step();
      if (evaluated.size() == evalsBefore && generation > 0) {
        exhausted = true;
      }
      if (!exhausted || generation == 0) {
        generationEvaluations.add(evaluated.size());
        boolean replaying = replayedCount - before == evaluated.size() - evalsBefore;
        observer.generationDone(state(generation, alg.getPopulation(), replaying));
        generation++;
      }
      if (exhausted) {
        reason = SearchOutcome.StopReason.EXHAUSTED;
        break;
      }
      if (evaluated.size() >= settings.maxEvaluations()) {
        reason = SearchOutcome.StopReason.BUDGET;
        break;
      }
      Duration limit = settings.timeLimit();
      if (limit != null && nanoClock.getAsLong() - start >= limit.toNanos()) {
        reason = SearchOutcome.StopReason.TIME;
        break;
      }
    }
    List<Evaluation> all = new ArrayList<>(evaluated.values());
    return new SearchOutcome(
        all,
        ParetoFronts.front(all, settings.objectives(), settings.constraints()),
        generation,
        generationEvaluations,
        reason,
        blend);
  }

  private GenerationState state(int generation, NondominatedSortingPopulation pop, boolean replaying) {
    List<int[]> genomes = new ArrayList<>();
    for (Solution s : pop) {
      genomes.add(IntGene.genome(s));
    }
    double bestError = Double.NaN;
    double fastest = Double.NaN;
    String latencyName = Objective.firstLatency(settings.objectives()).orElse(null);
    for (Evaluation e : evaluated.values()) {
      if (!e.ok()) {
        continue;
      }
      Double err = e.objectives().get("error");
      if (err != null && !(err >= bestError)) {
        bestError = err;
      }
      if (latencyName != null && ParetoFronts.feasible(e, settings.constraints())) {
        Double l = e.objectives().get(latencyName);
        if (l != null && !(l >= fastest)) {
          fastest = l;
        }
      }
    }
    return new GenerationState(
        generation, evaluated.size(), settings.maxEvaluations(), genomes, rngState(), bestError, fastest, replaying);
  }

  private static String rngState() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(PRNG.getRandom());
      out.flush();
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the PRNG state", e);
    }
  }

  // ---------------------------------------------------------------- candidates

  private ObjectiveValues cheap(int[] canonical, String archId) {
    ObjectiveValues v = cheapCache.get(archId);
    if (v == null) {
      Evaluation r = replay.get(archId);
      v = r != null ? cheapFromRecord(r) : evaluator.cheapObjectives(canonical);
      cheapCache.put(archId, v);
    }
    return v;
  }

  private ObjectiveValues cheapFromRecord(Evaluation r) {
    Map<String, Double> vals = new LinkedHashMap<>();
    for (String n : evaluator.cheapObjectiveNames()) {
      Double d = r.objectives().get(n);
      if (d == null) {
        return evaluator.cheapObjectives(r.genome());
      }
      vals.put(n, d);
    }
    return ObjectiveValues.ok(vals, r.latencySources());
  }

  private Candidate candidate(int[] genome) {
    if (!space.isValid(genome)) {
      return null;
    }
    int[] canonical = space.canonical(genome);
    String id = space.archId(canonical);
    if (evaluated.containsKey(id)) {
      return null;
    }
    return new Candidate(canonical, id, cheap(canonical, id));
  }

  private Solution[] initialDesign(NasProblem problem, int n) {
    boolean uniform = settings.strategy() == Strategy.RANDOM;
    int want = uniform ? n : Math.max(n, n * Math.min(settings.poolFactor(), 20));
    List<Candidate> drawn = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int attempts = 0;
    String failure = null;
    while (drawn.size() < want && attempts < want * 20) {
      attempts++;
      Candidate c = candidate(space.sample(random));
      if (c != null && ids.add(c.archId())) {
        if (c.cheap().ok()) {
          drawn.add(c);
        } else if (failure == null) {
          failure = c.cheap().failureReason();
        }
      }
    }
    if (drawn.isEmpty() && evaluated.isEmpty()) {
      // Nothing to start from (e.g. a table that holds none of the space's networks, or only empty cells in the
      // columns used): bad input, not a search that ran.
      throw new InvalidArgumentException("none of " + attempts + " architectures drawn from space " + space.name()
          + " can be evaluated" + (failure == null ? "" : ": " + failure));
    }
    List<Candidate> chosen = new ArrayList<>();
    List<String> cheapNames = evaluator.cheapObjectiveNames();
    String key = settings.objectives().stream().filter(cheapNames::contains).findFirst().orElse(null);
    if (uniform || key == null || drawn.size() <= n) {
      chosen.addAll(drawn.subList(0, Math.min(n, drawn.size())));
    } else {
      List<Candidate> sorted = new ArrayList<>(drawn);
      sorted.sort(Comparator.comparingDouble((Candidate c) -> c.cheap().values().get(key)));
      for (int i = 0; i < n; i++) {
        int idx = (int) Math.round((i + 0.5) * sorted.size() / n - 0.5);
        chosen.add(sorted.get(Math.min(sorted.size() - 1, Math.max(0, idx))));
      }
    }
    prefetch(chosen);
    if (settings.blendScore() != null) {
      evaluateInitialBlended(chosen);
    }
    Solution[] out = new Solution[chosen.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = problem.solutionOf(chosen.get(i).genome());
    }
    return out;
  }

  /** {@code n} distinct architectures drawn uniformly, none evaluated before: random search's generation. */
  private List<Solution> sampled(Algorithm alg, int n) {
    List<Candidate> chosen = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int attempts = 0;
    while (chosen.size() < n && attempts < n * 20 + 200) {
      attempts++;
      Candidate c = candidate(space.sample(random));
      if (c != null && ids.add(c.archId()) && c.cheap().ok()) {
        chosen.add(c);
      }
    }
    prefetch(chosen);
    List<Solution> out = new ArrayList<>();
    for (Candidate c : chosen) {
      out.add(alg.problem().solutionOf(c.genome()));
    }
    return out;
  }

  private List<Solution> offspring(Algorithm alg, int n) {
    if (settings.strategy() == Strategy.RANDOM) {
      return sampled(alg, n);
    }
    NondominatedSortingPopulation population = alg.getPopulation();
    Variation variation = alg.getVariation();
    TournamentSelection selection =
        new TournamentSelection(2, new ChainedComparator(new ParetoDominanceComparator(), new CrowdingComparator()));
    int want = settings.surrogate() ? n * settings.poolFactor() : n;
    List<Candidate> pool = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int attempts = 0;
    int maxAttempts = want * 20 + 200;
    while (pool.size() < want && attempts < maxAttempts) {
      Solution[] kids = variation.evolve(selection.select(variation.getArity(), population));
      for (Solution kid : kids) {
        attempts++;
        Candidate c = candidate(IntGene.genome(kid));
        if (c != null && ids.add(c.archId()) && c.cheap().ok()) {
          pool.add(c);
          if (pool.size() >= want) {
            break;
          }
        }
      }
    }
    // Global exploration for the surrogate (random distinct architectures, scored like offspring), and the fallback
    // for a nearly exhausted neighbourhood.
    int randomWant = settings.surrogate() ? pool.size() + (int) (RANDOM_SHARE * want) : n;
    int randomAttempts = 0;
    while (pool.size() < randomWant && randomAttempts < randomWant * 20 + 200) {
      randomAttempts++;
      Candidate c = candidate(space.sample(random));
      if (c != null && ids.add(c.archId()) && c.cheap().ok()) {
        pool.add(c);
      }
    }
    List<Candidate> chosen;
    if (!settings.surrogate()) {
      chosen = pool.subList(0, Math.min(n, pool.size()));
    } else {
      int plain = (int) Math.round((1 - SURROGATE_SHARE) * n);
      chosen = new ArrayList<>(pool.subList(0, Math.min(plain, pool.size())));
      List<Candidate> rest = new ArrayList<>(pool.subList(chosen.size(), pool.size()));
      chosen.addAll(screen.choose(rest, n - chosen.size(), evaluated.values()));
    }
    prefetch(chosen);
    List<Solution> out = new ArrayList<>();
    for (Candidate c : chosen) {
      out.add(alg.problem().solutionOf(c.genome()));
    }
    return out;
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Hands the expensive stages of {@code chosen} (about to be evaluated in this order) to the pool; no-op without
   * one. Candidates already evaluated, replayed or failing their cheap stage are left to {@link #evaluate}.
   */
  private void prefetch(List<Candidate> chosen) {
    if (pool == null) {
      return;
    }
    for (Candidate c : chosen) {
      if (evaluated.containsKey(c.archId()) || replay.containsKey(c.archId()) || pending.containsKey(c.archId())
          || !c.cheap().ok()) {
        continue;
      }
      pending.put(c.archId(), pool.submit(new EvaluationTask(c.archId(), c.genome(), 0)));
    }
  }

  /** The expensive stage of a candidate: the pool's result if it was prefetched, computed here otherwise. */
  private TaskResult expensive(int[] canonical, String archId) {
    CompletableFuture<TaskResult> f = pending.remove(archId);
    if (f == null && injectedPool != null) {
      f = pool.submit(new EvaluationTask(archId, canonical, 0)); // a given pool runs every task (e.g. on a cluster)
    }
    if (f == null) {
      return ThreadEvaluationPool.run(evaluator, new EvaluationTask(archId, canonical, 0), nanoClock);
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the evaluation of " + archId, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("evaluation of " + archId + " failed", e.getCause());
    }
  }

  /**
   * Evaluates a blended search's initial population in order, fixes the blend's constants from it, and only then
   * records it: each evaluation with its {@code signalError}, handed to the observer in order.
   */
  private void evaluateInitialBlended(List<Candidate> chosen) {
    heldBack = new ArrayList<>();
    for (Candidate c : chosen) {
      evaluate(c.genome());
    }
    List<Map.Entry<Evaluation, Boolean>> held = heldBack;
    heldBack = null;
    blend = SignalBlend.fit(settings.blendScore(), held.stream().map(Map.Entry::getKey).toList());
    for (Map.Entry<Evaluation, Boolean> h : held) {
      Evaluation e = withSignal(h.getKey());
      evaluated.put(e.archId(), e);
      observer.evaluated(e, h.getValue());
    }
  }

  /** {@code e} with its {@code signalError} (from the blend's constants) when it succeeded. */
  private Evaluation withSignal(Evaluation e) {
    if (!e.ok()) {
      return e;
    }
    return new Evaluation(e.archId(), e.arch(), e.genome(), blend.withSignal(e.objectives()), e.latencySources(),
        e.fidelity(), e.status(), e.failureReason(), e.timingsMs());
  }

  /** Records a finished evaluation: to the observer now, or held back while a blended initial population runs. */
  private Evaluation record(Evaluation e, boolean replayed) {
    if (heldBack != null) {
      evaluated.put(e.archId(), e);
      heldBack.add(Map.entry(e, replayed));
      return e;
    }
    Evaluation done = blend == null ? e : withSignal(e);
    evaluated.put(done.archId(), done);
    observer.evaluated(done, replayed);
    return done;
  }

  // ---------------------------------------------------------------- MOEA glue

  private Evaluation evaluate(int[] canonical) {
    String id = space.archId(canonical);
    Evaluation done = evaluated.get(id);
    if (done != null) {
      return done;
    }
    Evaluation r = replay.get(id);
    if (r != null) {
      replayedCount++;
      return record(r, true);
    }
    long t0 = nanoClock.getAsLong();
    ObjectiveValues cheap = cheap(canonical, id);
    long t1 = nanoClock.getAsLong();
    TaskResult timed = cheap.ok() ? expensive(canonical, id) : null;
    ObjectiveValues expensive = timed == null ? null : timed.values();
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    String failure = null;
    if (!cheap.ok()) {
      failure = cheap.failureReason();
    } else {
      values.putAll(cheap.values());
      sources.putAll(cheap.latencySources());
      if (!expensive.ok()) {
        failure = expensive.failureReason();
      } else {
        values.putAll(expensive.values());
        sources.putAll(expensive.latencySources());
      }
    }
    if (failure == null) {
      for (String o : settings.objectives()) {
        if (!values.containsKey(o) && !(o.equals(Objective.SIGNAL_ERROR.name()) && values.containsKey("error"))) {
          failure = "evaluator produced no value for objective " + o;
          break;
        }
      }
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("cheap", (t1 - t0) / 1e6);
    timings.put("expensive", timed == null ? 0.0 : timed.nanos() / 1e6);
    Evaluation e =
        new Evaluation(
            id,
            space.describe(canonical),
            canonical,
            values,
            sources,
            0,
            failure == null ? Evaluation.Status.OK : Evaluation.Status.FAILED,
            failure,
            timings);
    return record(e, false);
  }

  /** NSGA-II whose generation step evaluates only pre-screened, distinct, new offspring. */
  private final class Algorithm extends NSGAII {
    Algorithm(NasProblem problem) {
      super(problem);
    }

    NasProblem problem() {
      return (NasProblem) problem;
    }

    @Override
    public void iterate() {
      int remaining = settings.maxEvaluations() - evaluated.size();
      int n = Math.min(settings.population(), remaining);
      if (n <= 0) {
        return;
      }
      List<Solution> children = offspring(this, n);
      if (children.isEmpty()) {
        exhausted = true;
        return;
      }
      for (Solution c : children) {
        evaluate(c);
      }
      NondominatedSortingPopulation population = getPopulation();
      population.addAll(children);
      population.truncate(settings.population());
    }
  }
}
