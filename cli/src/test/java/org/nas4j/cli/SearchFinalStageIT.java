package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final String[] SEARCH = {"search", "--space", "darts", "--target", "pixel", "--cells", "2",
    "--channels", "4", "--epochs", "1", "--train-images", "128", "--evaluations", "6", "--population", "3",
    "--final-members", "3", "--final-epochs", "1", "--final-train-images", "4000", "--jobs", "1", "--seed", "7"};

  @TempDir Path tmp;

  @Test
  void killedDuringTheFinalStageResumesToTheSameFront() throws Exception {
    Path reference = tmp.resolve("reference");
    CliHarness h = CliHarness.run(with(SEARCH, "-q", "--out", reference.toString()));
    assertThat(h.code).as(h.err()).isZero();
    JsonNode expected = strip(JSON.readTree(reference.resolve("pareto.json").toFile()));
    assertThat(expected.at("/finalStage/trainedMembers").asInt()).isEqualTo(3);

    Path dir = tmp.resolve("killed");
    Process p = launch(with(SEARCH, "--out", dir.toString()));
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
    assertThat(strip(JSON.readTree(dir.resolve("pareto.json").toFile()))).isEqualTo(expected);
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

  private Process launch(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
        "org.nas4j.cli.Main", "-q"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
  }

  private static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  /** Without wall times (keys ending in Seconds, timingsMs) and the budget's wording. */
  private static JsonNode strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (k.endsWith("Seconds") || k.equals("timingsMs")) {
          it.remove();
        } else {
          strip(o.get(k));
        }
      }
    } else if (n.isArray()) {
      n.forEach(SearchFinalStageIT::strip);
    }
    return n;
  }
}
