package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training search SIGKILLed during its final stage, after the plan and the first trained member were recorded,
 * resumes to the same pareto.json (wall times aside) as an uninterrupted run: the same members with the same budget,
 * the recorded member not trained again.
 */
class SearchFinalStageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SEARCH = {"search", "--space", "darts", "--target", "pixel", "--cells", "2",
    "--channels", "4", "--epochs", "1", "--train-images", "128", "--evaluations", "6", "--population", "3",
    "--final-members", "3", "--final-epochs", "1", "--final-train-images", "4000", "--jobs", "1", "--seed", "7"};

  @TempDir Path tmp;

  @Test
  void killedDuringTheFinalStageResumesToTheSameFront() throws Exception {
    Path reference = tmp.resolve("reference");
    CliHarness h = CliHarness.run(with(SEARCH, "-q", "--out", reference.toString()));
    assertThat(h.code).as(h.err()).isZero();
    JsonNode expected = RunCompare.maskedPareto(reference);
    assertThat(expected.at("/finalStage/trainedMembers").asInt()).isEqualTo(3);

    Path dir = tmp.resolve("killed");
    Process p = ChildNas.start(tmp.resolve("child.log"), with(SEARCH, "--out", dir.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (results(dir) < 1 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the search finished before its first final member was recorded").isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(dir.resolve("pareto.json")).doesNotExist();
    assertThat(dir.resolve("final/plan.json")).exists();
    int before = results(dir);
    assertThat(before).isBetween(1, 2);
    Path first;
    try (Stream<Path> s = Files.list(dir.resolve("final"))) {
      first = s.filter(f -> !f.getFileName().toString().equals("plan.json")).findFirst().orElseThrow();
    }
    long recorded = Files.getLastModifiedTime(first).toMillis();

    CliHarness resumed = CliHarness.run("-q", "search", "--resume", dir.toString());
    assertThat(resumed.code).as(resumed.err()).isZero();
    assertThat(RunCompare.maskedPareto(dir)).isEqualTo(expected);
    assertThat(RunCompare.maskedCandidates(dir)).isEqualTo(RunCompare.maskedCandidates(reference));
    // The member recorded before the kill was taken as recorded, not trained again.
    assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(recorded);
  }

  private static int results(Path dir) throws IOException {
    Path f = dir.resolve("final");
    if (!Files.isDirectory(f)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(f)) {
      return (int) s.filter(x -> x.getFileName().toString().matches("[0-9a-f]{12}\\.json")).count();
    }
  }

  private static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
