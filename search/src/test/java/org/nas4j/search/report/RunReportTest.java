package org.nas4j.search.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.run.FrontExporter;
import org.nas4j.search.run.ProgressEvent;
import org.nas4j.search.run.ProgressListener;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.run.SearchResult;
import org.nas4j.search.run.SearchRunner;
import org.nas4j.search.tabular.TabularEvaluatorFactory;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.targets.error.InvalidArgumentException;

/** The report of real tabular runs on the built-in NB201 table, read back from the HTML. */
class RunReportTest {
  @TempDir Path tmp;

  private static SearchRequest request(int evaluations) {
    return new SearchRequest("nb201", "nb201", null, "cifar10_test_acc",
        List.of("hw_c10_pixel3_latency_ms", "hw_c10_raspi4_latency_ms"), List.of(), null, null, List.of(), null,
        null, null, 20, evaluations, null, 7L, true, 0, null);
  }

  private static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void searchWritesTheReportThroughTheListenerAtStartAfterGenerationsAndAtTheEnd() throws Exception {
    Path dir = tmp.resolve("run");
    List<String> seen = new ArrayList<>();
    AtomicLong clock = new AtomicLong();
    ProgressListener probe = new ProgressListener() {
      @Override
      public void started(Path d) {
        seen.add("started");
      }

      @Override
      public void generation(ProgressEvent event) {
        seen.add("generation");
        clock.addAndGet(ReportListener.MIN_INTERVAL_NANOS / 2);
      }

      @Override
      public void finished(SearchResult r) {
        seen.add("finished");
      }
    };
    SearchResult result = new SearchRunner(new TabularEvaluatorFactory(),
        new ReportListener(probe, dir, clock::get), FrontExporter.NONE, "test").start(request(100), dir, List.of());
    // Rationale: the delegate sees every call; the report exists and reflects the finished run.
    assertThat(seen).startsWith("started").endsWith("finished").contains("generation");
    String html = Files.readString(dir.resolve(RunReport.FILE));
    assertThat(html).contains("<span class=\"state finished\">finished</span>");
    long ok = Files.readAllLines(dir.resolve(RunFiles.CANDIDATES)).stream()
        .filter(l -> l.contains("\"status\":\"OK\"")).count();
    assertThat(count(html, "<circle class=\"mark ")).isEqualTo((int) ok);
    assertThat(count(html, "<tr class=\"member\"")).isEqualTo(result.front().size());
    assertThat(count(html, "<svg class=\"cell nb201\"")).isEqualTo(result.front().size());
    // Self-contained: no external script, style, font or image.
    assertThat(html).doesNotContain("<script src").doesNotContain("<link ").doesNotContain("@import")
        .doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void aRunWithoutParetoJsonIsReportedAsInterruptedWithItsProgress() throws Exception {
    Path dir = tmp.resolve("run");
    new SearchRunner(new TabularEvaluatorFactory(), ProgressListener.NONE, FrontExporter.NONE, "test")
        .start(request(60), dir, List.of());
    String run = Files.readString(dir.resolve(RunFiles.RUN_JSON)).replace("\"finished\"", "\"running\"");
    Files.writeString(dir.resolve(RunFiles.RUN_JSON), run);
    Files.delete(dir.resolve(RunFiles.PARETO));
    String html = RunReport.render(dir, null);
    assertThat(html).contains("state interrupted").contains("of 60 evaluations").contains("nas search --resume");
    assertThat(RunReport.render(dir, "running")).contains("http-equiv=\"refresh\"");
  }

  @Test
  void aDirectoryThatIsNotARunIsInvalidInput() {
    assertThatThrownBy(() -> RunReport.write(tmp)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("is not a run directory");
    assertThat(tmp.resolve(RunReport.FILE)).doesNotExist();
  }

  @Test
  void dartsCellsAreDrawnWithOneLabelledEdgePerOp() {
    String svg = ArchDrawings.draw("darts", DartsGenotype.DARTS_V2.toText());
    assertThat(count(svg, "<svg class=\"cell darts normal\"")).isOne();
    assertThat(count(svg, "<svg class=\"cell darts reduce\"")).isOne();
    // 8 op edges per cell, each with a label, plus one concat edge per output node.
    assertThat(count(svg, "<text class=\"elabel")).isEqualTo(16);
    assertThat(svg).contains(">sep_conv_3x3<").contains(">max_pool_3x3<").contains(">skip_connect<");
  }

  @Test
  void fbnetNetworksAreDrawnAsTheirBlockList() {
    String ops = String.join("-", java.util.Collections.nCopies(21, "k3_e6")) + "-skip";
    String svg = ArchDrawings.draw("fbnet", ops);
    assertThat(count(svg, "<rect class=\"block ")).isEqualTo(22);
    assertThat(svg).contains("layer 22: skip");
  }
}
