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
      text.add(describe(report, r));
    }
    return String.join(nl, text);
  }

  /**
   * One JUnit test case per model: a failure on a regression, {@code inconclusive} (an error or a skip) on an
   * inconclusive verdict, with the numbers as the element's text and system-out.
   */
  static List<JUnitReport.Case> junitCases(BenchReport report, JUnitReport.Outcome inconclusive) {
    List<JUnitReport.Case> cases = new ArrayList<>();
    for (BenchReport.ModelResult r : report.results()) {
      RegressionVerdict v = r.verdict();
      JUnitReport.Outcome outcome = v == null || v.verdict() == RegressionVerdict.Verdict.OK
          ? JUnitReport.Outcome.PASSED
          : v.regressed() ? JUnitReport.Outcome.FAILURE : inconclusive;
      cases.add(new JUnitReport.Case(r.measurement().model().getFileName().toString(),
          "nas.bench." + report.target().id(), r.seconds(), outcome,
          outcome == JUnitReport.Outcome.PASSED ? null : verdictLine(v),
          v != null ? verdictDetails(v) + System.lineSeparator() + gateLine(r) : statsLine(r.stats())));
    }
    return cases;
  }

  /**
   * A short Markdown summary fit for a pull-request comment: one table row per model with both p50s, the slowdown and
   * its interval, the allowance and the verdict; then any reasons.
   */
  public static String markdown(BenchReport report) {
    StringBuilder sb = new StringBuilder();
    String nl = System.lineSeparator();
    sb.append("#### nas bench: latency on target `").append(report.target().id()).append('`').append(nl).append(nl);
    if (report.results().stream().allMatch(r -> r.verdict() == null)) {
      sb.append("| model | p50 ms | 95% CI ms | p90 ms | runs |").append(nl);
      sb.append("| --- | ---: | ---: | ---: | ---: |").append(nl);
      for (BenchReport.ModelResult r : report.results()) {
        SampleStats s = r.stats();
        sb.append(String.format(Locale.ROOT, "| `%s` | %.4f | %.4f .. %.4f | %.4f | %d |%n",
            r.measurement().model().getFileName(), s.p50Ms(), s.p50CiLowMs(), s.p50CiHighMs(), s.p90Ms(), s.n()));
      }
      return sb.toString().stripTrailing();
    }
    sb.append("| model | baseline p50 ms | p50 ms | slowdown | ").append(level2(report.results().get(0).verdict()))
        .append("% CI | allowed | verdict |").append(nl);
    sb.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |").append(nl);
    List<String> notes = new ArrayList<>();
    for (BenchReport.ModelResult r : report.results()) {
      RegressionVerdict v = r.verdict();
      String icon = switch (v.verdict()) {
        case OK -> "OK";
        case REGRESSION -> "**REGRESSION**";
        case INCONCLUSIVE -> "_INCONCLUSIVE_";
      };
      sb.append(String.format(Locale.ROOT, "| `%s` | %.4f | %.4f | %+.2f%% | %+.2f%% .. %+.2f%% | %s%% | %s |%n",
          r.measurement().model().getFileName(), v.baselineP50Ms(), v.currentP50Ms(), v.slowdownPct(),
          v.slowdownCiLowPct(), v.slowdownCiHighPct(), fmt(v.maxRegressionPct()), icon));
      if (v.verdict() == RegressionVerdict.Verdict.INCONCLUSIVE) {
        notes.add("`" + r.measurement().model().getFileName() + "`: " + verdictLine(v));
      }
    }
    for (String n : notes) {
      sb.append(nl).append(n).append(nl);
    }
    BenchReport.ModelResult first = report.results().get(0);
    sb.append(nl).append("<sub>").append(gateLine(first)).append("; test ").append(first.verdict().test())
        .append("; ONNX Runtime ").append(first.measurement().runtime().onnxRuntimeVersion()).append(", nas ")
        .append(report.nasVersion()).append("</sub>");
    return sb.toString();
  }

  private static String describe(BenchReport report, BenchReport.ModelResult r) {
    String text = describe(report, r.measurement(), r.stats(), r.verdict());
    if (r.verdict() == null) {
      return text;
    }
    int cut = text.lastIndexOf(System.lineSeparator());
    return text.substring(0, cut) + System.lineSeparator() + "  " + gateLine(r) + text.substring(cut);
  }

  /** How the gate measured: rounds, sessions, seconds against the budget, and what was timed alongside. */
  static String gateLine(BenchReport.ModelResult r) {
    String alongside = r.baselineNow() != null ? "the baseline model " + r.baselineNow().model()
        : r.calibration() != null ? "the calibration model" : "nothing";
    return String.format(Locale.ROOT, "measured %d round%s, %d sessions in %.1f s (budget %s s), timed"
        + " interleaved with %s", r.rounds(), r.rounds() == 1 ? "" : "s", r.measurement().sessionSamplesMs().size(),
        r.seconds(), fmt(r.maxSeconds()), alongside);
  }

  /** The one-line verdict: REGRESSION, OK or INCONCLUSIVE with the bound that decided it. */
  public static String verdictLine(RegressionVerdict v) {
    return switch (v.verdict()) {
      case REGRESSION -> regressionLine(v);
      case OK -> String.format(Locale.ROOT, "OK: slowdown %+.2f%% (upper %s%% bound %+.2f%%) < allowed %s%%",
          v.slowdownPct(), level(v), v.slowdownCiHighPct(), fmt(v.maxRegressionPct()));
      case INCONCLUSIVE -> String.format(Locale.ROOT, "INCONCLUSIVE: slowdown %+.2f%% (%s%% bounds %+.2f%% .. %+.2f%%)"
          + " %s allowed %s%%; the smallest slowdown this measurement could flag is %+.1f%%%s",
          v.slowdownPct(), level(v), v.slowdownCiLowPct(), v.slowdownCiHighPct(),
          v.reason() == null ? "straddles the" : "vs the", fmt(v.maxRegressionPct()), v.minDetectablePct(),
          v.reason() == null ? "" : "; " + v.reason());
    };
  }

  private static String level(RegressionVerdict v) {
    return RegressionGate.percent(1 - v.alpha());
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
      sb.append(System.lineSeparator()).append("  ").append(verdictLine(v));
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
        "baseline p50 %.4f ms, current p50 %.4f ms (raw %+.2f%%); %sslowdown %+.2f%% (%s%% CI %+.2f%% .. %+.2f%%);"
            + " test %s, p = %.4f for H0 'slowdown <= %s%%'; rule: %s",
        v.baselineP50Ms(), v.currentP50Ms(), v.rawSlowdownPct(), v.calibrated() ? "calibrated " : "",
        v.slowdownPct(), level2(v), v.slowdownCiLowPct(), v.slowdownCiHighPct(), v.test(), v.pValue(),
        fmt(v.maxRegressionPct()), v.rule());
  }

  /** The one-line failure message of a regression. */
  public static String regressionLine(RegressionVerdict v) {
    return String.format(Locale.ROOT,
        "REGRESSION: p50 %.4f ms vs baseline %.4f ms, slowdown %+.2f%% (lower %s%% bound %+.2f%%) > allowed %s%%",
        v.currentP50Ms(), v.baselineP50Ms(), v.slowdownPct(), level(v), v.slowdownCiLowPct(),
        fmt(v.maxRegressionPct()));
  }

  private static String level2(RegressionVerdict v) {
    return RegressionGate.percent(1 - 2 * v.alpha());
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
