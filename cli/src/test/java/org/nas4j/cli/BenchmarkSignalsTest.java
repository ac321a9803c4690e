package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.estimate.ProxyDefaults;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;

/** {@code nas benchmark signals} on the real proxy networks and the embedded Fashion-MNIST subset. */
class BenchmarkSignalsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void scoresEveryGenotypeOfAFidelityOutputReproducibly(@TempDir Path dir) throws Exception {
    // A fidelity output's rows name the genotypes; its setup and summary lines are skipped.
    Path study = Files.writeString(dir.resolve("study.jsonl"), "{\"setup\":{}}\n"
        + JSON.writeValueAsString(java.util.Map.of("index", 0, "genotype", DartsGenotype.DARTS_V2.toText())) + "\n"
        + JSON.writeValueAsString(java.util.Map.of("index", 1, "genotype", DartsGenotype.NASNET.toText())) + "\n"
        + "{\"summary\":{}}\n");
    String[] args = {"benchmark", "signals", "--genotypes", study.toString(), "--dataset", "fashion-mnist:embedded",
        "--validation-images", "200", "--batch-size", "16", "--inits", "2"};
    CliHarness h = CliHarness.run(args);
    assertThat(h.code).as(h.err()).isZero();
    List<String> lines = h.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines.get(0)).at("/setup/inits").asInt()).isEqualTo(2);
    List<DartsGenotype> genotypes = List.of(DartsGenotype.DARTS_V2, DartsGenotype.NASNET);
    for (int i = 0; i < 2; i++) {
      JsonNode row = JSON.readTree(lines.get(1 + i));
      assertThat(row.get("genotype").asText()).isEqualTo(genotypes.get(i).toText());
      var spec = NetSpecs.darts(genotypes.get(i), ProxyDefaults.macro(new InputShape(1, 28, 28), 10));
      assertThat(row.get("trainableParams").asLong()).isEqualTo(spec.trainableParams());
      assertThat(row.get("macs").asLong()).isEqualTo(spec.macs());
      for (String score : List.of("naswot", "synflow", "gradNorm")) {
        assertThat(row.get(score)).hasSize(2);
        assertThat(row.get(score).get(0).asDouble()).as(score).isPositive().isFinite();
        // another initialisation and minibatch gives another value
        assertThat(row.get(score).get(1).asDouble()).as(score).isNotEqualTo(row.get(score).get(0).asDouble());
      }
      // NASWOT over 16 images is at most log(N_A^16) for N_A ReLU units and positive for distinct codes
      assertThat(row.get("naswot").get(0).asDouble()).isLessThan(16 * Math.log(1e7));
    }
    CliHarness again = CliHarness.run(args);
    assertThat(again.code).as(again.err()).isZero();
    for (int i = 1; i <= 2; i++) {
      for (String score : List.of("naswot", "synflow", "gradNorm")) {
        assertThat(JSON.readTree(again.out().lines().toList().get(i)).get(score))
            .isEqualTo(JSON.readTree(lines.get(i)).get(score));
      }
    }
  }

  @Test
  void aBadGenotypeFileIsAOneLineError(@TempDir Path dir) throws Exception {
    CliHarness missing = CliHarness.run("benchmark", "signals", "--genotypes", dir.resolve("none.txt").toString());
    assertThat(missing.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err().lines().toList()).hasSize(1);
    assertThat(missing.err()).contains("none.txt");
    assertThat(missing.out()).isEmpty();

    Path bad = Files.writeString(dir.resolve("bad.txt"), "DARTS_V2\nnot a genotype\n");
    CliHarness wrong = CliHarness.run("benchmark", "signals", "--genotypes", bad.toString());
    assertThat(wrong.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(wrong.err().lines().toList()).hasSize(1);
    assertThat(wrong.err()).contains("bad.txt line 2");
    assertThat(wrong.out()).isEmpty();

    CliHarness zero = CliHarness.run("benchmark", "signals", "--genotypes", bad.toString(), "--inits", "0");
    assertThat(zero.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(zero.out()).isEmpty();
  }
}
