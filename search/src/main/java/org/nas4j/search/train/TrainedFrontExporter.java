package org.nas4j.search.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.run.FrontExporter;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.TrainedFront;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.Objective;
import org.nas4j.search.strategy.ObjectiveBound;

/**
 * The final stage of a training-mode search. {@link FinalSelection} picks {@link TrainingOptions#finalMembers} front
 * members (both ends of the latency range, the knee, and members spread in between); each trains with the same
 * budget, continuing from its proxy weights, one per core ({@link TrainingEvaluator#concurrency()}); the front is then
 * recomputed on their final validation accuracy (members it no longer holds are marked, not dropped); test accuracy
 * is measured once, for trained members only, and never chooses anything. Every other front member stays a candidate
 * known by its proxy accuracy ({@code nas train DIR --member ID} trains it later with the same recipe).
 *
 * <p>The budget is {@link TrainingOptions#finalTrainImages} when given, otherwise as many images as fit the stage's
 * time at the members' speed on this machine, measured by a short pilot run of each ({@link FinalPlan#fitImages}).
 * The plan is written to {@code final/plan.json} before any training and each member's result to {@code
 * final/<id>.json} as it finishes, so that a killed run resumes the stage with the same members and budget and
 * trains only what is missing. Members whose turn comes after the stage's time stay candidates, with a note.
 *
 * <p>Continuing from the proxy weights rather than from scratch was measured: three members of one run, 7,000 final
 * images each, reached 81.2% test accuracy continuing against 77.0% from scratch (benchmarks/results/main-job.md).
 */
public final class TrainedFrontExporter implements FrontExporter {
  /** Share of the stage's time the plan fills; the rest absorbs the error of the speed estimate. */
  static final double TIME_SHARE = 0.95;
  /** Images of a member's pilot run, which measures its training speed on this machine before the plan is made. */
  static final int PILOT_IMAGES = 16 * 32;

  /**
   * Progress of the final stage. With several workers, members train at once and these methods are called from their
   * threads concurrently: implementations must be thread-safe.
   */
  public interface Progress {
    /** Member {@code index} (in training order) of {@code count} starts, with {@code images} final training images. */
    void member(int index, int count, String shortId, long images);

    /** Images done and in total of member {@code index}'s final training, after every minibatch. */
    default void images(int index, long done, long total) {}

    /** The stage starts: {@code members} members to train with {@code images} images each ({@code basis}). */
    default void stage(int members, long images, String basis) {}

    Progress NONE = (i, n, id, images) -> { };
  }

  private final TrainingEvaluator evaluator;
  private final String nasVersion;
  private final Progress progress;

  public TrainedFrontExporter(TrainingEvaluator evaluator, String nasVersion, Progress progress) {
    this.evaluator = evaluator;
    this.nasVersion = nasVersion;
    this.progress = progress;
  }

