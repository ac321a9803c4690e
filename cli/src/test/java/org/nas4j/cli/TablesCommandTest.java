package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesCommandTest {
  @TempDir Path tmp;

  @Test
  void listShowsRowsAndColumnsOfEachBuiltInTable() {
    CliHarness h = CliHarness.run("tables", "list");
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out()).contains("nb201  nb201   15625       46").contains("fbnet  fbnet    5000       30")
        .contains("columns: arch_index, arch, iso_class, cifar10_test_acc").contains("help_pixel2_latency_ms")
        .contains("credit: HELP");
  }

  @Test
  void listJsonHasEveryColumnAndSourceChecksum() throws Exception {
    CliHarness h = CliHarness.run("tables", "list", "--json");
    assertThat(h.code).isZero();
    JsonNode t = new ObjectMapper().readTree(h.out()).path("tables");
    assertThat(t.get(0).path("columns")).hasSize(46);
    assertThat(t.get(1).path("sources").get(0).path("sha256").asText())
        .isEqualTo("78c9232ea433bf7b68fd4c13cc1a36ac239a43fc8469237b451d83718ea2b052");
  }

  @Test
  void helpAndMissingSubcommand() {
    assertThat(CliHarness.run("tables", "--help").out()).contains("nas tables list");
    assertThat(CliHarness.run("tables", "list", "--help").out()).contains("--format");
    CliHarness h = CliHarness.run("tables");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("missing subcommand: list");
  }

  @Test
  void targetsFitReadsTheBuiltInFbnetTable() throws Exception {
    Path out = tmp.resolve("fb.json");
    CliHarness h = CliHarness.run("targets", "fit", "--space", "fbnet", "--table", "fbnet", "--arch-column", "ops",
        "--latency-column", "hw_pixel3_latency_ms", "--seed", "1", "--out", out.toString(), "--json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode t = new ObjectMapper().readTree(out.toFile()).path("fittedOn").path("tables").get(0);
    // The built-in table is the source file byte for byte, so the recorded checksum is the source's.
    assertThat(t.path("rows").asInt()).isEqualTo(5000);
    assertThat(t.path("sha256").asText())
        .isEqualTo("78c9232ea433bf7b68fd4c13cc1a36ac239a43fc8469237b451d83718ea2b052");
  }

  @Test
  void aTableThatIsNeitherBuiltInNorAFileIsOneLineExitTwo() {
    CliHarness h = CliHarness.run("search", "--table", "nb210", "--accuracy-column", "a", "--latency-column", "l",
        "--out", tmp.resolve("x").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).startsWith("nas: --table nb210: neither a built-in table (nb201, fbnet) nor a readable file");
    assertThat(tmp.resolve("x")).doesNotExist();
  }
}
