package org.nas4j.search.scale;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.dl4j.NchwBatchNormHelper;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.targets.error.NasFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nas4j.search.dl4j.Dl4jRuntime;

/**
 * Trains a scaled model in its folder ({@code DIR/scaled/<name>/}) with checkpoints: after every epoch the network
 * with its updater state goes to {@code checkpoint.zip} and the state to {@code scaled.json}, both atomically. A
 * model that has a checkpoint continues from it on the same cosine schedule and data order (see {@link
 * Dl4jProxyTrainer#trainScheduled}), so an interrupted and resumed training ends with the weights of an uninterrupted
 * one. At the end, the validation and test accuracy are recorded. Not thread-safe.
 */
public final class ScaledTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ScaledTrainer.class);

  private final Path folder;
  private final Dataset data;
  private final Dataset.Split split;

  /**
   * @param folder the scaled model's folder
   * @param data the dataset (its test part gives the final test accuracy)
   * @param split the run's split of the training part into training and validation images
   */
  public ScaledTrainer(Path folder, Dataset data, Dataset.Split split) {
    this.folder = folder;
    this.data = data;
    this.split = split;
  }

  /** The network of a scaled model. */
  public static NetSpec spec(ScaledModel m) {
    Architecture arch = SearchSpaces.parse(m.space(), m.genotype());
    return NetSpecs.of(arch, m.macro().toConfig());
  }

  /**
   * Trains {@code model} from its checkpoint (or from scratch when it has none) to its last epoch.
   *
   * @return the finished model, as written to {@code scaled.json}
   * @throws NasFailure if training diverges or runs out of memory (the last checkpoint stays)
   * @throws IOException if a file cannot be written or the checkpoint read
   */
  public ScaledModel train(ScaledModel model, Dl4jProxyTrainer.Progress progress) throws IOException {
    NetSpec spec = spec(model);
    TrainingBudget budget = model.training().toBudget();
    ComputationGraph graph;
    List<Double> curve = new ArrayList<>();
    Path checkpoint = folder.resolve(ScaledModel.CHECKPOINT);
    if (model.epochsDone() > 0 && Files.isRegularFile(checkpoint)) {
      graph = readCheckpoint(checkpoint);
      int restored = graph.getEpochCount();
      curve.addAll(model.lossCurve().subList(0, Math.min(restored, model.lossCurve().size())));
      while (curve.size() < restored) {
        curve.add(null); // killed between the checkpoint and scaled.json: that epoch's loss is lost
      }
      LOG.info("resuming {} at epoch {} of {}", model.name(), restored, budget.epochs());
    } else {
      graph = Dl4jGraphBuilder.build(spec, budget.seed(), budget.updater(), budget.weightDecay());
    }
    double secondsBefore = model.seconds();
    long start = System.nanoTime();
    ScaledModel[] state = {model};
    TrainingResult r;
    double test;
    // One trainer for training, validation and test, so that all three run on the same threads and replicas.
    try (Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, data.classes(), model.training().threads())) {
      r = trainer.trainScheduled(graph, budget, (net, done, loss) -> {
        curve.add(loss);
        try {
          writeCheckpoint(net, checkpoint);
          state[0] = state[0].withEpoch(done, curve, secondsBefore + (System.nanoTime() - start) / 1e9);
          state[0].write(folder);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, progress);
      if (!r.ok()) {
        throw new NasFailure("training of " + model.name() + " stopped: " + r.failureReason()
            + "; the last checkpoint is kept");
      }
      test = trainer.accuracy(graph, data.test(), Dl4jProxyTrainer.EVAL_BATCH);
    }
    ScaledModel done = state[0].finished(curve, r.validationAccuracy(), test,
        secondsBefore + (System.nanoTime() - start) / 1e9);
    done.write(folder);
    return done;
  }

  /** Writes a network with its updater state atomically. */
  public static void writeCheckpoint(ComputationGraph net, Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    AtomicFiles.write(file, bytes.toByteArray());
  }

  /** Reads a network written by {@link #writeCheckpoint}, with its updater state and epoch/iteration counts. */
  public static ComputationGraph readCheckpoint(Path file) throws IOException {
    Dl4jRuntime.init();
    ComputationGraph net = ModelSerializer.restoreComputationGraph(file.toFile(), true);
    NchwBatchNormHelper.install(net);
    return net;
  }
}
