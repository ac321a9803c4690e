package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code nas search} JVM with SIGKILL at several points, resumes it, and checks that the run ends with
 * exactly the candidates (timings masked) and pareto.json of an uninterrupted run with the same seed.
 */
class SearchResumeIT {
  private static final String[] SEARCH = {"search", "--space", "nb201", "--table", SearchCommandTest.TABLE,
    "--accuracy-column", "cifar10_test_acc", "--latency-column", "hw_c10_pixel3_latency_ms", "--evaluations", "90",
    "--seed", "11"};
  @TempDir static Path tmp;
  static Path reference;

  @BeforeAll
  static void uninterrupted() {
    reference = tmp.resolve("reference");
    List<String> a = new ArrayList<>(List.of(SEARCH));
    a.addAll(List.of("--out", reference.toString(), "-q"));
    CliHarness h = CliHarness.run(a.toArray(new String[0]));
    assertThat(h.code).as(h.err()).isZero();
  }

  private static Process launch(String... args) throws IOException {
    return ChildNas.start(tmp.resolve("child-" + System.nanoTime() + ".log"), args);
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
  }

  /** Starts (or resumes) a delayed search and SIGKILLs it once the log has at least {@code k} lines. */
  private static void killAfter(Path dir, int k, boolean resume, String... extra) throws Exception {
    List<String> a = new ArrayList<>();
    if (resume) {
      a.addAll(List.of("search", "--resume", dir.toString()));
    } else {
      a.addAll(List.of(SEARCH));
      a.addAll(List.of("--out", dir.toString(), "--eval-delay-ms", "40"));
    }
    a.addAll(List.of(extra));
    Process p = launch(a.toArray(new String[0]));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(dir.resolve("candidates.jsonl")) < k && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(p.isAlive()).as("search finished before %d lines", k).isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(dir.resolve("pareto.json"))).isFalse();
  }

  /** Resumes the run in {@code dir} to its end and checks that it wrote what the uninterrupted reference did. */
  private static void resumeToTheReference(Path dir, String... extra) throws Exception {
    List<String> a = new ArrayList<>(List.of("search", "--resume", dir.toString()));
    a.addAll(List.of(extra));
    Process p = launch(a.toArray(new String[0]));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(RunCompare.maskedCandidates(dir)).isEqualTo(RunCompare.maskedCandidates(reference));
    assertThat(Files.readString(dir.resolve("pareto.json")))
        .isEqualTo(Files.readString(reference.resolve("pareto.json")));
  }

  @Test
  void killedInTheInitialPopulationThenResumed() throws Exception {
    Path dir = tmp.resolve("k7");
    killAfter(dir, 7, false);
    CliHarness show = CliHarness.run("show", dir.toString());
    assertThat(show.out()).contains("interrupted").contains("--resume");
    resumeToTheReference(dir);
  }

  @Test
  void killedMidGenerationThenResumed() throws Exception {
    Path dir = tmp.resolve("k47");
    killAfter(dir, 47, false);
    resumeToTheReference(dir);
  }

  @Test
  void killedTwiceIncludingDuringAResume() throws Exception {
    Path dir = tmp.resolve("twice");
    killAfter(dir, 20, false);
    killAfter(dir, 66, true);
    resumeToTheReference(dir);
  }

  @Test
  void killedWhileEvaluatingOnSeveralThreadsThenResumedWithAnotherCount() throws Exception {
    // Three evaluations in flight at the kill; the log only ever holds the generation's finished prefix, in order.
    Path dir = tmp.resolve("jobs");
    killAfter(dir, 33, false, "--jobs", "3");
    resumeToTheReference(dir, "--jobs", "2");
  }
}
