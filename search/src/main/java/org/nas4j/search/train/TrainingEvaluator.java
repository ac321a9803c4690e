package org.nas4j.search.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.RunDataset;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.estimate.ZeroCostScores;
import org.nas4j.search.latency.LatencyOracle;
import org.nas4j.search.latency.MeasuredLatency;
import org.nas4j.search.latency.PredictedLatency;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.targets.MeasureMode;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.TargetUnavailableException;
import org.nas4j.search.strategy.Objective;

/**
 * Evaluates architectures of a real search space: accuracy by training the proxy network with DL4J on the dataset's
 * training split and measuring it on the validation split; latency per target from the target's source; MACs and
 * trainable parameters of the proxy network. Latency objectives of {@link MeasureMode#PREDICT} targets are cheap
 * (kernel-level predictor); {@link MeasureMode#ONNXRUNTIME} targets are measured after training has finished (an
 * expensive objective, never measured while DL4J trains).
 *
 * <p>{@link #expensiveObjectives} may run on up to {@link #concurrency()} threads at once (one training per core, each
 * with the configured OpenMP thread count, which gives bit-identical results to training one after the other). A
 * latency measurement waits until no training runs and keeps new trainings from starting until it is done, so
 * measurements always run on quiet cores. {@link #lowFidelityNetwork} may also run on several threads (the front's
 * final stage does); {@link #cheapObjectives} is for one thread.
 */
public final class TrainingEvaluator implements CandidateEvaluator {
  private final GenomeSpace genomes;
  private final String spaceName;
  private final TrainingOptions options;
  private final Dataset dataset;
  private final Dataset.Split split;
  private final long seed;
  private final List<TargetProfile> targets;
  private final Map<String, PredictedLatency> predictors = new LinkedHashMap<>();
  private final Path scratch;
  /** Weights after low-fidelity training, by archId: the front continues training from them (multi-fidelity). */
  private final Map<String, INDArray> trainedParams = new java.util.concurrent.ConcurrentHashMap<>();
  /** Trainings hold the read lock, latency measurements the write lock: they never overlap. Fair, so a waiting
   * measurement is not starved by trainings that keep starting. */
  private final java.util.concurrent.locks.ReadWriteLock quiet =
      new java.util.concurrent.locks.ReentrantReadWriteLock(true);
  private final int jobs;
  private final RunDataset.DatasetOverride datasetOverride;
  /** With the proxy+naswot signal: the proxy's training order, whose first images NASWOT scores; else null. */
  private final int[] naswotOrder;

  /**
   * @param genomes the genome view of the space
   * @param spaceName the space's name for {@link SearchSpaces#parse}
   * @param options proxy network and budgets
   * @param dataset the dataset (its test part is never used here)
   * @param seed seeds the validation split, weights and data order
   * @param targets target profiles, one latency objective each
   * @param scratch directory for temporary ONNX files of measured targets
   * @param jobs how many candidates may train at once (one per core is fastest); >= 1
   * @throws TargetUnavailableException when a target's latency cannot be obtained here
   */
  public TrainingEvaluator(GenomeSpace genomes, String spaceName, TrainingOptions options, Dataset dataset, long seed,
      List<TargetProfile> targets, Path scratch, int jobs) {
    this(genomes, spaceName, options, dataset, seed, targets, scratch, jobs, null);
  }

  /**
   * An evaluator whose {@code dataset} replaces a run's data on purpose: {@link #provenance} records {@code
   * datasetOverride}.
   *
   * @param datasetOverride the override, or null when {@code dataset} is the options' own
   */
  public TrainingEvaluator(GenomeSpace genomes, String spaceName, TrainingOptions options, Dataset dataset, long seed,
      List<TargetProfile> targets, Path scratch, int jobs, RunDataset.DatasetOverride datasetOverride) {
    this.datasetOverride = datasetOverride;
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    this.jobs = jobs;
    this.genomes = genomes;
    this.spaceName = spaceName;
    this.options = options;
    this.dataset = dataset;
    this.split = dataset.split(Math.min(options.validationImages(), dataset.train().count() / 2), seed);
    this.seed = seed;
    this.targets = List.copyOf(targets);
    this.scratch = scratch;
    this.naswotOrder = options.naswot()
        ? Dataset.permutation(split.train().count(), new java.util.SplittableRandom(seed)) : null;
    for (TargetProfile t : targets) {
      LatencyOracle oracle = LatencyOracle.of(t, scratch);
      if (oracle instanceof PredictedLatency p) {
        predictors.put(t.id(), p);
      }
    }
  }

