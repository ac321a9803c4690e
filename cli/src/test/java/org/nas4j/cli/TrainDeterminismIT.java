package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same architecture, data, seed and {@code --threads} give bit-identical training results in two fresh JVMs, also
 * when one of them has fewer cores.
 */
class TrainDeterminismIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private static final Path TASKSET = Path.of("/usr/bin/taskset");

  /** {@code nas train ... --threads N --json} in a fresh JVM; on one core only (with taskset) when {@code oneCore}. */
  private static JsonNode trainInFreshJvm(int threads, boolean oneCore) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (oneCore) {
      cmd.addAll(List.of(TASKSET.toString(), "-c", "0"));
    }
    cmd.addAll(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
        "org.nas4j.cli.Main", "train", "--space", "darts", "--genotype", "DARTS_V2", "--cells", "2",
        "--channels", "4", "--epochs", "1", "--train-images", "512", "--validation-images", "500", "--seed", "11",
        "--threads", Integer.toString(threads), "--json", "-q"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode j = new ObjectMapper().readTree(out);
    assertThat(j.get("threads").asInt()).isEqualTo(threads);
    return j;
  }

  private static void assertSameTraining(JsonNode a, JsonNode b) {
    assertThat(a.get("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(b.get("validationAccuracy").asDouble()).isEqualTo(a.get("validationAccuracy").asDouble());
    assertThat(b.get("testAccuracy").asDouble()).isEqualTo(a.get("testAccuracy").asDouble());
    assertThat(b.get("lossCurve").toString()).isEqualTo(a.get("lossCurve").toString());
  }

  @Test
  void trainingIsBitIdenticalAcrossJvms() throws Exception {
    assertSameTraining(trainInFreshJvm(1, false), trainInFreshJvm(1, false));
  }

  @Test
  void dataParallelTrainingDependsOnTheThreadsOptionNotOnTheCores() throws Exception {
    JsonNode a = trainInFreshJvm(2, false);
    assumeTrue(Files.isExecutable(TASKSET), "needs taskset (util-linux) to run on one core");
    JsonNode b = trainInFreshJvm(2, true); // both parts on the one core, one after the other
    assertSameTraining(a, b);
  }
}
