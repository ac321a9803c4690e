package org.nas4j.profiler.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nas4j.profiler.Measurement;
import org.nas4j.profiler.RuntimeInfo;
import org.nas4j.targets.TargetProfile;

/**
 * The human-readable renderings of a {@link BenchReport}: the text report of {@code nas bench} and the lines of its
 * JUnit XML cases. Every line a CI log shows states the numbers and the rule behind a verdict. Stateless.
 */
public final class BenchText {
  private BenchText() {}

  /** The text report: a block per model, or both models and the ratio for a comparison. */
  public static String render(BenchReport report) {
    String nl = System.lineSeparator();
    BenchReport.ComparisonResult c = report.comparison();
    if (c != null) {
      RatioEstimate ratio = c.ratio();
      return describe(report, c.model(), c.modelStats(), null) + nl
          + describe(report, c.reference(), c.referenceStats(), null) + nl
          + String.format(Locale.ROOT, "ratio %s / %s: %.4f (95%% CI %.4f .. %.4f, %s over %d interleaved sessions)",
              c.model().model().getFileName(), c.reference().model().getFileName(), ratio.ratio(), ratio.lowRatio(),
              ratio.highRatio(), ratio.method(), report.settings().sessions());
    }
    List<String> text = new ArrayList<>();
    for (BenchReport.ModelResult r : report.results()) {
      text.add(describe(report, r.measurement(), r.stats(), r.verdict()));
    }
    return String.join(nl, text);
  }

  /** One JUnit test case per model: failed on a regression, with the numbers as failure text or system-out. */
  static List<JUnitReport.Case> junitCases(BenchReport report) {
    List<JUnitReport.Case> cases = new ArrayList<>();
    for (BenchReport.ModelResult r : report.results()) {
      RegressionVerdict v = r.verdict();
      cases.add(new JUnitReport.Case(r.measurement().model().getFileName().toString(),
          "nas.bench." + report.target().id(), r.seconds(), v != null && v.regressed() ? regressionLine(v) : null,
          v != null ? verdictDetails(v) : statsLine(r.stats())));
    }
    return cases;
  }

  private static String describe(BenchReport report, Measurement m, SampleStats s, RegressionVerdict v) {
    TargetProfile profile = report.target();
    RuntimeInfo info = m.runtime();
    Path model = m.model();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s  target %s (%s, %d thread%s, spinning %s, %d session%s x %d runs,"
            + " %d warm-up)%n", model, profile.id(), info.executionProvider(), info.threads(),
        info.threads() == 1 ? "" : "s", info.allowSpinning() ? "on" : "off", m.sessionSamplesMs().size(),
        m.sessionSamplesMs().size() == 1 ? "" : "s", m.sessionSamplesMs().get(0).length, m.warmupRuns()));
    sb.append("  ").append(statsLine(s));
    if (v != null) {
      sb.append(System.lineSeparator()).append("  ").append(verdictDetails(v));
      sb.append(System.lineSeparator()).append("  ").append(v.regressed() ? regressionLine(v) : "OK: "
          + "no regression beyond " + fmt(v.maxRegressionPct()) + "%");
    }
    sb.append(System.lineSeparator()).append(String.format(Locale.ROOT,
        "  ONNX Runtime %s, %s, Java %s, nas %s", info.onnxRuntimeVersion(), info.cpuModel(), info.javaVersion(),
        report.nasVersion()));
    return sb.toString();
  }

  /** p50 with its interval, p90, mean, stdev, CV and n on one line. */
  static String statsLine(SampleStats s) {
    return String.format(Locale.ROOT,
        "p50 %.4f ms (%.0f%% CI %.4f .. %.4f)  p90 %.4f ms  mean %.4f ms  stdev %.4f ms  CV %.1f%%  n %d",
        s.p50Ms(), 100 * s.p50CiLevel(), s.p50CiLowMs(), s.p50CiHighMs(), s.p90Ms(), s.meanMs(), s.stdevMs(),
        s.cvPct(), s.n());
  }

  /** Both p50s, the slowdown with its interval, the test, its p-value and the rule, on one line. */
  public static String verdictDetails(RegressionVerdict v) {
    return String.format(Locale.ROOT,
        "baseline p50 %.4f ms, current p50 %.4f ms (raw %+.2f%%); %sslowdown %+.2f%% (90%% CI %+.2f%% .. %+.2f%%);"
            + " test %s, p = %.4f for H0 'slowdown <= %s%%'; rule: %s",
        v.baselineP50Ms(), v.currentP50Ms(), v.rawSlowdownPct(), v.calibrated() ? "calibrated " : "",
        v.slowdownPct(), v.slowdownCiLowPct(), v.slowdownCiHighPct(), v.test(), v.pValue(),
        fmt(v.maxRegressionPct()), v.rule());
  }

  /** The one-line failure message of a regression. */
  public static String regressionLine(RegressionVerdict v) {
    return String.format(Locale.ROOT,
        "REGRESSION: p50 %.4f ms vs baseline %.4f ms, slowdown %+.2f%% (lower 95%% bound %+.2f%%) > allowed %s%%",
        v.currentP50Ms(), v.baselineP50Ms(), v.slowdownPct(), v.slowdownCiLowPct(), fmt(v.maxRegressionPct()));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
