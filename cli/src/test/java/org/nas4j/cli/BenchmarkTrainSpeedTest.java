package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code nas benchmark train-speed} on a real (short) DL4J training of a reference network. */
class BenchmarkTrainSpeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsOneJsonLinePerNetworkWithItsProtocol() throws Exception {
    CliHarness h = CliHarness.run("benchmark", "train-speed", "--nets", "plain-28x28x1,plain-32x32x3",
        "--batch-size", "8", "--warmup-steps", "2", "--seconds", "0.05", "--windows", "3");
    assertThat(h.code).as(h.err()).isZero();
    List<String> lines = h.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode plain = JSON.readTree(lines.get(0));
    assertThat(plain.get("net").asText()).isEqualTo("plain-28x28x1");
    assertThat(plain.get("framework").asText()).isEqualTo("dl4j");
    assertThat(plain.get("warmupSteps").asInt()).isEqualTo(2);
    assertThat(plain.get("batchSize").asInt()).isEqualTo(8);
    assertThat(plain.get("windowImagesPerSecond")).hasSize(3);
    assertThat(plain.get("imagesPerSecond").asDouble()).isPositive();
    assertThat(plain.get("macsPerImage").asLong()).isPositive();
    assertThat(JSON.readTree(lines.get(1)).get("macsPerImage").asLong())
        .as("3 input channels at 32x32 cost more than 1 at 28x28").isGreaterThan(plain.get("macsPerImage").asLong());
  }

  /** The JSON line of a two-window measurement of one small network at batch 8 with {@code option value}. */
  private static JsonNode shortRun(String net, String option, String value) throws Exception {
    CliHarness h = CliHarness.run("benchmark", "train-speed", "--nets", net, "--batch-size", "8",
        "--warmup-steps", "1", "--seconds", "0.05", "--windows", "2", option, value);
    assertThat(h.code).as(h.err()).isZero();
    JsonNode r = JSON.readTree(h.out().lines().findFirst().orElseThrow());
    assertThat(r.get("windowImagesPerSecond")).hasSize(2);
    assertThat(r.get("imagesPerSecond").asDouble()).isPositive();
    return r;
  }

  @Test
  void jobsTrainCopiesAtOnceAndSumTheirRates() throws Exception {
    JsonNode r = shortRun("dwsep-16x16x1", "--jobs", "2");
    assertThat(r.get("jobs").asInt()).isEqualTo(2);
    assertThat(r.get("threads").asInt()).isEqualTo(1);
  }

  @Test
  void shardsSplitEachStepOverThreads() throws Exception {
    assertThat(shortRun("plain-16x16x1", "--shards", "2").get("shards").asInt()).isEqualTo(2);
    CliHarness tooMany = CliHarness.run("benchmark", "train-speed", "--batch-size", "8", "--shards", "9");
    assertThat(tooMany.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(tooMany.err()).contains("--shards must be in 1..8");
  }

  @Test
  void zeroJobsIsAUsageError() {
    assertUsageError("--jobs must be >= 1", "--jobs", "0");
  }

  @Test
  void negativeWarmupIsAUsageError() {
    assertUsageError("--warmup-steps >= 0", "--warmup-steps", "-1");
  }

  @Test
  void unknownNetworkIsAUsageError() {
    assertUsageError("unknown reference network kind 'resnet'", "--nets", "resnet-28x28x1");
  }

  private static void assertUsageError(String fragment, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "benchmark";
    args[1] = "train-speed";
    System.arraycopy(options, 0, args, 2, options.length);
    CliHarness h = CliHarness.run(args);
    assertThat(h.code).as(h.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains(fragment).doesNotContain("Exception");
  }
}
