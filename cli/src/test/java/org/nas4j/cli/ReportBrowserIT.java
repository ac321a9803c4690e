package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports of real runs in Debian's headless Chromium ({@code .ci/run} installs it): a finished tabular search on
 * the built-in NB201 table, the same run as a kill leaves it (torn last line, no pareto.json, status running), and a
 * tiny real DARTS training search (members trained by the final stage, with ONNX files). Checks that each page renders without
 * console errors, that the chart has one mark per successful evaluation and the table one row per front member, and
 * that clicking a point selects its row. One full-page screenshot per report is kept under {@code
 * target/report-screenshots/} for a person to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHOTS = Path.of("target", "report-screenshots");

  @TempDir Path tmp;
  private HeadlessChromium chromium;

  @BeforeAll
  void startBrowser() throws Exception {
    assertThat(HeadlessChromium.BINARY).as("Debian's chromium package is needed (.ci/run installs it)").exists();
    chromium = HeadlessChromium.start(Path.of("target", "chromium-profile-" + ProcessHandle.current().pid()));
  }

  @AfterAll
  void stopBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void finishedTabularReportRendersAndClickingAPointSelectsItsRow() throws Exception {
    Path run = tmp.resolve("nb201");
    CliHarness h = CliHarness.run("-q", "search", "--table", "nb201", "--accuracy-column", "cifar10_test_acc",
        "--latency-column", "hw_c10_pixel3_latency_ms,hw_c10_raspi4_latency_ms", "--evaluations", "80",
        "--seed", "3", "--out", run.toString());
    assertThat(h.code).as(h.err()).isZero();
    // nas search wrote the report itself.
    Path report = run.resolve("report.html");
    assertThat(report).exists();
    Page p = check(report, "nb201-finished");
    assertThat(p.drawings()).isEqualTo(p.members());
    assertThat(chromium.eval("document.querySelectorAll('svg.cell.nb201').length").asInt()).isEqualTo(p.members());
  }

  @Test
  void killedRunReportStillOpensWithItsProgress() throws Exception {
    Path run = tmp.resolve("killed");
    CliHarness h = CliHarness.run("-q", "search", "--table", "nb201", "--accuracy-column", "cifar10_test_acc",
        "--latency-column", "hw_c10_pixel3_latency_ms", "--evaluations", "60", "--seed", "4", "--out",
        run.toString());
    assertThat(h.code).as(h.err()).isZero();
    // What SIGKILL leaves: run.json still "running", no pareto.json, a torn last line in candidates.jsonl.
    ObjectNode runJson = (ObjectNode) JSON.readTree(run.resolve("run.json").toFile());
    runJson.put("status", "running").putNull("finishedAt").putNull("stopReason");
    Files.writeString(run.resolve("run.json"), runJson.toString());
    Files.delete(run.resolve("pareto.json"));
    Files.delete(run.resolve("report.html"));
    List<String> lines = Files.readAllLines(run.resolve("candidates.jsonl"));
    String torn = lines.get(lines.size() - 1).substring(0, 40);
    Files.writeString(run.resolve("candidates.jsonl"),
        String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + torn, StandardCharsets.UTF_8);

    CliHarness r = CliHarness.run("report", run.toString());
    assertThat(r.code).as(r.err()).isZero();
    Page p = check(run.resolve("report.html"), "nb201-killed");
    assertThat(p.marks()).isEqualTo(lines.size() - 1);
    assertThat(chromium.eval("document.querySelector('.state').textContent").asText()).isEqualTo("interrupted");
    assertThat(chromium.eval("document.querySelector('.progress').textContent").asText())
        .contains(lines.size() - 1 + " of 60 evaluations").contains("nas search --resume");
  }

  @Test
  void dartsTrainingReportDrawsBothCellsOfEveryMemberAndLinksItsOnnx() throws Exception {
    Path run = tmp.resolve("darts");
    // Fast variant of the README's training search: 6 candidates of a 2-cell, 4-channel proxy on 256 images.
    CliHarness h = CliHarness.run("-q", "search", "--target", "pixel,host", "--evaluations", "6", "--population",
        "3", "--epochs", "1", "--train-images", "256", "--final-epochs", "1", "--final-train-images", "256",
        "--final-members", "3", "--cells", "2", "--channels", "4", "--seed", "1", "--out",
        run.toString());
    assertThat(h.code).as(h.err()).isZero();
    Page p = check(run.resolve("report.html"), "darts-finished");
    assertThat(chromium.eval("document.querySelectorAll('svg.cell.darts.normal').length").asInt())
        .isEqualTo(p.members());
    assertThat(chromium.eval("document.querySelectorAll('svg.cell.darts.reduce').length").asInt())
        .isEqualTo(p.members());
    // Every DARTS cell drawing has 8 op-labelled edges.
    assertThat(chromium.eval("Array.from(document.querySelectorAll('svg.cell.darts')).every(s =>"
        + " s.querySelectorAll('text.elabel').length === 8)").asBoolean()).isTrue();
    // The final stage trained (and exported) at most 3 members; the others are candidates without a file.
    int trained = 0;
    for (JsonNode m : JSON.readTree(run.resolve("pareto.json").toFile()).path("members")) {
      trained += m.at("/export/fidelity").asText().equals("trained") ? 1 : 0;
    }
    assertThat(trained).isBetween(Math.min(1, p.members()), Math.min(3, p.members()));
    JsonNode hrefs = chromium.eval("Array.from(document.querySelectorAll('#members a')).map(a => a.getAttribute('href'))");
    assertThat(hrefs.size()).isEqualTo(trained);
    for (JsonNode href : hrefs) {
      assertThat(run.resolve(href.asText())).exists();
    }
    assertThat(chromium.eval("document.querySelectorAll('#front .mark.trained').length").asInt())
        .isEqualTo(trained);
  }

  private record Page(int marks, int members, int drawings) {}

  /**
   * Opens a report and checks what every report must satisfy; returns the counts. Rationale: the run directory's
   * files are the truth, so marks and rows are compared with candidates.jsonl and the front the page itself lists.
   */
  private Page check(Path report, String name) throws Exception {
    chromium.open(report.toAbsolutePath());
    Path run = report.getParent();
    long ok = Files.readAllLines(run.resolve("candidates.jsonl")).stream()
        .filter(l -> l.endsWith("}") && l.contains("\"status\":\"OK\"")).count();
    int marks = chromium.eval("document.querySelectorAll('#front .mark').length").asInt();
    int rows = chromium.eval("document.querySelectorAll('#members tbody tr').length").asInt();
    int memberMarks = chromium.eval("document.querySelectorAll('#front .mark.member').length").asInt();
    int drawings = chromium.eval("document.querySelectorAll('.detail .drawings').length").asInt();
    assertThat(marks).as("one mark per successful evaluation").isEqualTo((int) ok);
    assertThat(rows).isPositive().isEqualTo(memberMarks);
    if (Files.exists(run.resolve("pareto.json"))) {
      assertThat(rows).isEqualTo(JSON.readTree(run.resolve("pareto.json").toFile()).path("members").size());
    }
    // Hover shows the member; a real click on its point selects its row and shows its drawing.
    int m = chromium.eval("(function(){for (const e of document.querySelectorAll('#front .mark.member')) {"
        + "e.scrollIntoView({block:'center'}); const r = e.getBoundingClientRect();"
        + "if (document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === e) return Number(e.dataset.m);"
        + "} return -1;})()").asInt();
    assertThat(m).as("a front member whose mark no other mark covers").isNotNegative();
    chromium.hover("#front .mark[data-m='" + m + "']");
    assertThat(chromium.eval("document.getElementById('tip').hidden").asBoolean()).isFalse();
    assertThat(chromium.eval("document.getElementById('tip').textContent").asText())
        .contains("front member #" + (m + 1));
    chromium.click("#front .mark[data-m='" + m + "']");
    assertThat(chromium.eval("Array.from(document.querySelectorAll('#members tbody tr.selected')).map(r =>"
        + " r.dataset.m)").toString()).isEqualTo("[\"" + m + "\"]");
    assertThat(chromium.eval("document.getElementById('detail-" + m + "').hidden").asBoolean()).isFalse();
    // Clicking a row selects its point.
    chromium.click("#members tbody tr[data-m='0']");
    assertThat(chromium.eval("document.querySelector('#front .mark.selected').dataset.m").asText()).isEqualTo("0");
    chromium.screenshot(SHOTS.resolve(name + ".png"));
    // Nothing may be fetched from the network: every resource is inline.
    assertThat(chromium.eval("performance.getEntriesByType('resource').length").asInt()).isZero();
    assertThat(chromium.errors()).as("console errors").isEmpty();
    return new Page(marks, rows, drawings);
  }
}
