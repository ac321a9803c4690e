package org.nas4j.profiler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegressionGateTest {
  /**
   * Synthetic latencies like the ones measured here: each session has its own speed (lognormal, sigma
   * {@code sessionSigma}), and each run adds 2% noise plus rare 5x outliers.
   */
  static List<double[]> sessions(SplittableRandom random, double medianMs, int sessions, int runs,
      double sessionSigma) {
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      double level = medianMs * Math.exp(sessionSigma * random.nextGaussian());
      double[] x = new double[runs];
      for (int i = 0; i < runs; i++) {
        x[i] = level * Math.exp(0.02 * random.nextGaussian()) * (random.nextDouble() < 0.02 ? 5 : 1);
      }
      out.add(x);
    }
    return out;
  }

  @Test
  void welchIntervalMatchesAHandComputation() {
    // session medians 1, 1.1 vs 2, 2.2: log ratio mean = ln 2 exactly; both sides have variance of logs v.
    List<double[]> a = List.of(new double[] {2.0}, new double[] {2.2});
    List<double[]> b = List.of(new double[] {1.0}, new double[] {1.1});
    RatioEstimate r = RatioEstimate.welch(a, b, 0.90);
    double v = Math.pow(Math.log(1.1), 2) / 2; // sample variance of {0, ln 1.1}
    double se = Math.sqrt(v / 2 + v / 2);
    assertThat(r.ratio()).isCloseTo(2.0, within(1e-12));
    assertThat(r.degreesOfFreedom()).isCloseTo(2.0, within(1e-9));
    assertThat(r.standardErrorLog()).isCloseTo(se, within(1e-12));
    assertThat(r.lowRatio()).isCloseTo(2.0 * Math.exp(-2.919986 * se), within(1e-5));
  }

  @Test
  void flagsATenPercentSlowdownAndNotTheSameModel() {
    SplittableRandom random = new SplittableRandom(11);
    List<double[]> base = sessions(random, 1.0, 5, 60, 0.01);
    RegressionVerdict same = RegressionGate.decide(base, sessions(random, 1.0, 5, 60, 0.01), 5, 1);
    RegressionVerdict slow = RegressionGate.decide(base, sessions(random, 1.10, 5, 60, 0.01), 5, 1);
    assertThat(same.regressed()).isFalse();
    assertThat(same.pValue()).isGreaterThan(0.5);
    assertThat(slow.regressed()).isTrue();
    assertThat(slow.pValue()).isLessThan(0.05);
    assertThat(slow.slowdownPct()).isBetween(7.0, 13.0);
    assertThat(slow.slowdownCiLowPct()).isGreaterThan(5).isLessThan(slow.slowdownPct());
    assertThat(slow.currentP50Ms() / slow.baselineP50Ms()).isBetween(1.05, 1.15);
    assertThat(slow.test()).isEqualTo(RatioEstimate.WELCH);
  }

  @Test
  void errorRatesOnSimulatedSessionDriftMeetTheAcceptanceNumbers() {
    // 1.5% session-to-session drift (as measured here with 1 thread): over 400 simulated gates each,
    // at most 5% false alarms on the same model and at least 95% detections of a 10% slowdown.
    SplittableRandom random = new SplittableRandom(5);
    int falseAlarms = 0;
    int detections = 0;
    int trials = 400;
    for (int t = 0; t < trials; t++) {
      List<double[]> base = sessions(random, 1.0, 5, 60, 0.015);
      if (RegressionGate.decide(base, sessions(random, 1.0, 5, 60, 0.015), 5, t).regressed()) {
        falseAlarms++;
      }
      if (RegressionGate.decide(base, sessions(random, 1.10, 5, 60, 0.015), 5, t).regressed()) {
        detections++;
      }
    }
    assertThat(falseAlarms).isLessThanOrEqualTo(trials / 20);
    assertThat(detections).isGreaterThanOrEqualTo(trials * 19 / 20);
  }

  @Test
  void aSlowdownExactlyAtTheAllowanceIsRarelyFlagged() {
    // The test's size: a model truly 5% slower must be flagged in about <= 5% of cases (the alpha).
    SplittableRandom random = new SplittableRandom(9);
    int flagged = 0;
    int trials = 400;
    for (int t = 0; t < trials; t++) {
      List<double[]> base = sessions(random, 1.0, 5, 60, 0.015);
      if (RegressionGate.decide(base, sessions(random, 1.05, 5, 60, 0.015), 5, t).regressed()) {
        flagged++;
      }
    }
    assertThat(flagged).isLessThanOrEqualTo(trials * 8 / 100);
  }

  @Test
  void singleSessionFallsBackToTheBootstrap() {
    SplittableRandom random = new SplittableRandom(2);
    List<double[]> base = sessions(random, 1.0, 1, 300, 0);
    RegressionVerdict slow = RegressionGate.decide(base, sessions(random, 1.2, 1, 300, 0), 5, 1);
    assertThat(slow.test()).isEqualTo(RatioEstimate.BOOTSTRAP);
    assertThat(slow.regressed()).isTrue();
    RegressionVerdict same = RegressionGate.decide(base, sessions(random, 1.0, 1, 300, 0), 5, 1);
    assertThat(same.regressed()).isFalse();
    assertThat(same.slowdownCiLowPct()).isLessThan(0).isGreaterThan(-2);
  }

  @Test
  void pairedRatioOfInterleavedSessionsCancelsSharedDrift() {
    // Both models share each session's speed (as when interleaved): the paired interval stays narrow.
    SplittableRandom random = new SplittableRandom(4);
    List<double[]> a = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      double level = Math.exp(0.1 * random.nextGaussian());
      a.add(new double[] {1.3 * level * (1 + 0.001 * random.nextGaussian())});
      b.add(new double[] {level});
    }
    RatioEstimate paired = RatioEstimate.paired(a, b, 0.95);
    RatioEstimate welch = RatioEstimate.welch(a, b, 0.95);
    assertThat(paired.ratio()).isCloseTo(1.3, within(0.01));
    assertThat(paired.highRatio() - paired.lowRatio()).isLessThan(0.01);
    assertThat(welch.highRatio() - welch.lowRatio()).isGreaterThan(0.1);
  }

  /** Model and calibration sessions that share each session's machine speed (interleaved), times a process shift. */
  static List<List<double[]>> calibrated(SplittableRandom random, double modelMs, double processShift) {
    List<double[]> model = new ArrayList<>();
    List<double[]> cal = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      double speed = processShift * Math.exp(0.03 * random.nextGaussian());
      double[] m = new double[60];
      double[] c = new double[60];
      for (int i = 0; i < 60; i++) {
        m[i] = modelMs * speed * Math.exp(0.02 * random.nextGaussian());
        c[i] = 0.5 * speed * Math.exp(0.02 * random.nextGaussian());
      }
      model.add(m);
      cal.add(c);
    }
    return List.of(model, cal);
  }

  @Test
  void calibrationCancelsAMachineThatGotSlowerBetweenRuns() {
    SplittableRandom random = new SplittableRandom(12);
    List<List<double[]>> base = calibrated(random, 1.0, 1.0);
    // same model, but the whole machine is 12% slower now (other processes): raw says regression, calibrated not
    List<List<double[]>> loaded = calibrated(random, 1.0, 1.12);
    assertThat(RegressionGate.decide(base.get(0), loaded.get(0), 5, 1).regressed()).isTrue();
    RegressionVerdict same = RegressionGate.decideCalibrated(base.get(0), base.get(1), loaded.get(0), loaded.get(1),
        5, 1);
    assertThat(same.regressed()).isFalse();
    assertThat(same.calibrated()).isTrue();
    assertThat(same.test()).isEqualTo(RatioEstimate.WELCH_CALIBRATED);
    assertThat(same.rawSlowdownPct()).isGreaterThan(8);
    assertThat(same.slowdownPct()).isBetween(-3.0, 3.0);
    // a 10% slower model on a machine that is 5% faster now: raw sees ~4.5%, calibrated sees ~10%
    List<List<double[]>> slower = calibrated(random, 1.10, 0.95);
    RegressionVerdict slow = RegressionGate.decideCalibrated(base.get(0), base.get(1), slower.get(0), slower.get(1),
        5, 1);
    assertThat(slow.regressed()).isTrue();
    assertThat(slow.slowdownPct()).isBetween(7.0, 13.0);
    assertThat(RegressionGate.decide(base.get(0), slower.get(0), 5, 1).regressed()).isFalse();
  }

  @Test
  void calibrationThatDoesNotPairUpFallsBackToRawLatencies() {
    SplittableRandom random = new SplittableRandom(13);
    List<List<double[]>> base = calibrated(random, 1.0, 1.0);
    RegressionVerdict v = RegressionGate.decideCalibrated(base.get(0), base.get(1).subList(0, 3), base.get(0),
        base.get(1), 5, 1);
    assertThat(v.calibrated()).isFalse();
    assertThat(v.test()).isEqualTo(RatioEstimate.WELCH);
  }

  @Test
  void rejectsANegativeAllowance() {
    List<double[]> one = List.of(new double[] {1}, new double[] {1});
    assertThatThrownBy(() -> RegressionGate.decide(one, one, -1, 1)).hasMessageContaining("maxRegressionPct");
  }

  @Test
  void okNeedsTheUpperBoundBelowTheAllowanceAndOtherwiseItIsInconclusive() {
    SplittableRandom random = new SplittableRandom(21);
    List<double[]> base = sessions(random, 1.0, 5, 60, 0.01);
    // Rationale: 1% session noise gives a slowdown interval of a few percent: +0% is clearly under 10%, +5% cannot
    // be told apart from a 5% allowance, +20% is clearly over it.
    RegressionVerdict ok = RegressionGate.decide(base, sessions(random, 1.0, 5, 60, 0.01), 10, 1);
    RegressionVerdict unsure = RegressionGate.decide(base, sessions(random, 1.05, 5, 60, 0.01), 5, 1);
    RegressionVerdict bad = RegressionGate.decide(base, sessions(random, 1.2, 5, 60, 0.01), 5, 1);
    assertThat(ok.verdict()).isEqualTo(RegressionVerdict.Verdict.OK);
    assertThat(ok.slowdownCiHighPct()).isLessThan(10);
    assertThat(unsure.verdict()).isEqualTo(RegressionVerdict.Verdict.INCONCLUSIVE);
    assertThat(unsure.regressed()).isFalse();
    assertThat(unsure.slowdownCiLowPct()).isLessThan(5);
    assertThat(unsure.slowdownCiHighPct()).isGreaterThan(5);
    assertThat(bad.verdict()).isEqualTo(RegressionVerdict.Verdict.REGRESSION);
    assertThat(bad.regressed()).isTrue();
    // the smallest detectable slowdown lies above the allowance by (t_0.95 + t_0.8) standard errors
    assertThat(unsure.minDetectablePct()).isGreaterThan(5).isLessThan(15);
    assertThat(unsure.inconclusive("why").reason()).isEqualTo("why");
  }

  @Test
  void aPairedTestAgainstTheBaselineModelCancelsLoadThatSlowsBoth() {
    // both models share each session's speed, which varies by 20% (a busy machine); the current one is 10% slower
    SplittableRandom random = new SplittableRandom(22);
    List<double[]> base = new ArrayList<>();
    List<double[]> cur = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      double speed = Math.exp(0.2 * random.nextGaussian());
      base.add(new double[] {speed * Math.exp(0.005 * random.nextGaussian())});
      cur.add(new double[] {1.10 * speed * Math.exp(0.005 * random.nextGaussian())});
    }
    RegressionVerdict paired = RegressionGate.decidePaired(base, cur, 5, 1, RegressionGate.ALPHA / 4);
    assertThat(paired.verdict()).isEqualTo(RegressionVerdict.Verdict.REGRESSION);
    assertThat(paired.test()).isEqualTo(RegressionGate.PAIRED_BASELINE_MODEL);
    assertThat(paired.slowdownPct()).isBetween(8.0, 12.0);
    assertThat(paired.rule()).contains("98.75% lower bound");
    // the same data unpaired cannot tell
    assertThat(RegressionGate.decide(base, cur, 5, 1).verdict()).isEqualTo(RegressionVerdict.Verdict.INCONCLUSIVE);
  }

  @Test
  void theAllowanceABaselineSupportsGrowsWithItsNoise() {
    SplittableRandom random = new SplittableRandom(23);
    Double quiet = RegressionGate.supportedAllowancePct(sessions(random, 1.0, 5, 60, 0.005), null, 0.0125);
    Double noisy = RegressionGate.supportedAllowancePct(sessions(random, 1.0, 5, 60, 0.05), null, 0.0125);
    assertThat(quiet).isLessThan(2.0);
    assertThat(noisy).isGreaterThan(5.0);
    assertThat(RegressionGate.supportedAllowancePct(sessions(random, 1.0, 1, 60, 0), null, 0.05)).isNull();
  }
}
