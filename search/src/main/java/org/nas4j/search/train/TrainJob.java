package org.nas4j.search.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.export.ExportResult;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.export.ParityCheck;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.NasFailure;

/**
 * {@code nas train}'s application work: one architecture trained on a dataset, tested, and optionally exported as a
 * verified ONNX file. Bad input throws {@link InvalidArgumentException}, a training that stops early {@link
 * NasFailure}. Not thread-safe.
 */
public final class TrainJob {
  private TrainJob() {}

  /** Progress of a training, for output. */
  public interface Listener extends Dl4jProxyTrainer.Progress {
    /** The training starts. */
    void starting(NetSpec net, Dataset data, Dataset.Split split);
  }

  /**
   * What a training did.
   *
   * @param net the trained network's description
   * @param data the dataset
   * @param split the training/validation split
   * @param training the training's result
   * @param testAccuracy accuracy on the test split
   * @param exported the ONNX export, or null without {@code out}
   */
  public record Result(NetSpec net, Dataset data, Dataset.Split split, TrainingResult training, double testAccuracy,
      ExportResult exported) {}

  /**
   * Reads the dataset, builds the network, trains, tests and exports it.
   *
   * @param folderShape the size image folders are resized to
   * @param validationImages validation images, or null for the dataset's default
   * @param macro the macro of the network, from the dataset's input shape and classes
   * @param shards parts each minibatch is split into
   * @param nasVersion recorded in the ONNX file
   * @param out the ONNX file to write, or null
   */
  public static Result run(Architecture arch, DatasetSpec dataset, InputShape folderShape, Integer validationImages,
      BiFunction<InputShape, Integer, MacroConfig> macro, TrainingBudget budget, int shards, String nasVersion,
      Path out, Listener listener) throws IOException {
    Dataset data = dataset.load(new int[] {folderShape.channels(), folderShape.height(), folderShape.width()});
    int validation = validationImages != null ? validationImages : data.defaultValidationCount();
    if (validation < 1 || validation >= data.train().count()) {
      throw new InvalidArgumentException("--validation-images must be in 1.." + (data.train().count() - 1)
          + ", got " + validation);
    }
    Dataset.Split split = data.split(validation, budget.seed());
    int[] shape = data.imageShape();
    NetSpec net = NetSpecs.of(arch, macro.apply(new InputShape(shape[0], shape[1], shape[2]), data.classes()));
    ComputationGraph graph = Dl4jGraphBuilder.build(net, budget.seed(), budget.updater(), budget.weightDecay());
    listener.starting(net, data, split);
    TrainingResult result;
    double testAccuracy;
    // One trainer for training, validation and test, so that all three run on the same threads and replicas.
    try (Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, data.classes(), shards)) {
      result = trainer.train(graph, budget, listener);
      if (!result.ok()) {
        throw new NasFailure("training stopped: " + result.failureReason());
      }
      testAccuracy = trainer.accuracy(graph, data.test(), Dl4jProxyTrainer.EVAL_BATCH);
    }
    ExportResult exported = out == null ? null
        : ParityCheck.exportChecked(new OnnxExporter(nasVersion), net, graph, split.validation(), out);
    return new Result(net, data, split, result, testAccuracy, exported);
  }
}
