package org.nas4j.search.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.export.ExportResult;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.export.ParityCheck;
import org.nas4j.search.run.FrontExporter;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.strategy.Evaluation;

/**
 * The last step of a training-mode search: every front member continues training from its low-fidelity weights (the
 * multi-fidelity step: only the front gets more budget), is measured on the validation and on the test set (the test
 * set is used here and nowhere else), exported to {@code models/<id>.onnx} under the run directory and verified (ONNX
 * checks, an ONNX Runtime session and the same logits as DL4J on validation images). Members go most accurate first,
 * on as many worker threads as the evaluator trains candidates at once ({@link TrainingEvaluator#concurrency()}): the
 * first member of each worker (the {@code jobs} most accurate members) gets the large budget ({@link
 * TrainingOptions#finalTrainImages}, as several epochs over the training split when it asks for more images than the
 * split holds), every other member {@link TrainingOptions#finalOtherTrainImages}; members whose turn comes after the
 * final stage's time limit keep their low-fidelity weights. A member whose final training fails is reported with its
 * reason, not exported. What each member gets depends only on its rank and on the time limit, never on which worker
 * runs it: training is deterministic on any thread.
 */
public final class TrainedFrontExporter implements FrontExporter {
  /**
   * Progress of the final stage. With several workers, members train at once and these methods are called from their
   * threads concurrently: implementations must be thread-safe.
   */
  public interface Progress {
    /** Member {@code index} (0 = most accurate) of {@code count} starts, with {@code images} final training images. */
    void member(int index, int count, String shortId, long images);

    /** Images done and in total of member {@code index}'s final training, after every minibatch. */
    default void images(int index, long done, long total) {}

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
  public Map<String, Map<String, Object>> export(Path runDir, List<Evaluation> front) {
    TrainingOptions o = evaluator.options();
    long deadline = o.finalTimeLimitSeconds() == 0 ? Long.MAX_VALUE
        : System.nanoTime() + o.finalTimeLimitSeconds() * 1_000_000_000L;
    // Most accurate first: they get the large budget, and a time limit cuts the least accurate members.
    List<Evaluation> order = new ArrayList<>(front);
    order.sort(Comparator.comparingDouble((Evaluation m) -> m.objectives().getOrDefault("error", 1.0)));
    int jobs = Math.max(1, Math.min(evaluator.concurrency(), order.size()));
    int available = evaluator.split().train().count();
    List<Callable<Map<String, Object>>> tasks = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Evaluation e = order.get(i);
      int index = i;
      TrainingBudget budget = i < jobs
          ? finalBudget(o.finalEpochs(), o.finalTrainImages(), available, o, evaluator.seed())
          : o.finalOtherTrainImages() == 0 ? null
          : finalBudget(1, o.finalOtherTrainImages(), available, o, evaluator.seed());
      tasks.add(() -> member(runDir, e, index, order.size(), budget, deadline));
    }
    List<Map<String, Object>> results = TrainingWorkers.runInOrder(jobs, "nas-final", tasks, r -> { });
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      out.put(order.get(i).archId(), results.get(i));
    }
    return out;
  }

  /** Trains (unless past the deadline), tests and exports one member; returns its pareto.json fields. */
  private Map<String, Object> member(Path runDir, Evaluation e, int index, int count, TrainingBudget budget,
      long deadline) {
    TrainingOptions o = evaluator.options();
    Dataset data = evaluator.dataset();
    Dataset.Split split = evaluator.split();
    Map<String, Object> fields = new LinkedHashMap<>();
    Architecture arch = evaluator.architecture(e.genome());
    boolean train = budget != null && System.nanoTime() < deadline;
    long images = train ? (long) budget.epochs() * Math.min(budget.trainImages() == 0
        ? Integer.MAX_VALUE : budget.trainImages(), split.train().count()) : 0;
    progress.member(index, count, e.archId().substring(0, 12), images);
    NetSpec spec = NetSpecs.of(arch, evaluator.proxyMacro());
    ComputationGraph graph = evaluator.lowFidelityNetwork(e.genome(), budget != null ? budget : evaluator.budget());
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, data.classes());
    if (graph == null) {
      fields.put("status", "FAILED");
      fields.put("failureReason", "low-fidelity training failed again");
      return fields;
    }
    fields.put("finalEpochs", train ? budget.epochs() : 0);
    fields.put("finalTrainImages", images);
    if (train) {
      TrainingResult r = trainer.train(graph, budget, (d, t, loss) -> progress.images(index, d, t));
      if (!r.ok()) {
        fields.put("status", r.status().name());
        fields.put("failureReason", r.failureReason());
        return fields;
      }
      fields.put("validationAccuracy", r.validationAccuracy());
      fields.put("trainSeconds", r.seconds());
    } else {
      fields.put("validationAccuracy", trainer.accuracy(graph, split.validation(), Dl4jProxyTrainer.EVAL_BATCH));
      if (budget != null) {
        fields.put("note", "final training skipped: the final stage's time limit of " + o.finalTimeLimitSeconds()
            + " s was reached; exported with its low-fidelity weights");
      }
    }
    fields.put("status", "OK");
    fields.put("testAccuracy", trainer.accuracy(graph, data.test(), Dl4jProxyTrainer.EVAL_BATCH));
    Path file = runDir.resolve("models").resolve(e.archId().substring(0, 12) + ".onnx");
    ExportResult x = ParityCheck.exportChecked(new OnnxExporter(nasVersion), spec, graph, split.validation(), file);
    fields.put("onnx", runDir.toAbsolutePath().relativize(x.file()).toString()); // the export's path is absolute
    fields.put("paramsTrainable", x.trainableParams());
    fields.put("macs", x.macs());
    return fields;
  }

  /**
   * The final budget of {@code images} images per epoch over {@code epochs} epochs; a request for more images than the
   * training split holds ({@code available}) becomes more epochs over all of it; 0 images = the whole split.
   */
  static TrainingBudget finalBudget(int epochs, int images, int available, TrainingOptions o, long seed) {
    int e = epochs;
    int n = images;
    if (n > available) {
      e = epochs * (int) Math.ceil(n / (double) available);
      n = (int) Math.ceil((long) epochs * images / (double) e);
    }
    return new TrainingBudget(e, n, o.finalBatchSize(), Optimizer.SGD, o.learningRate(), 0.9, o.weightDecay(), seed,
        Duration.ZERO);
  }
}
