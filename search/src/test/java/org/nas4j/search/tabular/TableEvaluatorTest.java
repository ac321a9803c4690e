package org.nas4j.search.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.targets.error.InvalidArgumentException;

class TableEvaluatorTest {
  @TempDir Path tmp;
  private final Nb201GenomeSpace space = new Nb201GenomeSpace();

  private Path csv(String body) throws Exception {
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, "arch,acc,lat_latency_ms,flops_m_c10\n" + body);
    return f;
  }

  @Test
  void readsPercentAccuracyLatencyAndMillionsOfMacs() throws Exception {
    String a = "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|";
    TableEvaluator ev = new TableEvaluator(space, CsvTable.read(csv(a + ",90.5,2.5,1.5\n")), "arch", "acc",
        Map.of("phone", "lat_latency_ms"), "flops_m_c10", null);
    assertThat(ev.objectiveNames()).containsExactly("error", "latencyMs.phone", "macs");
    ObjectiveValues cheap = ev.cheapObjectives(space.parse(a));
    assertThat(cheap.values()).containsEntry("latencyMs.phone", 2.5).containsEntry("macs", 1.5e6);
    assertThat(cheap.latencySources()).containsEntry("latencyMs.phone", "table:lat_latency_ms");
    assertThat(ev.expensiveObjectives(space.parse(a), 0).values().get("error")).isCloseTo(0.095, within());
  }

  @Test
  void fractionAccuracyIsDetected() throws Exception {
    String a = "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|";
    TableEvaluator ev = new TableEvaluator(space, CsvTable.read(csv(a + ",0.905,2.5,1.5\n")), "arch", "acc",
        Map.of("phone", "lat_latency_ms"), null, null);
    assertThat(ev.expensiveObjectives(space.parse(a), 0).values().get("error")).isCloseTo(0.095, within());
  }

  @Test
  void emptyCellsAndMissingRowsFailTheCandidateNotTheRun() throws Exception {
    String a = "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|";
    String b = "|none~0|+|none~0|none~1|+|nor_conv_1x1~0|none~1|none~2|";
    TableEvaluator ev = new TableEvaluator(space, CsvTable.read(csv(a + ",,2.5,1\n" + b + ",90,,1\n")), "arch",
        "acc", Map.of("phone", "lat_latency_ms"), null, null);
    assertThat(ev.expensiveObjectives(space.parse(a), 0).failureReason()).contains("empty acc");
    assertThat(ev.cheapObjectives(space.parse(b)).failureReason()).contains("empty lat_latency_ms");
    int[] absent = space.parse("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|");
    assertThat(ev.cheapObjectives(absent).ok()).isFalse();
  }

  @Test
  void unknownColumnNamesTheKnownOnes() throws Exception {
    Path f = csv("");
    assertThatThrownBy(() -> new TableEvaluator(space, CsvTable.read(f), "arch", "accuracy",
        Map.of("phone", "lat_latency_ms"), null, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unknown column 'accuracy'").hasMessageContaining("known columns: arch, acc");
  }

  @Test
  void targetLabelsComeFromColumnNames() {
    assertThat(TableEvaluator.targetLabel("hw_c10_pixel3_latency_ms")).isEqualTo("pixel3");
    assertThat(TableEvaluator.targetLabel("hw_raspi4_latency_ms")).isEqualTo("raspi4");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }
}
