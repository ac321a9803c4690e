package org.nas4j.search.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.testing.SharedFiles;
import org.nas4j.search.strategy.ArchIds;
import org.nas4j.targets.error.InvalidArgumentException;

class BenchmarkTablesTest {
  @TempDir Path cache;

  private static BenchmarkTables.Table table(String name) {
    return BenchmarkTables.builtIn(name).orElseThrow();
  }

  @Test
  void listsBothBuiltInTablesWithTheirShape() {
    assertThat(BenchmarkTables.list()).extracting(BenchmarkTables.Table::name).containsExactly("nb201", "fbnet");
    assertThat(table("nb201").rows()).isEqualTo(15625);
    assertThat(table("nb201").columns()).hasSize(23 + 23).contains("cifar10_test_acc", "hw_c10_pixel3_latency_ms",
        "help_pixel2_latency_ms", "help_samsung_s7_latency_ms");
    assertThat(table("fbnet").rows()).isEqualTo(5000);
    assertThat(table("fbnet").archColumn()).isEqualTo("ops");
    assertThat(table("nb201").credits()).anyMatch(c -> c.contains("HELP")).anyMatch(c -> c.contains("HW-NAS-Bench"))
        .anyMatch(c -> c.contains("NATS-Bench"));
  }

  @Test
  void everyResourceFileIsUnderTwoMegabytes() {
    for (BenchmarkTables.Table t : BenchmarkTables.list()) {
      for (BenchmarkTables.Resource r : t.resources()) {
        assertThat(r.bytes()).as(r.resource()).isLessThan(2_000_000);
      }
    }
  }

  @Test
  void extractedNb201JoinsTheSourceTablesRowByRow() throws Exception {
    Path file = BenchmarkTables.extract(table("nb201"), cache);
    List<String> got = Files.readAllLines(file);
    List<String> nb = Files.readAllLines(SharedFiles.resolve("benchmarks/nb201.csv"));
    List<String> help = Files.readAllLines(SharedFiles.resolve("benchmarks/nb201_help_extra_latency.csv"));
    assertThat(got).hasSize(15626);
    for (int i : new int[] {0, 1, 6112, 15625}) {
      String h = help.get(i).strip();
      String helpCells = h.substring(h.indexOf(',', h.indexOf(',') + 1));
      assertThat(got.get(i)).isEqualTo(nb.get(i).strip() + helpCells);
    }
    CsvTable t = CsvTable.read(file);
    assertThat(t.header()).isEqualTo(table("nb201").columns());
    assertThat(t.rows()).hasSize(15625);
  }

  @Test
  void extractedFbnetIsTheSourceFileByteForByte() throws Exception {
    Path file = BenchmarkTables.extract(table("fbnet"), cache);
    assertThat(Files.readAllBytes(file)).isEqualTo(
        Files.readAllBytes(SharedFiles.resolve("benchmarks/fbnet_c100_latency.csv")));
    assertThat(file.getFileName()).hasToString("fbnet.csv");
  }

  @Test
  void aDamagedCachedCopyIsExtractedAgain() throws Exception {
    Path file = BenchmarkTables.extract(table("fbnet"), cache);
    Files.writeString(file, "arch\nnot the table\n", StandardCharsets.UTF_8);
    Path again = BenchmarkTables.extract(table("fbnet"), cache);
    assertThat(again).isEqualTo(file);
    assertThat(ArchIds.sha256Hex(Files.readAllBytes(again))).isEqualTo(table("fbnet").sha256());
  }

  @Test
  void aPathStillWorksAndIsRecordedAbsolute() throws Exception {
    Path csv = cache.resolve("t.csv");
    Files.writeString(csv, "arch,acc\nx,1\n");
    assertThat(BenchmarkTables.resolve(csv.toString())).isEqualTo(csv);
    assertThat(BenchmarkTables.canonical(csv.toString())).isEqualTo(csv.toAbsolutePath().normalize().toString());
    assertThat(BenchmarkTables.canonical("nb201")).isEqualTo("nb201");
  }

  @Test
  void neitherABuiltInNorAReadableFileIsInvalidInput() {
    assertThatThrownBy(() -> BenchmarkTables.resolve("nb210"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("--table nb210: neither a built-in table (nb201, fbnet) nor a readable file");
    assertThatThrownBy(() -> BenchmarkTables.resolve(cache.toString()))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
