package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.space.DartsGenotype;

/** {@code nas benchmark fidelity} on real (tiny) DL4J trainings of the embedded Fashion-MNIST subset. */
class BenchmarkFidelityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsOneLinePerArchitectureAndTheTausWithARepeatedHighBudgetAndReusesIt(@TempDir Path dir) throws Exception {
    CliHarness h = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded", "--architectures",
        "3", "--cells", "2", "--channels", "4", "--train-images", "64", "--factor", "2", "--validation-images", "200",
        "--repeat-high", "--jobs", "2");
    assertThat(h.code).as(h.err()).isZero();
    List<String> lines = h.out().lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode setup = JSON.readTree(lines.get(0)).get("setup");
    assertThat(setup.get("jobs").asInt()).isEqualTo(2);
    assertThat(setup.at("/high/trainImages").asInt()).isEqualTo(128);
    for (int i = 0; i < 3; i++) {
      JsonNode row = JSON.readTree(lines.get(1 + i));
      assertThat(row.get("index").asInt()).isEqualTo(i);
      assertThat(row.get("highRepeatStatus").asText()).isEqualTo("OK");
      assertThat(row.get("highRepeatAccuracy").asDouble()).isBetween(0.0, 1.0);
      assertThat(row.get("lowLoss").asDouble()).isPositive();
      assertThat(row.has("lowRepeatAccuracy")).isFalse();
    }
    JsonNode summary = JSON.readTree(lines.get(4)).get("summary");
    assertThat(summary.get("architectures").asInt()).isEqualTo(3);
    assertThat(summary.has("repeatKendallTau")).isTrue();
    assertThat(summary.has("meanHighKendallTau")).isTrue();
    assertThat(summary.has("lowRepeatKendallTau")).isFalse();

    // Another low budget, trained twice, against the same reference: the high-budget results come from the first
    // output.
    Path earlier = dir.resolve("study.jsonl");
    Files.writeString(earlier, h.out());
    CliHarness again = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--architectures", "3", "--cells", "2", "--channels", "4", "--train-images", "64", "--factor", "2",
        "--validation-images", "200", "--repeat-high", "--jobs", "2", "--batch-size", "8", "--high-batch-size", "16",
        "--lr", "0.1", "--high-lr", "0.05", "--high-from", earlier.toString(), "--repeat-low");
    assertThat(again.code).as(again.err()).isZero();
    List<String> reused = again.out().lines().toList();
    assertThat(JSON.readTree(reused.get(0)).at("/setup/highFrom").asText()).isEqualTo(earlier.toString());
    assertThat(JSON.readTree(reused.get(0)).at("/setup/low/batchSize").asInt()).isEqualTo(8);
    assertThat(JSON.readTree(reused.get(0)).at("/setup/low/lr").asDouble()).isEqualTo(0.1);
    assertThat(JSON.readTree(reused.get(0)).at("/setup/high/lr").asDouble()).isEqualTo(0.05);
    for (int i = 1; i <= 3; i++) {
      JsonNode before = JSON.readTree(lines.get(i));
      JsonNode now = JSON.readTree(reused.get(i));
      assertThat(now.get("genotype")).isEqualTo(before.get("genotype"));
      assertThat(now.get("highAccuracy")).isEqualTo(before.get("highAccuracy"));
      assertThat(now.get("highRepeatAccuracy")).isEqualTo(before.get("highRepeatAccuracy"));
      assertThat(now.get("highSeconds")).isEqualTo(before.get("highSeconds"));
      assertThat(now.get("lowRepeatStatus").asText()).isEqualTo("OK");
      assertThat(now.get("lowRepeatAccuracy").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(JSON.readTree(reused.get(4)).at("/summary/lowRepeatKendallTau").isNumber()).isTrue();

    // --lr alone sets both budgets' rate, so the earlier reference (trained at 0.05) no longer matches.
    CliHarness otherLr = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--architectures", "3", "--cells", "2", "--channels", "4", "--train-images", "64", "--factor", "2",
        "--validation-images", "200", "--batch-size", "8", "--high-batch-size", "16", "--lr", "0.1",
        "--high-from", earlier.toString());
    assertThat(otherLr.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(otherLr.err().lines().toList()).hasSize(1);
    assertThat(otherLr.err()).contains("another high").contains("study.jsonl");
    assertThat(otherLr.out()).isEmpty();

    // A reference measured on another split is refused before any training.
    CliHarness other = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--architectures", "3", "--cells", "2", "--channels", "4", "--train-images", "64", "--factor", "2",
        "--validation-images", "300", "--high-from", earlier.toString());
    assertThat(other.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(other.err().lines().toList()).hasSize(1);
    assertThat(other.err()).contains("another validationImages").contains("study.jsonl");
    assertThat(other.out()).isEmpty();
  }

  @Test
  void studiesTheGenotypesOfAFileInItsOrder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("candidates.txt"), "# from a search\nDARTS_V2\n\n  "
        + DartsGenotype.DARTS_V1.toText() + "\nNASNet\n");
    CliHarness h = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded", "--genotypes",
        file.toString(), "--cells", "2", "--channels", "4", "--train-images", "32", "--factor", "2",
        "--validation-images", "100", "--jobs", "2");
    assertThat(h.code).as(h.err()).isZero();
    List<String> lines = h.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(JSON.readTree(lines.get(0)).at("/setup/genotypes").asText()).isEqualTo(file.toString());
    List<String> studied = lines.subList(1, 4).stream().map(l -> {
      try {
        return JSON.readTree(l).get("genotype").asText();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
    assertThat(studied).containsExactly(DartsGenotype.DARTS_V2.toText(), DartsGenotype.DARTS_V1.toText(),
        DartsGenotype.parse("NASNet").toText());
    assertThat(JSON.readTree(lines.get(4)).at("/summary/architectures").asInt()).isEqualTo(3);
  }

  @Test
  void sameLowSeedTrainsEveryArchitectureOnTheSameImagesAsTheSearchDoes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("twice.txt"), "DARTS_V2\nDARTS_V2\n");
    List<String> study = List.of("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded", "--genotypes",
        file.toString(), "--cells", "2", "--channels", "4", "--train-images", "32", "--factor", "2",
        "--validation-images", "100", "--jobs", "2");
    List<String> sharedStudy = new ArrayList<>(study);
    sharedStudy.add("--same-low-seed");
    CliHarness shared = CliHarness.run(sharedStudy.toArray(String[]::new));
    CliHarness own = CliHarness.run(study.toArray(String[]::new));
    assertThat(shared.code).as(shared.err()).isZero();
    assertThat(own.code).as(own.err()).isZero();
    List<String> s = shared.out().lines().toList();
    List<String> o = own.out().lines().toList();
    assertThat(JSON.readTree(s.get(0)).at("/setup/lowSeed").asText()).isEqualTo("shared");
    assertThat(JSON.readTree(o.get(0)).at("/setup/lowSeed").asText()).isEqualTo("per-architecture");
    // One architecture twice: one shared seed trains it the same way both times, seeds 1 and 2 differently.
    assertThat(JSON.readTree(s.get(2)).get("lowLoss")).isEqualTo(JSON.readTree(s.get(1)).get("lowLoss"));
    assertThat(JSON.readTree(o.get(2)).get("lowLoss")).isNotEqualTo(JSON.readTree(o.get(1)).get("lowLoss"));
    assertThat(JSON.readTree(s.get(2)).get("highAccuracy")).isEqualTo(JSON.readTree(o.get(2)).get("highAccuracy"));
  }

  @Test
  void aBadGenotypesFileIsOneLineAndExit2BeforeAnyTraining(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.txt"), "DARTS_V2\nGenotype(normal=[\n");
    Path one = Files.writeString(dir.resolve("one.txt"), "# only one\nDARTS_V2\n");
    Path three = Files.writeString(dir.resolve("three.txt"), "DARTS_V2\nDARTS_V1\nNASNet\n");
    assertRefused("bad.txt line 2", "--genotypes", bad.toString());
    assertRefused("holds 1 genotype(s); the study needs 2", "--genotypes", one.toString());
    assertRefused("holds 3 genotype(s); the study needs 4", "--genotypes", three.toString(), "--architectures", "4");
    assertRefused("cannot read --genotypes", "--genotypes", dir.resolve("nope.txt").toString());
  }

  private static void assertRefused(String fragment, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("benchmark", "fidelity", "--dataset",
        "fashion-mnist:embedded"));
    args.addAll(List.of(options));
    CliHarness h = CliHarness.run(args.toArray(new String[0]));
    assertThat(h.code).as(h.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err().lines().toList()).hasSize(1);
    assertThat(h.err()).startsWith("nas: ").contains(fragment);
    assertThat(h.out()).isEmpty();
  }

  @Test
  void aMissingOrForeignReferenceIsOneLineAndExit2(@TempDir Path dir) throws Exception {
    CliHarness missing = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--high-from", dir.resolve("nope.jsonl").toString());
    assertThat(missing.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err()).startsWith("nas: cannot read --high-from").contains("nope.jsonl");
    assertThat(missing.err().lines().toList()).hasSize(1);

    Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "not json\n");
    CliHarness corrupt = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--high-from", garbage.toString());
    assertThat(corrupt.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(corrupt.err().lines().toList()).hasSize(1);
    assertThat(corrupt.err()).contains("garbage.jsonl");
  }

  @Test
  void badJobsLowValidationImagesOrHighLrAreUsageErrors() {
    CliHarness h = CliHarness.run("benchmark", "fidelity", "--jobs", "0");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("--jobs >= 1");

    CliHarness low = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--validation-images", "100", "--low-validation-images", "200");
    assertThat(low.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(low.err()).contains("--low-validation-images must be in 1..100, got 200");

    CliHarness highLr = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded",
        "--high-lr", "0");
    assertThat(highLr.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(highLr.err()).startsWith("nas: --high-lr must be > 0, got 0.0").doesNotContain("Exception");
    assertThat(highLr.out()).isEmpty();
  }
}
