package org.nas4j.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.error.InvalidArgumentException;

class FidelityLinesTest {
  private static final InputShape INPUT = new InputShape(1, 28, 28);
  private static final MacroConfig MACRO = new MacroConfig(2, 4, INPUT, 10, Stem.auto(INPUT));
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static TrainingBudget budget(int images) {
    return new TrainingBudget(1, images, 16, Optimizer.SGD, 0.05, 0.9, 3e-4, 0, Duration.ZERO);
  }

  private static FidelityLines.Setup setup(long seed, Path highFrom) {
    return new FidelityLines.Setup(MACRO, budget(64), budget(640), 100, 50, "fashion-mnist (test)", 2,
        FidelityStudy.Repeats.HIGH, seed, null, highFrom, FidelityStudy.LowSeed.PER_ARCHITECTURE);
  }

  private static TrainingResult ok(double accuracy, double seconds) {
    return new TrainingResult(TrainingResult.Status.OK, accuracy, List.of(2.0, 1.5), 1, seconds, 0, null);
  }

  @Test
  void theHighResultsOfAWrittenOutputReadBackForTheSameSetup() throws Exception {
    List<DartsGenotype> g = FidelityStudy.draw(2, 5);
    TrainingResult failed = new TrainingResult(TrainingResult.Status.OUT_OF_MEMORY, Double.NaN, List.of(), 0, 3.0,
        0, "out of memory");
    List<FidelityStudy.Row> rows = List.of(
        new FidelityStudy.Row(0, g.get(0), ok(0.5, 1.0), ok(0.8, 10.0), ok(0.79, 11.0), null),
        new FidelityStudy.Row(1, g.get(1), ok(0.4, 1.5), failed, ok(0.7, 12.0), null));
    Path file = dir.resolve("earlier.jsonl");
    Files.write(file, List.of(FidelityLines.setupLine(setup(5, null)), FidelityLines.rowLine(rows.get(0)),
        FidelityLines.rowLine(rows.get(1))));
    JsonNode row = JSON.readTree(FidelityLines.rowLine(rows.get(0)));
    assertThat(row.get("lowLoss").asDouble()).isEqualTo(1.5);
    assertThat(row.get("highRepeatAccuracy").asDouble()).isEqualTo(0.79);
    assertThat(row.has("lowRepeatAccuracy")).isFalse();

    List<FidelityStudy.KnownHigh> known = FidelityLines.readKnownHigh(file, setup(5, file));
    assertThat(known).extracting(FidelityStudy.KnownHigh::genotype).containsExactlyElementsOf(g);
    assertThat(known.get(0).high().validationAccuracy()).isEqualTo(0.8);
    assertThat(known.get(0).highRepeat().seconds()).isEqualTo(11.0);
    assertThat(known.get(1).high().status()).isEqualTo(TrainingResult.Status.OUT_OF_MEMORY);
    assertThat(known.get(1).high().validationAccuracy()).isNaN();
  }

  @Test
  void anOutputOfAnotherSetupOrWithoutRowsIsRefused() throws Exception {
    Path file = dir.resolve("earlier.jsonl");
    FidelityStudy.Row row = new FidelityStudy.Row(0, DartsGenotype.parse("DARTS_V2"), ok(0.5, 1), ok(0.8, 9), null,
        null);
    Files.write(file, List.of(FidelityLines.setupLine(setup(5, null)), FidelityLines.rowLine(row)));
    assertThatThrownBy(() -> FidelityLines.readKnownHigh(file, setup(6, file)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith(file + " was measured with another seed");
    Files.write(file, List.of(FidelityLines.setupLine(setup(5, null))));
    assertThatThrownBy(() -> FidelityLines.readKnownHigh(file, setup(5, file)))
        .hasMessage(file + " holds no architectures");
    Files.write(file, List.of("{\"index\":1}"));
    assertThatThrownBy(() -> FidelityLines.readKnownHigh(file, setup(5, file)))
        .hasMessage(file + " line 1: architecture 1 where 0 was expected");
  }

  @Test
  void theSummaryHasTheRepeatsTausOnlyWhenTheyRan() throws Exception {
    FidelityStudy.Row a = new FidelityStudy.Row(0, DartsGenotype.parse("DARTS_V2"), ok(0.5, 1), ok(0.8, 9), null,
        null);
    FidelityStudy.Row b = new FidelityStudy.Row(1, DartsGenotype.parse("DARTS_V1"), ok(0.3, 3), ok(0.6, 11), null,
        null);
    FidelityStudy.Outcome o = new FidelityStudy.Outcome(List.of(a, b), 1.0, Double.NaN, Double.NaN, Double.NaN);
    JsonNode s = JSON.readTree(FidelityLines.summaryLine(o, FidelityStudy.Repeats.NONE)).get("summary");
    assertThat(s.has("repeatKendallTau")).isFalse();
    assertThat(s.has("lowRepeatKendallTau")).isFalse();
    assertThat(s.get("architectures").asInt()).isEqualTo(2);
    assertThat(s.get("meanLowSeconds").asDouble()).isEqualTo(2.0);
    assertThat(s.get("meanHighAccuracy").asDouble()).isEqualTo(0.7);
  }
}
