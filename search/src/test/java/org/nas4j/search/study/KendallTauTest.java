package org.nas4j.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class KendallTauTest {
  @Test
  void countsConcordantAndDiscordantPairs() {
    // 6 concordant, 4 discordant of 10 pairs (counted by hand)
    assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4, 5}, new double[] {3, 4, 1, 2, 5})).isCloseTo(0.2,
        offset(1e-12));
    assertThat(KendallTau.tauB(new double[] {1, 2, 3}, new double[] {30, 20, 10})).isCloseTo(-1, offset(1e-12));
  }

  @Test
  void tiesShrinkTheDenominator() {
    // 3 concordant, 1 discordant, one tie in each sample: 2 / sqrt(5 * 5)
    assertThat(KendallTau.tauB(new double[] {1, 2, 2, 4}, new double[] {1, 3, 2, 2})).isCloseTo(0.4,
        offset(1e-12));
    assertThat(KendallTau.tauB(new double[] {1, 1}, new double[] {1, 2})).isNaN();
    assertThatThrownBy(() -> KendallTau.tauB(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The hand-written O(n^2) tau-b this class used before commons-math3, kept as the reference. */
  static double pairwiseTauB(double[] a, double[] b) {
    long concordant = 0;
    long discordant = 0;
    long tiesA = 0;
    long tiesB = 0;
    long pairs = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        pairs++;
        int sa = Double.compare(a[i], a[j]);
        int sb = Double.compare(b[i], b[j]);
        tiesA += sa == 0 ? 1 : 0;
        tiesB += sb == 0 ? 1 : 0;
        if (sa != 0 && sb != 0) {
          if (sa == sb) {
            concordant++;
          } else {
            discordant++;
          }
        }
      }
    }
    double denominator = Math.sqrt((double) (pairs - tiesA) * (pairs - tiesB));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }

  @Test
  void theLibraryGivesTheOldPairwiseValuesBitForBit() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 2 + random.nextInt(60);
      int levels = 1 + random.nextInt(trial % 3 == 0 ? 4 : 1000); // few levels: many ties, sometimes constant
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = random.nextInt(levels) / 7.0;
        b[i] = random.nextBoolean() ? a[i] + random.nextInt(levels) : random.nextInt(levels);
      }
      assertThat(Double.doubleToLongBits(KendallTau.tauB(a, b))).as("trial %d", trial)
          .isEqualTo(Double.doubleToLongBits(pairwiseTauB(a, b)));
    }
  }

  @Test
  void theLibraryReproducesTheRecordedFidelityStudies() throws Exception {
    // Every recorded study with a summary (benchmarks/results/fidelity-*.jsonl, written by the old code): tau-b of the
    // rows whose every status is OK equals the recorded kendallTau.
    java.nio.file.Path results = java.nio.file.Path.of(System.getProperty("nas.repo.dir", ".."), "benchmarks",
        "results");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    int studies = 0;
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(results)) {
      for (java.nio.file.Path f : files.filter(p -> p.getFileName().toString().matches("fidelity.*\\.jsonl"))
          .sorted().toList()) {
        java.util.List<Double> lo = new java.util.ArrayList<>();
        java.util.List<Double> hi = new java.util.ArrayList<>();
        Double recorded = null;
        for (String line : java.nio.file.Files.readAllLines(f)) {
          com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
          if (n.has("summary")) {
            recorded = n.at("/summary/kendallTau").asDouble();
          } else if (n.has("index") && java.util.stream.Stream.of("lowStatus", "highStatus", "highRepeatStatus",
              "lowRepeatStatus").allMatch(k -> !n.has(k) || n.get(k).asText().equals("OK"))) {
            lo.add(n.get("lowAccuracy").asDouble());
            hi.add(n.get("highAccuracy").asDouble());
          }
        }
        if (recorded == null) {
          continue;
        }
        studies++;
        double[] a = lo.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = hi.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(KendallTau.tauB(a, b)).as(f.getFileName().toString()).isCloseTo(recorded, offset(1e-12))
            .isEqualTo(pairwiseTauB(a, b));
      }
    }
    assertThat(studies).isGreaterThanOrEqualTo(10);
  }
}
