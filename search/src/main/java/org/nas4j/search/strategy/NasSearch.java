package org.nas4j.search.strategy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.moeaframework.algorithm.NSGAII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.comparator.ChainedComparator;
import org.moeaframework.core.comparator.CrowdingComparator;
import org.moeaframework.core.comparator.ParetoDominanceComparator;
import org.moeaframework.core.constraint.Equal;
import org.moeaframework.core.constraint.LessThanOrEqual;
import org.moeaframework.core.objective.Minimize;
import org.moeaframework.core.operator.CompoundVariation;
import org.moeaframework.core.operator.UniformCrossover;
import org.moeaframework.core.operator.Variation;
import org.moeaframework.core.population.NondominatedSortingPopulation;
import org.moeaframework.core.selection.TournamentSelection;
import org.moeaframework.problem.AbstractProblem;

/**
 * Surrogate-assisted NSGA-II over a {@link GenomeSpace}, built on MOEA Framework 5.0's {@link NSGAII} (non-dominated
 * sorting, crowding, binary tournament, elitist truncation) with these changes:
 *
 * <ul>
 *   <li>Every architecture is identified by its canonical {@code archId}; an offspring whose id was already evaluated
 *       (or already chosen this generation) is dropped, so the budget counts distinct architectures exactly.
 *   <li>Initial design: many random distinct architectures are drawn, their cheap objectives computed, and the
 *       population is taken at evenly spaced quantiles of the first cheap objective (usually latency).
 *   <li>Pre-screening (when {@link SearchSettings#surrogate()}): each generation breeds {@code poolFactor} times more
 *       distinct offspring than it evaluates and adds as many random architectures, computes their cheap objectives
 *       exactly, and predicts the expensive ones with a ridge regression on {@link GenomeSpace#features} fitted on
 *       evaluated architectures only (targets clipped at their median, so the model ranks the good half instead of
 *       fitting degenerate cells). 70% of the generation's evaluations are the first distinct offspring in breeding
 *       order (plain NSGA-II); 30% are the pool members that greedily maximise the predicted hypervolume improvement
 *       over the evaluated front (normalised to the front's range; ties broken by the distance to non-dominance).
 *   <li>Constraints are MOEA typed constraints ({@code LessThanOrEqual}) and a failed evaluation violates an
 *       {@code Equal} constraint, so feasibility comes first in every comparison.
 * </ul>
 *
 * <p>Determinism: the search seeds MOEA's global {@code PRNG} with a {@link Random} from the seed, draws its own
 * choices from a {@link SplittableRandom} with the same seed, and iterates only over ordered collections. When the
 * evaluator allows {@linkplain CandidateEvaluator#concurrency() concurrent} evaluations, a generation's (or the initial
 * design's) new candidates are handed to that many worker threads as soon as they are chosen, but their results are
 * consumed, recorded and reported in the generation's order, exactly as a sequential search would; nothing the search
 * decides depends on timing. The run is therefore a function of (settings, evaluation results), which is what makes
 * resume by replay exact. Not thread-safe; one search per JVM at a time (the PRNG is global).
 */
public final class NasSearch {
  private static final double FAILED_OBJECTIVE = 1e30;
  /** Ridge penalty of the surrogate (on clipped targets and space features). */
  static final double RIDGE_LAMBDA = 10;
  /** Share of the kNN prediction in the surrogate (0 = ridge only; measured no better on NB201). */
  static final double KNN_SHARE = 0;
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
  private final List<String> expensiveObjectives;

  private final Map<String, Evaluation> evaluated = new LinkedHashMap<>();
  private final Map<String, ObjectiveValues> cheapCache = new HashMap<>();
  private final List<Integer> generationEvaluations = new ArrayList<>();
  /** Expensive evaluations handed to the workers and not consumed yet, by archId. */
  private final Map<String, Future<Expensive>> pending = new HashMap<>();
  /** Worker threads for expensive evaluations; null when the evaluator allows one at a time. */
  private ExecutorService workers;
  private SplittableRandom random;
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
  public NasSearch(
      GenomeSpace space,
      CandidateEvaluator evaluator,
      SearchSettings settings,
      Map<String, Evaluation> replay,
      SearchObserver observer,
      LongSupplier nanoClock) {
    this.space = space;
    this.evaluator = evaluator;
    this.settings = settings;
    this.replay = Map.copyOf(replay);
    this.observer = observer;
    this.nanoClock = nanoClock;
    List<String> known = evaluator.objectiveNames();
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
    this.expensiveObjectives = List.copyOf(exp);
  }

