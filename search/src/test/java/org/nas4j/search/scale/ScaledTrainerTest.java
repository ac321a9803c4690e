package org.nas4j.search.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.build.Dl4jRuntime;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.data.LabeledImages;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;

/** Real DL4J training of a tiny scaled DARTS network on real Fashion-MNIST images, with real checkpoint files. */
class ScaledTrainerTest {
  @TempDir Path dir;

  /** Thrown from the progress callback in epoch 2: the process "dies" after the epoch-1 checkpoint. */
  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void interruptedAndResumedTrainingEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
    Dl4jRuntime.init();
    Dataset full = DatasetSpec.embeddedFashionMnist();
    // Few images keep this test at seconds: 300 to train on, 100 validation, 100 test.
    Dataset data = new Dataset(full.name(), full.source(), full.train().select(range(400), "train"),
        full.test().select(range(100), "test"));
    Dataset.Split split = data.split(100, 7);
    MacroConfig macro = new MacroConfig(3, 8, new InputShape(1, 28, 28), 10, null);
    ScaledConfig cfg = new ScalePlanner(DartsGenotype.DARTS_V2, 10, ScaleBudget.macs(Long.MAX_VALUE),
        java.util.List.of()).describe(3, 8, macro.input());
    ScaledModel.Training training = new ScaledModel.Training(2, 0, 64, 0.05, 0.9, 3e-4, 5, 100, 7);
    ScaledModel planned = ScaledModel.planned("m", "run@t", "ab".repeat(32), "darts",
        DartsGenotype.DARTS_V2.toText(), macro, "fashion-mnist", null, new ScaleBudget(null, 10_000_000L, Map.of()),
        cfg, training);

    Path a = dir.resolve("a");
    planned.write(a);
    ScaledModel straight = new ScaledTrainer(a, data, split).train(planned, (d, t, l) -> { });
    assertThat(straight.isFinished()).isTrue();
    assertThat(straight.lossCurve()).hasSize(2);
    assertThat(straight.testAccuracy()).isBetween(0.0, 1.0);
    assertThat(ScaledModel.read(a)).isEqualTo(straight);

    Path b = dir.resolve("b");
    planned.write(b);
    try {
      new ScaledTrainer(b, data, split).train(planned, (done, total, loss) -> {
        if (done > total / 2) {
          throw new Killed();
        }
      });
    } catch (Killed expected) {
      // the first epoch's checkpoint is on disk, the second epoch was cut off after one minibatch
    }
    ScaledModel interrupted = ScaledModel.read(b);
    assertThat(interrupted.status()).isEqualTo(ScaledModel.TRAINING);
    assertThat(interrupted.epochsDone()).isEqualTo(1);
    ScaledModel resumed = new ScaledTrainer(b, data, split).train(interrupted, (d, t, l) -> { });

    ComputationGraph ga = ScaledTrainer.readCheckpoint(a.resolve(ScaledModel.CHECKPOINT));
    ComputationGraph gb = ScaledTrainer.readCheckpoint(b.resolve(ScaledModel.CHECKPOINT));
    assertThat(gb.getEpochCount()).isEqualTo(2);
    assertThat(gb.params()).isEqualTo(ga.params());
    assertThat(resumed.lossCurve()).isEqualTo(straight.lossCurve());
    assertThat(resumed.testAccuracy()).isEqualTo(straight.testAccuracy());
    assertThat(resumed.validationAccuracy()).isEqualTo(straight.validationAccuracy());
  }

  private static int[] range(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }
}
