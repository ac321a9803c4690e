package org.nas4j.search.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;

/** {@code scaled.json}'s training recipe, written and read back as real files. */
class ScaledModelTest {
  @TempDir Path dir;

  private static ScaledModel planned(int threads) {
    MacroConfig macro = new MacroConfig(3, 8, new InputShape(1, 28, 28), 10, null);
    ScaledConfig cfg = new ScalePlanner(DartsGenotype.DARTS_V2, 10, ScaleBudget.macs(Long.MAX_VALUE), List.of())
        .describe(3, 8, macro.input());
    return ScaledModel.planned("m", "run@t", "ab".repeat(32), "darts", DartsGenotype.DARTS_V2.toText(), macro,
        "fashion-mnist", null, new ScaleBudget(null, 10_000_000L, Map.of()), cfg,
        new ScaledModel.Training(2, 0, 64, 0.05, 0.9, 3e-4, 5, 100, 7, threads));
  }

  @Test
  void threadsAreWrittenAndReadBack() throws Exception {
    planned(2).write(dir);
    assertThat(Files.readString(dir.resolve(ScaledModel.FILE))).contains("\"threads\" : 2");
    assertThat(ScaledModel.read(dir).training().threads()).isEqualTo(2);
  }

  @Test
  void aFileFromBeforeTheThreadsOptionTrainedOnOneThread() throws Exception {
    planned(2).write(dir);
    Path file = dir.resolve(ScaledModel.FILE);
    String old = Files.readString(file).replaceAll(",\\s*\"threads\" : 2", "");
    assertThat(old).doesNotContain("threads");
    Files.writeString(file, old);
    assertThat(ScaledModel.read(dir).training().threads()).isEqualTo(1);
  }

  @Test
  void threadsMustFitTheBatch() {
    assertThatThrownBy(() -> new ScaledModel.Training(2, 0, 64, 0.05, 0.9, 3e-4, 5, 100, 7, 65))
        .hasMessage("threads must be in 1..64 (the batch size), got 65");
    assertThatThrownBy(() -> new ScaledModel.Training(2, 0, 64, 0.05, 0.9, 3e-4, 5, 100, 7, -1))
        .hasMessageContaining("got -1");
  }
}
