package org.nas4j.search.latency.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.testing.SharedFiles;
import org.nas4j.search.tabular.BenchmarkTables;
import org.nas4j.targets.error.InvalidArgumentException;

/** The tables of the predictor evaluation: built-in by default, the source directory still accepted. */
class PredictorReportTablesTest {
  @TempDir Path tmp;

  /**
   * Arch, latency and row order of a column, what the evaluation's folds and fits depend on (NB201 folds are grouped
   * by the iso_class of {@link PredictorReport#isoClasses}, not by the table's own group column).
   */
  private static List<String> rows(Path file, String archColumn, String column) {
    return LatencyTable.read(file, archColumn, column).rows().stream()
        .map(r -> r.arch() + " " + r.latencyMs())
        .toList();
  }

  @Test
  void builtInTablesHoldTheSourceRowsInTheSameOrder() {
    PredictorReport.Tables builtIn = PredictorReport.Tables.of(PredictorReport.Tables.BUILT_IN);
    assertThat(builtIn.nb201()).isEqualTo(BenchmarkTables.resolve("nb201")).isEqualTo(builtIn.nb201Help());
    assertThat(builtIn.fbnet()).isEqualTo(BenchmarkTables.resolve("fbnet"));
    PredictorReport.Tables source = PredictorReport.Tables.of(SharedFiles.resolve("benchmarks").toString());
    for (String col : List.of("hw_c10_pixel3_latency_ms", "hw_c10_edgegpu_latency_ms")) {
      assertThat(rows(builtIn.nb201(), "arch", col)).isEqualTo(rows(source.nb201(), "arch", col));
    }
    for (String col : PredictorReport.NB201_HELP) {
      assertThat(rows(builtIn.nb201Help(), "arch", col)).as(col).isEqualTo(rows(source.nb201Help(), "arch", col));
    }
    assertThat(LatencyTable.read(builtIn.fbnet(), "ops", "hw_pixel3_latency_ms").rows())
        .isEqualTo(LatencyTable.read(source.fbnet(), "ops", "hw_pixel3_latency_ms").rows());
    assertThat(PredictorReport.isoClasses(builtIn.nb201())).isEqualTo(PredictorReport.isoClasses(source.nb201()));
  }

  @Test
  void aDirectoryWithoutTheSourceFilesIsInvalidInput() throws Exception {
    Files.writeString(tmp.resolve("nb201.csv"), "arch,iso_class\n");
    assertThatThrownBy(() -> PredictorReport.Tables.of(tmp.toString()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("builtin")
        .hasMessageContaining("nb201_help_extra_latency.csv");
  }
}
