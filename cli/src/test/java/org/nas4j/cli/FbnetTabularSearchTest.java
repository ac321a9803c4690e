package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.tabular.BenchmarkTables;
import org.nas4j.search.tabular.CsvTable;

/** Tabular search on the FBNet table, which measured 5,000 networks of a 9^22 space. */
class FbnetTabularSearchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static String[] search(String table, Path out, int evaluations) {
    // The FBNet table has no accuracy; a latency column stands in for it (any measured number does).
    return new String[] {"-q", "search", "--space", "fbnet", "--table", table, "--accuracy-column",
      "hw_raspi4_latency_ms", "--latency-column", "hw_pixel3_latency_ms", "--objectives", "error,latency",
      "--evaluations", Integer.toString(evaluations), "--seed", "3", "--out", out.toString()};
  }

  private static Set<String> archs(CsvTable table) {
    int ops = table.column("ops", "test");
    Set<String> s = new HashSet<>();
    for (List<String> row : table.rows()) {
      s.add(row.get(ops));
    }
    return s;
  }

  private static List<JsonNode> candidates(Path run) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("candidates.jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void builtInFbnetSearchFindsAFrontOfTableRows() throws Exception {
    Path run = tmp.resolve("run");
    CliHarness h = CliHarness.run(search("fbnet", run, 80));
    assertThat(h.code).as(h.err()).isZero();
    Set<String> rows = archs(BenchmarkTables.read("fbnet"));
    List<JsonNode> evaluated = candidates(run);
    assertThat(evaluated).hasSize(80);
    for (JsonNode c : evaluated) {
      assertThat(c.get("status").asText()).isEqualTo("OK");
      assertThat(rows).contains(c.get("arch").asText());
    }
    JsonNode pareto = JSON.readTree(run.resolve("pareto.json").toFile());
    assertThat(pareto.get("members").size()).isPositive();
    for (JsonNode m : pareto.get("members")) {
      assertThat(rows).contains(m.get("arch").asText());
    }
  }

  @Test
  void aSmallTableIsSearchedToExhaustion() throws Exception {
    List<String> lines = Files.readAllLines(BenchmarkTables.resolve("fbnet"));
    Path small = tmp.resolve("fbnet-30.csv");
    Files.write(small, lines.subList(0, 31));
    Path run = tmp.resolve("run");
    CliHarness h = CliHarness.run(search(small.toString(), run, 100));
    assertThat(h.code).as(h.err()).isZero();
    List<JsonNode> evaluated = candidates(run);
    Set<String> ids = new HashSet<>();
    evaluated.forEach(c -> ids.add(c.get("archId").asText()));
    assertThat(ids).hasSize(30).hasSameSizeAs(evaluated);
    assertThat(archs(CsvTable.read(small))).containsAll(evaluated.stream().map(c -> c.get("arch").asText()).toList());
    assertThat(JSON.readTree(run.resolve("pareto.json").toFile()).get("stopReason").asText()).isEqualTo("EXHAUSTED");
  }

  @Test
  void aTableWithNoUsableLatencyIsOneLineOfInvalidInput() throws Exception {
    List<String> lines = Files.readAllLines(BenchmarkTables.resolve("fbnet"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int col = header.indexOf("hw_pixel3_latency_ms");
    List<String> blanked = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, 21)) {
      String[] cells = line.split(",", -1);
      cells[col] = "";
      blanked.add(String.join(",", cells));
    }
    Path table = tmp.resolve("no-latency.csv");
    Files.write(table, blanked);
    CliHarness h = CliHarness.run(search(table.toString(), tmp.resolve("run"), 40));
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err().strip()).doesNotContain("\n").contains("hw_pixel3_latency_ms").contains("fbnet");
  }
}
