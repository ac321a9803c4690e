package org.nas4j.search.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.export.ExportResult;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.export.ParityCheck;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.strategy.Evaluation;

/**
 * One member's final training: continue from its proxy weights with the final budget, measure validation and test
 * accuracy (the test set is used here and nowhere else), export {@code models/<id>.onnx} and verify it (ONNX checks,
 * an ONNX Runtime session and the same logits as DL4J on validation images). Its pareto.json fields are kept in
 * {@code final/<id>.json}. Thread-safe: several members train at once, each on its own thread.
 */
public final class FinalMember {
  /** Progress of one member's training: images done and in total, after every minibatch. */
  @FunctionalInterface
  public interface Images {
    void done(long done, long total);
  }

  private final TrainingEvaluator evaluator;
  private final String nasVersion;

  public FinalMember(TrainingEvaluator evaluator, String nasVersion) {
    this.evaluator = evaluator;
    this.nasVersion = nasVersion;
  }

  /** Trains, tests and exports {@code e}; returns its pareto.json export fields. */
  public Map<String, Object> train(Path runDir, Evaluation e, TrainingBudget budget, Images images) {
    Dataset data = evaluator.dataset();
    Dataset.Split split = evaluator.split();
    Map<String, Object> fields = new LinkedHashMap<>();
    NetSpec spec = NetSpecs.of(evaluator.architecture(e.genome()), evaluator.proxyMacro());
    ComputationGraph graph = evaluator.lowFidelityNetwork(e.genome(), budget);
    fields.put("fidelity", ParetoRecord.PROXY);
    if (graph == null) {
      fields.put("status", "FAILED");
      fields.put("failureReason", "proxy training failed again");
      return fields;
    }
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, data.classes());
    TrainingResult r = trainer.train(graph, budget, (d, t, loss) -> images.done(d, t));
    if (!r.ok()) {
      fields.put("status", r.status().name());
      fields.put("failureReason", r.failureReason());
      return fields;
    }
    fields.put("fidelity", ParetoRecord.TRAINED);
    fields.put("status", "OK");
    fields.put("finalEpochs", budget.epochs());
    fields.put("finalTrainImages", (long) budget.epochs() * (budget.trainImages() == 0
        ? split.train().count() : Math.min(budget.trainImages(), split.train().count())));
    fields.put("validationAccuracy", r.validationAccuracy());
    fields.put("testAccuracy", trainer.accuracy(graph, data.test(), Dl4jProxyTrainer.EVAL_BATCH));
    fields.put("trainSeconds", r.seconds());
    Path file = runDir.resolve("models").resolve(e.archId().substring(0, 12) + ".onnx");
    ExportResult x = ParityCheck.exportChecked(new OnnxExporter(nasVersion), spec, graph, split.validation(), file);
    fields.put("onnx", runDir.toAbsolutePath().relativize(x.file()).toString()); // the export's path is absolute
    fields.put("paramsTrainable", x.trainableParams());
    fields.put("macs", x.macs());
    return fields;
  }

  /** The path of a member's result in a run directory. */
  public static Path resultFile(Path runDir, String archId) {
    return runDir.resolve("final").resolve(archId.substring(0, 12) + ".json");
  }

  /** A member's recorded result, or null when it has none (or an unreadable one, which is then trained again). */
  public static Map<String, Object> readResult(Path runDir, String archId) {
    Path file = resultFile(runDir, archId);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      Map<String, Object> m = RunFiles.JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
      Object onnx = m.get("onnx");
      return onnx instanceof String s && Files.exists(runDir.resolve(s)) ? m : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Records a finished member's result (atomically); results that did not train are not recorded. */
  public static void writeResult(Path runDir, String archId, Map<String, Object> fields) {
    if (!ParetoRecord.TRAINED.equals(fields.get("fidelity"))) {
      return;
    }
    try {
      Files.createDirectories(resultFile(runDir, archId).getParent());
      RunFiles.writeJson(resultFile(runDir, archId), fields);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + resultFile(runDir, archId), e);
    }
  }
}
