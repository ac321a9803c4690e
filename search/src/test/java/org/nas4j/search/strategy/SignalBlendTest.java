package org.nas4j.search.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The blend's constants and formula, checked against values worked out by hand. */
class SignalBlendTest {
  private static Evaluation ok(String id, double error, Double score) {
    Map<String, Double> v = score == null ? Map.of("error", error) : Map.of("error", error, "naswot", score);
    return new Evaluation(id, id, new int[] {0}, v, Map.of(), 0, Evaluation.Status.OK, null, Map.of());
  }

  @Test
  void constantsComeFromTheSuccessfulEvaluationsAndTheFormulaAveragesStandardScores() {
    Evaluation failed = new Evaluation("f", "f", new int[] {0}, Map.of(), Map.of(), 0, Evaluation.Status.FAILED,
        "boom", Map.of());
    // errors 0.2, 0.4 (mean 0.3, sd 0.1); scores 10, 30 (mean 20, sd 10)
    SignalBlend b = SignalBlend.fit("naswot", List.of(ok("a", 0.2, 10.0), failed, ok("b", 0.4, 30.0)));
    assertThat(b.count()).isEqualTo(2);
    assertThat(b.meanError()).isCloseTo(0.3, within(1e-12));
    assertThat(b.sdError()).isCloseTo(0.1, within(1e-12));
    assertThat(b.meanScore()).isCloseTo(20, within(1e-12));
    assertThat(b.sdScore()).isCloseTo(10, within(1e-12));
    // error 0.25 (z = -0.5), score 35 (z = +1.5): (-0.5 - 1.5) / 2 = -1
    assertThat(b.signalError(Map.of("error", 0.25, "naswot", 35.0))).isCloseTo(-1, within(1e-12));
    // The same error with a better score ranks better; standard scores are clipped at 3.
    assertThat(b.signalError(Map.of("error", 0.25, "naswot", 40.0)))
        .isLessThan(b.signalError(Map.of("error", 0.25, "naswot", 25.0)));
    assertThat(b.signalError(Map.of("error", 0.3, "naswot", 1e9))).isCloseTo(-1.5, within(1e-12));
    // A missing score (not finite at evaluation) counts as the lowest.
    assertThat(b.signalError(Map.of("error", 0.3))).isCloseTo(1.5, within(1e-12));
    Map<String, Double> with = b.withSignal(Map.of("error", 0.4, "naswot", 20.0));
    assertThat(with.get("signalError")).isCloseTo(0.5, within(1e-12));
    assertThat(with).containsEntry("error", 0.4).containsEntry("naswot", 20.0);
  }

  @Test
  void aScoreThatDoesNotVaryGetsNoWeight() {
    SignalBlend one = SignalBlend.fit("naswot", List.of(ok("a", 0.2, 10.0), ok("b", 0.4, null)));
    assertThat(one.sdScore()).isZero();
    assertThat(one.signalError(Map.of("error", 0.2, "naswot", 99.0)))
        .isEqualTo(one.signalError(Map.of("error", 0.2)));
    // Ranking then follows the error alone.
    assertThat(one.signalError(Map.of("error", 0.2))).isLessThan(one.signalError(Map.of("error", 0.4)));
    // Errors that do not differ (a proxy that learnt nothing): the score alone ranks.
    SignalBlend flat = SignalBlend.fit("naswot", List.of(ok("a", 0.9, 10.0), ok("b", 0.9, 30.0)));
    assertThat(flat.sdError()).isZero();
    assertThat(flat.signalError(Map.of("error", 0.9, "naswot", 30.0))).isCloseTo(-0.5, within(1e-12));
  }
}
