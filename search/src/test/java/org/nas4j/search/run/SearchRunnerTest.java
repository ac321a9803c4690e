package org.nas4j.search.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.tabular.TabularEvaluatorFactory;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

class SearchRunnerTest {
  static final String TABLE = org.nas4j.search.tabular.Nb201GenomeSpaceTest.TABLE.toString();
  @TempDir Path tmp;

  static SearchRequest request(int evaluations, Double maxLatencyMs) {
    return new SearchRequest("nb201", TABLE, null, "cifar10_test_acc", List.of("hw_c10_pixel3_latency_ms"),
        List.of(), null, null, List.of(), maxLatencyMs, null, null, 20, evaluations, null, 5L, true, 0, null);
  }

  static SearchRunner runner() {
    return new SearchRunner(new TabularEvaluatorFactory(), ProgressListener.NONE, FrontExporter.NONE, "test");
  }

  /** candidates.jsonl with the timing field removed, line by line. */
  static List<String> maskedCandidates(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(RunFiles.CANDIDATES))) {
      ObjectNode n = (ObjectNode) RunFiles.JSON.readTree(line);
      n.remove("timingsMs");
      out.add(n.toString());
    }
    return out;
  }

  @Test
  void writesEveryFileOfTheRunDirectory() throws Exception {
    Path dir = tmp.resolve("run");
    SearchResult r = runner().start(request(60, null), dir, List.of("search"));
    assertThat(Files.readAllLines(dir.resolve(RunFiles.CANDIDATES))).hasSize(60);
    JsonNode run = RunFiles.JSON.readTree(dir.resolve(RunFiles.RUN_JSON).toFile());
    assertThat(run.path("status").asText()).isEqualTo("finished");
    assertThat(run.path("provenance").path("datasetSha256").asText()).hasSize(64);
    assertThat(run.path("provenance").path("seed").asLong()).isEqualTo(5);
    assertThat(run.path("settings").path("objectives").toString())
        .isEqualTo("[\"error\",\"latencyMs.pixel3\",\"macs\"]");
    JsonNode ck = RunFiles.JSON.readTree(dir.resolve(RunFiles.CHECKPOINT).toFile());
    assertThat(ck.path("evaluations").asInt()).isEqualTo(60);
    assertThat(ck.path("rngState").asText()).isNotEmpty();
    assertThat(ck.path("population").size()).isEqualTo(20);
    JsonNode pareto = RunFiles.JSON.readTree(dir.resolve(RunFiles.PARETO).toFile());
    assertThat(pareto.path("members").size()).isEqualTo(r.front().size()).isPositive();
    assertThat(pareto.path("hypervolume").path("value").asDouble()).isBetween(0.01, 1.0);
    for (String png : List.of(RunFiles.PARETO_PNG, RunFiles.CONVERGENCE_PNG)) {
      BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
      assertThat(img).as(png).isNotNull();
      assertThat(img.getWidth()).isPositive();
    }
  }

  @Test
  void resumeAfterATornLineEndsLikeTheUninterruptedRun() throws Exception {
    Path full = tmp.resolve("full");
    runner().start(request(80, null), full, List.of());
    Path cut = tmp.resolve("cut");
    runner().start(request(80, null), cut, List.of());
    // Simulate a kill -9 mid-write: keep 33 lines and half of the 34th, drop the end-of-run files.
    List<String> lines = Files.readAllLines(cut.resolve(RunFiles.CANDIDATES));
    String kept = String.join("\n", lines.subList(0, 33)) + "\n" + lines.get(33).substring(0, 40);
    Files.writeString(cut.resolve(RunFiles.CANDIDATES), kept);
    Files.delete(cut.resolve(RunFiles.PARETO));
    SearchResult r = runner().resume(cut, List.of("search", "--resume", cut.toString()));
    assertThat(r.replayed()).isEqualTo(33);
    assertThat(maskedCandidates(cut)).isEqualTo(maskedCandidates(full));
    assertThat(Files.readString(cut.resolve(RunFiles.PARETO))).isEqualTo(Files.readString(full.resolve(
        RunFiles.PARETO)));
  }

  @Test
  void aLockedDirectoryIsRefused() throws Exception {
    Path dir = tmp.resolve("locked");
    Files.createDirectories(dir);
    try (FileChannel ch = FileChannel.open(dir.resolve(RunFiles.LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); var lock = ch.lock()) {
      assertThat(RunLock.isLocked(dir)).isTrue();
      assertThatThrownBy(() -> runner().start(request(20, null), dir, List.of()))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("is locked by another search");
    }
    assertThat(RunLock.isLocked(dir)).isFalse();
  }

  @Test
  void resumingANonRunDirectoryIsInvalidInput() {
    assertThatThrownBy(() -> runner().resume(tmp, List.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not a run directory");
  }

  @Test
  void startingOverAnExistingRunIsRefused() throws Exception {
    Path dir = tmp.resolve("twice");
    runner().start(request(20, null), dir, List.of());
    assertThatThrownBy(() -> runner().start(request(20, null), dir, List.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already holds a run");
  }

  @Test
  void tabularFactoryRefusesTrainingRequests() {
    SearchRequest training = new SearchRequest("darts", null, null, null, List.of(), List.of("pixel"), null, null,
        List.of(), null, null, null, 20, 10, null, 1L, true, 0, null);
    assertThatThrownBy(() -> runner().start(training, tmp.resolve("t"), List.of()))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("tabular mode only");
    assertThat(Files.exists(tmp.resolve("t"))).isFalse();
  }

  @Test
  void unknownObjectiveNamesTheKnownOnes() {
    SearchRequest bad = new SearchRequest("nb201", TABLE, null, "cifar10_test_acc",
        List.of("hw_c10_pixel3_latency_ms"), List.of(), null, null, List.of("error", "energy"), null, null, null,
        20, 10, null, 1L, true, 0, null);
    assertThatThrownBy(() -> runner().start(bad, tmp.resolve("b"), List.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unknown objective 'energy'").hasMessageContaining("error, latency, macs, params");
  }
}
