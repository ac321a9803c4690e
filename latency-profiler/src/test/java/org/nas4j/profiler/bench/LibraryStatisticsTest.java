package org.nas4j.profiler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.Measurement;

/**
 * The statistics moved from nas's own code to Apache Commons Statistics. These tests compare the library with the old
 * code ({@link LegacyDistributions}, {@link LegacySampleStats}) and replay recorded gate runs: {@code replay/} holds
 * baselines, the samples of the run under test (saved by the same run with {@code --save-baseline}) and the JSON that
 * nas printed before the change. Verdicts, p-values, intervals and statistics must match to 1e-9.
 */
class LibraryStatisticsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final double EPS = 1e-9;

  @Test
  void studentTAndBinomialMatchTheOldCode() {
    for (double df : new double[] {1, 1.5, 2, 3.7, 4, 8, 10, 29.3, 100, 1e4, 1e7}) {
      // the levels the gate uses. The old quantile was a bisection on an incomplete beta that lost digits at huge
      // df (2.3e-9 off at df = 1e7, p = 0.8; -9.5e-7 instead of 0 at p = 0.5), so quantiles agree to 1e-8; the
      // replayed verdicts below still agree to 1e-9
      for (double p : new double[] {0.8, 0.9, 0.95, 0.975, 0.995}) {
        assertThat(Distributions.studentTQuantile(p, df))
            .isCloseTo(LegacyDistributions.studentTQuantile(p, df), within(1e-8));
      }
      assertThat(Distributions.studentTQuantile(0.5, df)).isCloseTo(0, within(1e-15));
      for (double t = -8; t <= 8; t += 0.37) {
        assertThat(Distributions.studentTCdf(t, df)).isCloseTo(LegacyDistributions.studentTCdf(t, df), within(EPS));
      }
    }
    for (int n = 1; n <= 2000; n += n < 60 ? 1 : 97) {
      for (int k = -1; k <= n; k += Math.max(1, n / 40)) {
        assertThat(Distributions.binomialHalfCdf(k, n))
            .isCloseTo(LegacyDistributions.binomialHalfCdf(k, n), within(EPS));
      }
    }
  }

  @Test
  void medianIntervalRanksMatchTheOldCode() {
    for (int n = 1; n <= 2000; n += n < 300 ? 1 : 37) {
      assertThat(SampleStats.medianCiRanks(n, 0.95)).as("n = %d", n)
          .containsExactly(LegacySampleStats.medianCiRanks(n, 0.95));
    }
    // above 2000 the old code used a normal approximation "accurate to a rank"; the library's inverse is exact
    for (int n : new int[] {2001, 5000, 20000}) {
      int[] exact = SampleStats.medianCiRanks(n, 0.95);
      assertThat(exact[0]).isCloseTo(LegacySampleStats.medianCiRanks(n, 0.95)[0], within(1));
      double tail = 0.025;
      assertThat(Distributions.binomialHalfCdf(exact[0] - 1, n)).isLessThanOrEqualTo(tail);
      assertThat(Distributions.binomialHalfCdf(exact[0], n)).isGreaterThan(tail);
    }
  }

  @Test
  void sampleStatsMatchTheOldCodeOnRecordedAndSkewedSamples() throws Exception {
    List<double[]> all = new ArrayList<>();
    for (String f : new String[] {"base.json", "slow-samples.json", "fast-samples.json", "rawbase.json",
        "rawslow-samples.json", "onebase.json", "oneslow-samples.json"}) {
      BaselineEntry e = baseline(f).entries().get(0);
      all.addAll(e.sessions());
      all.add(RatioEstimate.concat(e.sessions()));
      if (e.calibrationSessions() != null) {
        all.addAll(e.calibrationSessions());
      }
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int n : new int[] {1, 2, 5, 6, 7, 30, 301, 2500}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.exp(random.nextGaussian()) * (random.nextDouble() < 0.05 ? 20 : 1);
      }
      all.add(x);
    }
    for (double[] x : all) {
      SampleStats now = SampleStats.of(x);
      SampleStats old = LegacySampleStats.of(x);
      assertSameTree(JSON.valueToTree(now), JSON.valueToTree(old), "n=" + x.length);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "base.json, slow-samples.json, slow.json",
    "base.json, fast-samples.json, fast.json",
    "rawbase.json, rawslow-samples.json, rawslow.json",
    "onebase.json, oneslow-samples.json, oneslow.json",
  })
  void recordedGateRunsGiveTheSameVerdictAndJson(String baseFile, String currentFile, String printed)
      throws Exception {
    BaselineEntry base = baseline(baseFile).entries().get(0);
    BaselineEntry cur = baseline(currentFile).entries().get(0);
    JsonNode old = json(printed);
    double allowance = old.path("maxRegressionPct").asDouble();
    long seed = old.path("provenance").path("seed").asLong();
    RegressionVerdict v = old.path("regressionTest").path("calibrated").asBoolean()
        ? RegressionGate.decideCalibrated(base.sessions(), base.calibrationSessions(), cur.sessions(),
            cur.calibrationSessions(), allowance, seed)
        : RegressionGate.decide(base.sessions(), cur.sessions(), allowance, seed);
    // the verdict gained fields (verdict, minDetectablePct) and its rule now names the OK/INCONCLUSIVE bounds too;
    // every number it had before is compared
    JsonNode oldTest = old.path("regressionTest").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) oldTest).remove("rule");
    assertSameTree(filtered(JSON.valueToTree(v), oldTest), oldTest, printed);
    assertThat(v.rule()).startsWith(old.path("regressionTest").path("rule").asText().replace(")", ");"));
    assertThat(v.regressed()).isEqualTo(old.path("regressed").asBoolean());
    assertThat(v.slowdownPct()).isCloseTo(old.path("regressionPct").asDouble(), within(EPS));
    assertThat(v.baselineP50Ms()).isCloseTo(old.path("baseline").path("p50Ms").asDouble(), within(EPS));

    Measurement m = new Measurement(Path.of(old.path("model").asText()), cur.modelSha256(),
        Map.of("input", List.of(1L, 3L, 16L, 16L)), cur.warmupRuns(), cur.sessions(), null);
    JsonNode timing = BenchJson.timing(cur.target(), m, SampleStats.of(m.allSamplesMs()));
    assertSameTree(timing, filtered(old, timing), printed);
  }

  /** The fields of {@code old} that {@code like} has (the rest of the old document needs a live runtime). */
  static JsonNode filtered(JsonNode old, JsonNode like) {
    com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
    like.fieldNames().forEachRemaining(f -> out.set(f, old.get(f)));
    return out;
  }

  static void assertSameTree(JsonNode now, JsonNode old, String where) {
    assertThat(now.getNodeType()).as(where).isEqualTo(old.getNodeType());
    if (now.isObject()) {
      List<String> names = new ArrayList<>();
      now.fieldNames().forEachRemaining(names::add);
      List<String> oldNames = new ArrayList<>();
      old.fieldNames().forEachRemaining(oldNames::add);
      assertThat(names).as(where).isEqualTo(oldNames);
      for (String f : names) {
        assertSameTree(now.get(f), old.get(f), where + "." + f);
      }
    } else if (now.isArray()) {
      assertThat(now.size()).as(where).isEqualTo(old.size());
      Iterator<JsonNode> a = now.elements();
      Iterator<JsonNode> b = old.elements();
      int i = 0;
      while (a.hasNext()) {
        assertSameTree(a.next(), b.next(), where + "[" + i++ + "]");
      }
    } else if (now.isNumber()) {
      double expected = old.asDouble();
      assertThat(now.asDouble()).as(where).isCloseTo(expected, within(EPS * Math.max(1, Math.abs(expected))));
    } else {
      assertThat(now).as(where).isEqualTo(old);
    }
  }

  static BaselineFile baseline(String name) throws URISyntaxException {
    return BaselineFile.read(Path.of(LibraryStatisticsTest.class.getResource("replay/" + name).toURI()));
  }

  static JsonNode json(String name) throws IOException {
    try (InputStream in = LibraryStatisticsTest.class.getResourceAsStream("replay/" + name)) {
      return JSON.readTree(in);
    }
  }
}