  /** Runs the search to its budget, time limit or exhaustion of the space. */
  public SearchOutcome run() {
    int jobs = evaluator.concurrency();
    if (jobs < 1) {
      throw new IllegalStateException("evaluator concurrency must be >= 1, got " + jobs);
    }
    if (jobs > 1) {
      AtomicInteger count = new AtomicInteger();
      workers = Executors.newFixedThreadPool(jobs, r -> {
        Thread t = new Thread(r, "nas-eval-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    try {
      return search();
    } finally {
      if (workers != null) {
        workers.shutdownNow();
        workers = null;
      }
      pending.clear();
    }
  }

  private SearchOutcome search() {
    long start = nanoClock.getAsLong();
    random = new SplittableRandom(settings.seed());
    PRNG.setRandom(new Random(settings.seed()));
    Problem problem = new Problem();
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
        reason);
  }

  private GenerationState state(int generation, NondominatedSortingPopulation pop, boolean replaying) {
    List<int[]> genomes = new ArrayList<>();
    for (Solution s : pop) {
      genomes.add(IntGene.genome(s));
    }
    double bestError = Double.NaN;
    double fastest = Double.NaN;
    String latencyName =
        settings.objectives().stream().filter(o -> o.startsWith("latencyMs")).findFirst().orElse(null);
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

  /** A distinct, not yet evaluated offspring with exact cheap objectives. */
  private record Candidate(int[] genome, String archId, ObjectiveValues cheap) {}

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

  private Solution[] initialDesign(Problem problem, int n) {
    int want = Math.max(n, n * Math.min(settings.poolFactor(), 20));
    List<Candidate> drawn = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int attempts = 0;
    while (drawn.size() < want && attempts < want * 20) {
      attempts++;
      Candidate c = candidate(space.sample(random));
      if (c != null && ids.add(c.archId) && c.cheap.ok()) {
        drawn.add(c);
      }
    }
    List<Candidate> chosen = new ArrayList<>();
    List<String> cheapNames = evaluator.cheapObjectiveNames();
    String key = settings.objectives().stream().filter(cheapNames::contains).findFirst().orElse(null);
    if (key == null || drawn.size() <= n) {
      chosen.addAll(drawn.subList(0, Math.min(n, drawn.size())));
    } else {
      List<Candidate> sorted = new ArrayList<>(drawn);
      sorted.sort(Comparator.comparingDouble((Candidate c) -> c.cheap.values().get(key)));
      for (int i = 0; i < n; i++) {
        int idx = (int) Math.round((i + 0.5) * sorted.size() / n - 0.5);
        chosen.add(sorted.get(Math.min(sorted.size() - 1, Math.max(0, idx))));
      }
    }
    prefetch(chosen);
    Solution[] out = new Solution[chosen.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = problem.solutionOf(chosen.get(i).genome);
    }
    return out;
  }

  private List<Solution> offspring(Algorithm alg, int n) {
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
        if (c != null && ids.add(c.archId) && c.cheap.ok()) {
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
      if (c != null && ids.add(c.archId) && c.cheap.ok()) {
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
      chosen.addAll(screen(rest, n - chosen.size()));
    }
    prefetch(chosen);
    List<Solution> out = new ArrayList<>();
    for (Candidate c : chosen) {
      out.add(alg.problem().solutionOf(c.genome));
    }
    return out;
  }

  // ---------------------------------------------------------------- surrogate pre-screening

  private List<Candidate> screen(List<Candidate> pool, int n) {
    if (pool.size() <= n) {
      return pool;
    }
    List<Evaluation> ok = new ArrayList<>();
    for (Evaluation e : evaluated.values()) {
      if (e.ok()) {
        ok.add(e);
      }
    }
    if (ok.size() < 5) {
      return pool.subList(0, n);
    }
    List<String> objectives = settings.objectives();
    int m = objectives.size();
    // Predicted objective vectors of the pool: cheap ones exact, expensive ones from a model per objective.
    double[][] pred = new double[pool.size()][m];
    for (int k = 0; k < m; k++) {
      String name = objectives.get(k);
      if (expensiveObjectives.contains(name)) {
        List<double[]> xs = new ArrayList<>();
        double[] ys = new double[ok.size()];
        for (int i = 0; i < ok.size(); i++) {
          xs.add(space.features(ok.get(i).genome()));
          ys[i] = ok.get(i).objectives().get(name);
        }
        // Robust target: values above the median are clipped to it, so the model ranks the good half well
        // instead of fitting the degenerate tail.
        double[] sorted = ys.clone();
        Arrays.sort(sorted);
        double clip = sorted[(sorted.length - 1) / 2];
        for (int i = 0; i < ys.length; i++) {
          ys[i] = Math.min(ys[i], clip);
        }
        ObjectiveModel model = new RidgeKnnModel(RIDGE_LAMBDA, 5, KNN_SHARE);
        model.fit(xs, ys);
        for (int i = 0; i < pool.size(); i++) {
          pred[i][k] = model.predict(space.features(pool.get(i).genome));
        }
      } else {
        for (int i = 0; i < pool.size(); i++) {
          pred[i][k] = pool.get(i).cheap.values().get(name);
        }
      }
    }
    // Candidates violating a cheap constraint come last.
    boolean[] cheapFeasible = new boolean[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      cheapFeasible[i] = true;
      for (ObjectiveBound b : settings.constraints()) {
        Double v = pool.get(i).cheap.values().get(b.name());
        if (v != null && v > b.max()) {
          cheapFeasible[i] = false;
        }
      }
    }
    List<double[]> front = new ArrayList<>();
    for (Evaluation e : ParetoFronts.front(ok, objectives, settings.constraints())) {
      front.add(ParetoFronts.vector(e, objectives));
    }
    // Normalise: lower bound over front and pool, upper bound the front's nadir.
    double[] lo = new double[m];
    double[] hi = new double[m];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] v : front) {
      for (int k = 0; k < m; k++) {
        lo[k] = Math.min(lo[k], v[k]);
        hi[k] = Math.max(hi[k], v[k]);
      }
    }
    for (double[] v : pred) {
      for (int k = 0; k < m; k++) {
        lo[k] = Math.min(lo[k], v[k]);
      }
    }
    for (int k = 0; k < m; k++) {
      if (!(hi[k] > lo[k])) {
        hi[k] = lo[k] + 1;
      }
    }
    double[] ref = new double[m];
    Arrays.fill(ref, 1.1);
    List<double[]> current = new ArrayList<>();
    for (double[] v : front) {
      current.add(normalise(v, lo, hi));
    }
    double[][] np = new double[pool.size()][];
    for (int i = 0; i < pool.size(); i++) {
      np[i] = normalise(pred[i], lo, hi);
    }
    boolean[] taken = new boolean[pool.size()];
    List<Candidate> chosen = new ArrayList<>();
    while (chosen.size() < n) {
      double base = Hypervolumes.volume(current, ref);
      int best = -1;
      double bestGain = 0;
      double bestGap = Double.POSITIVE_INFINITY;
      boolean bestFeasible = false;
      for (int i = 0; i < pool.size(); i++) {
        if (taken[i]) {
          continue;
        }
        if (bestFeasible && !cheapFeasible[i]) {
          continue;
        }
        List<double[]> with = new ArrayList<>(current);
        with.add(np[i]);
        double gain = Hypervolumes.volume(with, ref) - base;
        double gap = gain > 0 ? -gain : dominanceGap(np[i], current);
        boolean better =
            best < 0 || (cheapFeasible[i] && !bestFeasible) || gap < bestGap;
        if (better) {
          best = i;
          bestGap = gap;
          bestGain = gain;
          bestFeasible = cheapFeasible[i];
        }
      }
      taken[best] = true;
      chosen.add(pool.get(best));
      current.add(np[best]);
      current = Hypervolumes.nondominated(current);
      if (bestGain < 0) {
        throw new IllegalStateException("negative hypervolume gain");
      }
    }
    return chosen;
  }

  private static double[] normalise(double[] v, double[] lo, double[] hi) {
    double[] r = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      r[k] = (v[k] - lo[k]) / (hi[k] - lo[k]);
    }
    return r;
  }

  /** The smallest amount that, subtracted from every coordinate of {@code p}, makes it non-dominated. */
  private static double dominanceGap(double[] p, List<double[]> front) {
    double gap = 0;
    for (double[] f : front) {
      double least = Double.POSITIVE_INFINITY;
      for (int k = 0; k < p.length; k++) {
        least = Math.min(least, p[k] - f[k]);
      }
      // p is weakly dominated by f iff least >= 0; moving p by more than 'least' escapes f.
      gap = Math.max(gap, least);
    }
    return gap;
  }

  // ---------------------------------------------------------------- evaluation

  /** An expensive evaluation's result and how long it took. */
  private record Expensive(ObjectiveValues values, long nanos) {}

  /**
   * Hands the expensive evaluations of {@code chosen} (about to be evaluated in this order) to the workers; no-op
   * without workers. Candidates already evaluated, replayed or failing their cheap stage are left to {@link
   * #evaluate}.
   */
  private void prefetch(List<Candidate> chosen) {
    if (workers == null) {
      return;
    }
    for (Candidate c : chosen) {
      if (evaluated.containsKey(c.archId) || replay.containsKey(c.archId) || pending.containsKey(c.archId)
          || !c.cheap.ok()) {
        continue;
      }
      int[] genome = c.genome;
      pending.put(c.archId, workers.submit(() -> timedExpensive(genome)));
    }
  }

  private Expensive timedExpensive(int[] canonical) {
    long t0 = nanoClock.getAsLong();
    ObjectiveValues v = evaluator.expensiveObjectives(canonical, 0);
    return new Expensive(v, nanoClock.getAsLong() - t0);
  }

  /** The expensive stage of a candidate: its worker's result if it was prefetched, computed here otherwise. */
  private Expensive expensive(int[] canonical, String archId) {
    Future<Expensive> f = pending.remove(archId);
    if (f == null) {
      return timedExpensive(canonical);
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

  // ---------------------------------------------------------------- MOEA glue

  private Evaluation evaluate(int[] canonical) {
    String id = space.archId(canonical);
    Evaluation done = evaluated.get(id);
    if (done != null) {
      return done;
    }
    Evaluation r = replay.get(id);
    if (r != null) {
      evaluated.put(id, r);
      replayedCount++;
      observer.evaluated(r, true);
      return r;
    }
    long t0 = nanoClock.getAsLong();
    ObjectiveValues cheap = cheap(canonical, id);
    long t1 = nanoClock.getAsLong();
    Expensive timed = cheap.ok() ? expensive(canonical, id) : null;
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
        if (!values.containsKey(o)) {
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
    evaluated.put(id, e);
    observer.evaluated(e, false);
    return e;
  }

  /** The MOEA problem: genes are {@link IntGene}s; constraints are the bounds plus "evaluation succeeded". */
  private final class Problem extends AbstractProblem {
    Problem() {
      super(space.length(), settings.objectives().size(), settings.constraints().size() + 1);
    }

    @Override
    public String getName() {
      return "nas-" + space.name();
    }

    @Override
    public Solution newSolution() {
      int[] lo = space.lowerBounds();
      int[] hi = space.upperBounds();
      Solution s = new Solution(getNumberOfVariables(), getNumberOfObjectives(), getNumberOfConstraints());
      for (int i = 0; i < lo.length; i++) {
        s.setVariable(i, new IntGene(lo[i], hi[i]));
      }
      for (int k = 0; k < settings.objectives().size(); k++) {
        s.setObjective(k, Minimize.value(settings.objectives().get(k)));
      }
      for (int c = 0; c < settings.constraints().size(); c++) {
        ObjectiveBound b = settings.constraints().get(c);
        s.setConstraint(c, LessThanOrEqual.to(b.name(), b.max()));
      }
      s.setConstraint(settings.constraints().size(), Equal.to("evaluationFailed", 0));
      return s;
    }

    Solution solutionOf(int[] genome) {
      Solution s = newSolution();
      for (int i = 0; i < genome.length; i++) {
        ((IntGene) s.getVariable(i)).setValue(genome[i]);
      }
      return s;
    }

    @Override
    public void evaluate(Solution s) {
      int[] canonical = space.canonical(IntGene.genome(s));
      Evaluation e = NasSearch.this.evaluate(canonical);
      List<String> objectives = settings.objectives();
      for (int k = 0; k < objectives.size(); k++) {
        Double v = e.objectives().get(objectives.get(k));
        s.setObjectiveValue(k, e.ok() && v != null ? v : FAILED_OBJECTIVE);
      }
      for (int c = 0; c < settings.constraints().size(); c++) {
        Double v = e.objectives().get(settings.constraints().get(c).name());
        s.setConstraintValue(c, e.ok() && v != null ? v : FAILED_OBJECTIVE);
      }
      s.setConstraintValue(settings.constraints().size(), e.ok() ? 0 : 1);
    }
  }

  /** NSGA-II whose generation step evaluates only pre-screened, distinct, new offspring. */
  private final class Algorithm extends NSGAII {
    Algorithm(Problem problem) {
      super(problem);
    }

    Problem problem() {
      return (Problem) problem;
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
