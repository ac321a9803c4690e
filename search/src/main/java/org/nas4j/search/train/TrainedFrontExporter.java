package org.nas4j.search.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.build.NetSpec;
import org.nas4j.search.build.NetSpecs;
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
 * checks, an ONNX Runtime session and the same logits as DL4J on validation images). Members go most accurate first:
 * the first gets the large budget ({@link TrainingOptions#finalTrainImages}, as several epochs over the training split
 * when it asks for more images than the split holds), every other member {@link
 * TrainingOptions#finalOtherTrainImages}; members whose turn comes after the final stage's time limit keep their
 * low-fidelity weights. A member whose final training fails is reported with its reason, not exported.
 */
public final class TrainedFrontExporter implements FrontExporter {
  /**
   * Receives (member index, member count, short id) before each member is trained, and the images done of its final
   * training after every minibatch. Called on the search thread.
   */
  public interface Progress {
    void member(int index, int count, String shortId);

    /** Images done and in total of the current member's final training. */
    default void images(long done, long total) {}

    Progress NONE = (i, n, id) -> { };
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
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    TrainingOptions o = evaluator.options();
    Dataset data = evaluator.dataset();
    Dataset.Split split = evaluator.split();
    Path models = runDir.resolve("models");
    long deadline = o.finalTimeLimitSeconds() == 0 ? Long.MAX_VALUE
        : System.nanoTime() + o.finalTimeLimitSeconds() * 1_000_000_000L;
    // Most accurate first: it gets the large budget, and a time limit cuts the least accurate members.
    List<Evaluation> order = new java.util.ArrayList<>(front);
    order.sort(java.util.Comparator.comparingDouble((Evaluation m) -> m.objectives().getOrDefault("error", 1.0)));
    int index = 0;
    for (Evaluation e : order) {
      Map<String, Object> fields = new LinkedHashMap<>();
      out.put(e.archId(), fields);
      Architecture arch = evaluator.architecture(e.genome());
      TrainingBudget budget = index == 0
          ? finalBudget(o.finalEpochs(), o.finalTrainImages(), split.train().count(), o, evaluator.seed())
          : o.finalOtherTrainImages() == 0 ? null
          : finalBudget(1, o.finalOtherTrainImages(), split.train().count(), o, evaluator.seed());
      progress.member(index++, front.size(), e.archId().substring(0, 12));
      NetSpec spec = NetSpecs.of(arch, evaluator.proxyMacro());
      ComputationGraph graph = evaluator.lowFidelityNetwork(e.genome(), budget != null ? budget : evaluator.budget());
      Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, data.classes());
      if (graph == null) {
        fields.put("status", "FAILED");
        fields.put("failureReason", "low-fidelity training failed again");
        continue;
      }
      boolean train = budget != null && System.nanoTime() < deadline;
      fields.put("finalEpochs", train ? budget.epochs() : 0);
      fields.put("finalTrainImages", train ? (long) budget.epochs() * Math.min(budget.trainImages() == 0
          ? Integer.MAX_VALUE : budget.trainImages(), split.train().count()) : 0);
      if (train) {
        TrainingResult r = trainer.train(graph, budget, (d, t, loss) -> progress.images(d, t));
        if (!r.ok()) {
          fields.put("status", r.status().name());
          fields.put("failureReason", r.failureReason());
          continue;
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
      Path file = models.resolve(e.archId().substring(0, 12) + ".onnx");
      ExportResult x = ParityCheck.exportChecked(new OnnxExporter(nasVersion), spec, graph, split.validation(), file);
      fields.put("onnx", runDir.relativize(x.file()).toString());
      fields.put("paramsTrainable", x.trainableParams());
      fields.put("macs", x.macs());
    }
    return out;
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
