package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same architecture, data and seed give bit-identical training results in two fresh JVMs. */
class TrainDeterminismIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private static JsonNode trainInFreshJvm() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
        "org.nas4j.cli.Main", "train", "--space", "darts", "--genotype", "DARTS_V2", "--cells", "2",
        "--channels", "4", "--epochs", "1", "--train-images", "512", "--validation-images", "500", "--seed", "11",
        "--json", "-q"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return new ObjectMapper().readTree(out);
  }

  @Test
  void trainingIsBitIdenticalAcrossJvms() throws Exception {
    JsonNode a = trainInFreshJvm();
    JsonNode b = trainInFreshJvm();
    assertThat(a.get("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(b.get("validationAccuracy").asDouble()).isEqualTo(a.get("validationAccuracy").asDouble());
    assertThat(b.get("testAccuracy").asDouble()).isEqualTo(a.get("testAccuracy").asDouble());
    assertThat(b.get("lossCurve").toString()).isEqualTo(a.get("lossCurve").toString());
  }
}