  /** The proxy network's macro settings for this dataset. */
  public MacroConfig proxyMacro() {
    int[] s = dataset.imageShape();
    return new MacroConfig(options.cells(), options.channels(), new InputShape(s[0], s[1], s[2]), dataset.classes(),
        null);
  }

  /** The architecture of a genome. */
  public Architecture architecture(int[] genome) {
    return SearchSpaces.parse(spaceName, genomes.describe(genome));
  }

  /** The low-fidelity budget. */
  public TrainingBudget budget() {
    return new TrainingBudget(options.epochs(), options.trainImages(), options.batchSize(), Optimizer.SGD,
        options.learningRate(), 0.9, options.weightDecay(), seed,
        Duration.ofSeconds(options.candidateTimeLimitSeconds()));
  }

  /** The validation split the search uses. */
  public Dataset.Split split() {
    return split;
  }

  public Dataset dataset() {
    return dataset;
  }

  public TrainingOptions options() {
    return options;
  }

  public long seed() {
    return seed;
  }

  @Override
  public List<String> objectiveNames() {
    List<String> names = new ArrayList<>();
    names.add("error");
    for (TargetProfile t : targets) {
      names.add(Objective.latency(t.id()).name());
    }
    names.add("macs");
    names.add("params");
    if (options.naswot()) {
      names.add(TrainingOptions.NASWOT_SCORE);
    }
    return names;
  }

  @Override
  public List<String> cheapObjectiveNames() {
    List<String> names = new ArrayList<>();
    for (TargetProfile t : targets) {
      if (t.measure() == MeasureMode.PREDICT) {
        names.add(Objective.latency(t.id()).name());
      }
    }
    names.add("macs");
    names.add("params");
    return names;
  }

  @Override
  public ObjectiveValues cheapObjectives(int[] genome) {
    NetSpec spec;
    try {
      spec = NetSpecs.of(architecture(genome), proxyMacro()).live();
    } catch (RuntimeException e) {
      return ObjectiveValues.failed("cannot build the proxy network: " + e.getMessage());
    }
    Map<String, Double> v = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (Map.Entry<String, PredictedLatency> p : predictors.entrySet()) {
      v.put(Objective.latency(p.getKey()).name(), p.getValue().latencyMs(spec));
      sources.put(Objective.latency(p.getKey()).name(), p.getValue().source());
    }
    v.put("macs", (double) spec.macs());
    v.put("params", (double) spec.trainableParams());
    return ObjectiveValues.ok(v, sources);
  }

  /** How many candidates may train at once. */
  @Override
  public int concurrency() {
    return jobs;
  }