  @Override
  public Result export(Path runDir, List<Evaluation> front, List<String> objectives,
      List<ObjectiveBound> constraints, Duration searchOvertime) {
    TrainingOptions o = evaluator.options();
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Evaluation e : front) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("fidelity", ParetoRecord.PROXY);
      out.put(e.archId(), fields);
    }
    if (o.finalMembers() == 0 || front.isEmpty()) {
      return new Result(out, null);
    }
    long limitNanos = stageNanos(o, searchOvertime);
    long deadline = limitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + limitNanos;
    FinalPlan plan = plan(runDir, front, objectives, deadline);
    progress.stage(plan.members().size(), plan.totalImages(), plan.basis());
    FinalMember trainer = new FinalMember(evaluator, nasVersion);
    Map<String, Evaluation> byId = new LinkedHashMap<>();
    front.forEach(e -> byId.put(e.archId(), e));
    List<Callable<Map<String, Object>>> tasks = new ArrayList<>();
    List<FinalPlan.Member> order = plan.members();
    for (int i = 0; i < order.size(); i++) {
      FinalPlan.Member m = order.get(i);
      Evaluation e = byId.get(m.archId());
      if (e == null) {
        throw new IllegalStateException(runDir.resolve(FinalPlan.FILE) + " names " + m.archId()
            + ", which is not on the front this run found again");
      }
      int index = i;
      tasks.add(() -> {
        Map<String, Object> done = FinalMember.readResult(runDir, e.archId());
        if (done != null) {
          return done;
        }
        if (System.nanoTime() >= deadline) {
          return skipped(o, limitNanos);
        }
        progress.member(index, order.size(), e.archId().substring(0, 12), plan.totalImages());
        Map<String, Object> r = trainer.train(runDir, e, plan.budget(evaluator.split().train().count()),
            (d, t) -> progress.images(index, d, t));
        FinalMember.writeResult(runDir, e.archId(), r);
        return r;
      });
    }
    int jobs = Math.max(1, Math.min(evaluator.concurrency(), tasks.size()));
    List<Map<String, Object>> results = TrainingWorkers.runInOrder(jobs, "nas-final", tasks, r -> { });
    for (int i = 0; i < order.size(); i++) {
      Map<String, Object> fields = out.get(order.get(i).archId());
      fields.put("selection", order.get(i).reason());
      results.get(i).forEach(fields::putIfAbsent);
      if (ParetoRecord.TRAINED.equals(results.get(i).get("fidelity"))) {
        fields.put("fidelity", ParetoRecord.TRAINED);
      }
    }
    List<ParetoRecord.Member> members = front.stream().map(e -> ParetoRecord.Member.of(e, out.get(e.archId())))
        .toList();
    TrainedFront trained = TrainedFront.of(members, objectives, constraints);
    for (Evaluation e : trained.members()) {
      out.get(e.archId()).put("onTrainedFront", trained.front().contains(e.archId()));
    }
    return new Result(out, new ParetoRecord.FinalStage(proxyBudget(o, evaluator.split().validation().count()),
        o.finalMembers(), trained.members().size(),
        FinalSelection.DESCRIPTION, "proxy", plan.epochs(), plan.imagesPerEpoch(), plan.batchSize(),
        plan.basis(), limitNanos == Long.MAX_VALUE ? 0 : limitNanos / 1e9, List.copyOf(trained.front())));
  }

  /** The search's accuracy objective in words, e.g. {@code 1,000 training images (1 epoch, batch 16), ...}. */
  static String proxyBudget(TrainingOptions o, int validationImages) {
    return String.format(java.util.Locale.ROOT, "%s training images (%d epoch%s, batch %d), validated on %,d images",
        o.trainImages() == 0 ? "all" : String.format(java.util.Locale.ROOT, "%,d", o.trainImages()), o.epochs(),
        o.epochs() == 1 ? "" : "s", o.batchSize(), validationImages);
  }

  /** The stage's time: its limit less the search's overtime, but never under a quarter of the limit. */
  static long stageNanos(TrainingOptions o, Duration searchOvertime) {
    if (o.finalTimeLimitSeconds() == 0) {
      return Long.MAX_VALUE;
    }
    long limit = Duration.ofSeconds(o.finalTimeLimitSeconds()).toNanos();
    return Math.max(limit / 4, limit - Math.max(0, searchOvertime.toNanos()));
  }

  /** The stage's plan: read back on resume, otherwise chosen now and written before any training. */
  private FinalPlan plan(Path runDir, List<Evaluation> front, List<String> objectives, long deadline) {
    Path file = runDir.resolve(FinalPlan.FILE);
    try {
      if (Files.exists(file)) {
        return FinalPlan.read(file);
      }
      TrainingOptions o = evaluator.options();
      String latency = Objective.firstLatency(objectives)
          .orElse(objectives.contains("macs") ? "macs" : objectives.get(objectives.size() - 1));
      List<Evaluation> ok = front.stream().filter(Evaluation::ok).toList();
      Map<Evaluation, FinalSelection.Reason> chosen =
          FinalSelection.choose(ok, Objective.accuracy(objectives), latency, o.finalMembers());
      Map<Evaluation, double[]> speed = o.finalTrainImages() == null ? pilots(chosen.keySet()) : Map.of();
      // What is left of the stage after the pilots, less a margin for the estimate's error.
      double seconds = deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
          : TIME_SHARE * Math.max(0, deadline - System.nanoTime()) / 1e9;
      int evalImages = evaluator.split().validation().count() + evaluator.dataset().test().count();
      FinalPlan plan = FinalPlan.of(chosen, speed::get, o, evaluator.split().train().count(), evalImages,
          evaluator.concurrency(), seconds, evaluator.seed());
      Files.createDirectories(file.getParent());
      RunFiles.writeJson(file, plan);
      return plan;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /**
   * Each member's training and inference seconds per image on this machine, measured by a short pilot training from
   * its proxy weights (minibatches after the first; the weights are thrown away), members in parallel as in the stage.
   */
  private Map<Evaluation, double[]> pilots(java.util.Set<Evaluation> members) {
    TrainingOptions o = evaluator.options();
    TrainingBudget pilot = new TrainingBudget(1, PILOT_IMAGES, o.finalBatchSize(), Optimizer.SGD, o.learningRate(),
        0.9, o.weightDecay(), evaluator.seed(), Duration.ZERO);
    List<Evaluation> list = new ArrayList<>(members);
    List<Callable<double[]>> tasks = new ArrayList<>();
    for (Evaluation e : list) {
      tasks.add(() -> {
        ComputationGraph graph = evaluator.lowFidelityNetwork(e.genome(), pilot);
        if (graph == null) {
          return new double[] {Double.NaN, Double.NaN};
        }
        Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(evaluator.split(), evaluator.dataset().classes());
        long[] first = {0, 0};
        long[] last = {0, 0};
        trainer.train(graph, pilot, (done, total, loss) -> {
          long now = System.nanoTime();
          if (first[0] == 0) {
            first[0] = now;
            first[1] = done;
          }
          last[0] = now;
          last[1] = done;
        });
        trainer.accuracy(graph, evaluator.split().validation(), Dl4jProxyTrainer.EVAL_BATCH); // warm-up
        long t0 = System.nanoTime();
        trainer.accuracy(graph, evaluator.split().validation(), Dl4jProxyTrainer.EVAL_BATCH);
        double eval = (System.nanoTime() - t0) / 1e9 / evaluator.split().validation().count();
        double train = last[1] > first[1] ? (last[0] - first[0]) / 1e9 / (last[1] - first[1]) : Double.NaN;
        return new double[] {train, eval};
      });
    }
    int jobs = Math.max(1, Math.min(evaluator.concurrency(), tasks.size()));
    List<double[]> speeds = TrainingWorkers.runInOrder(jobs, "nas-pilot", tasks, r -> { });
    double fallback = speeds.stream().mapToDouble(v -> v[0]).filter(Double::isFinite).max().orElse(0.01);
    double fallbackEval = speeds.stream().mapToDouble(v -> v[1]).filter(Double::isFinite).max().orElse(0.003);
    Map<Evaluation, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      double[] v = speeds.get(i);
      out.put(list.get(i), new double[] {Double.isFinite(v[0]) ? v[0] : fallback,
          Double.isFinite(v[1]) ? v[1] : fallbackEval});
    }
    return out;
  }

  private static Map<String, Object> skipped(TrainingOptions o, long limitNanos) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("fidelity", ParetoRecord.PROXY);
    fields.put("note", "not trained: its turn came after the final stage's " + Math.round(limitNanos / 1e9)
        + " s (train it with nas train DIR --member ID)");
    return fields;
  }
}