  @Override
  public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
    Dl4jRuntime.initThread();
    NetSpec spec = NetSpecs.of(architecture(genome), proxyMacro());
    TrainingBudget budget = budget();
    ComputationGraph graph;
    TrainingResult r;
    quiet.readLock().lock();
    Double naswot = null;
    try {
      graph = Dl4jGraphBuilder.build(spec, seed, budget.updater(), budget.weightDecay());
      if (options.naswot()) {
        naswot = naswot(spec, graph);
      }
      r = new Dl4jProxyTrainer(split, dataset.classes()).train(graph, budget, Dl4jProxyTrainer.Progress.NONE);
    } finally {
      quiet.readLock().unlock();
    }
    if (!r.ok()) {
      return ObjectiveValues.failed(r.status() + ": " + r.failureReason());
    }
    trainedParams.put(genomes.archId(genome), graph.params().dup());
    Map<String, Double> v = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    v.put("error", 1.0 - r.validationAccuracy());
    if (naswot != null && Double.isFinite(naswot)) {
      v.put(TrainingOptions.NASWOT_SCORE, naswot); // not finite (a singular kernel): left out, ranks lowest
    }
    for (TargetProfile t : targets) {
      if (t.measure() == MeasureMode.ONNXRUNTIME) {
        quiet.writeLock().lock();
        try {
          v.put(Objective.latency(t.id()).name(), MeasuredLatency.p50Ms(spec, graph, t, scratch));
          sources.put(Objective.latency(t.id()).name(), MeasuredLatency.sourceOf(t));
        } catch (IOException | RuntimeException e) {
          return ObjectiveValues.failed("latency measurement on " + t.id() + " failed: " + e.getMessage());
        } finally {
          quiet.writeLock().unlock();
        }
      }
    }
    return ObjectiveValues.ok(v, sources);
  }

  /**
   * The NASWOT score of a freshly initialised candidate network, which it leaves unchanged: on the first {@value
   * ZeroCostScores#DEFAULT_BATCH} images of the proxy's training order (its first epoch's images, in the order the
   * training subset is drawn), BatchNorm on the minibatch's statistics.
   */
  private double naswot(NetSpec spec, ComputationGraph fresh) {
    int batch = Math.min(ZeroCostScores.DEFAULT_BATCH, split.train().count());
    return ZeroCostScores.naswot(spec, fresh, split.train(), dataset.classes(), naswotOrder, batch);
  }

  /**
   * A network of this genome trained at the low-fidelity budget: the weights kept from its evaluation, or (for an
   * evaluation replayed on resume) trained again, which gives the same weights because training is deterministic;
   * weights trained again are kept too, so that the final stage's pilot and its training do not train them twice.
   * Returns null if training fails.
   */
  public ComputationGraph lowFidelityNetwork(int[] genome, TrainingBudget continuation) {
    Dl4jRuntime.initThread();
    NetSpec spec = NetSpecs.of(architecture(genome), proxyMacro());
    ComputationGraph graph = Dl4jGraphBuilder.build(spec, seed, continuation.updater(), continuation.weightDecay());
    INDArray kept = trainedParams.get(genomes.archId(genome));
    if (kept != null) {
      graph.setParams(kept);
      graph.incrementEpochCount();
      return graph;
    }
    TrainingBudget budget = budget();
    ComputationGraph fresh = Dl4jGraphBuilder.build(spec, seed, budget.updater(), budget.weightDecay());
    TrainingResult r = new Dl4jProxyTrainer(split, dataset.classes()).train(fresh, budget,
        Dl4jProxyTrainer.Progress.NONE);
    if (!r.ok()) {
      return null;
    }
    trainedParams.put(genomes.archId(genome), fresh.params());
    graph.setParams(fresh.params());
    graph.incrementEpochCount();
    return graph;
  }

  @Override
  public Map<String, Map<String, Object>> latencyBands() {
    Map<String, Map<String, Object>> bands = new LinkedHashMap<>();
    for (Map.Entry<String, PredictedLatency> p : predictors.entrySet()) {
      bands.put("latencyMs." + p.getKey(), p.getValue().band(spaceName, proxyMacro()).toJson());
    }
    return bands;
  }

  @Override
  public Map<String, Object> provenance() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", "training");
    p.put("dataset", options.dataset());
    p.put("datasetSource", dataset.source());
    p.put("datasetSha256", dataset.train().sha256());
    if (datasetOverride != null) {
      p.put("datasetOverride", datasetOverride);
    }
    p.put("validationImages", split.validation().count());
    p.put("proxy", proxyMacro().describe());
    p.put("budget", budget().toString());
    p.put("jobs", jobs);
    for (TargetProfile t : targets) {
      p.put("target." + t.id(), TargetRegistry.sha256(t));
      if (predictors.containsKey(t.id())) {
        p.put("predictor." + t.id(), predictors.get(t.id()).predictorName());
      }
    }
    return p;
  }
}
