package org.nas4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.profiler.OnnxRuntimeProfiler;
import org.nas4j.profiler.bench.BenchJson;
import org.nas4j.profiler.bench.BenchReport;
import org.nas4j.profiler.bench.BenchRequest;
import org.nas4j.profiler.bench.BenchRun;
import org.nas4j.profiler.bench.BenchText;
import org.nas4j.profiler.bench.JUnitReport;
import org.nas4j.profiler.bench.ModelFiles;
import org.nas4j.profiler.bench.RegressionVerdict;
import org.nas4j.targets.TargetProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas bench}: times ONNX models through ONNX Runtime on a target, optionally against a baseline (exit 3 on a
 * regression), or interleaved against a reference model.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Time ONNX models on a target through ONNX Runtime; exit 3 if one regressed against a baseline.",
      "Runs are split over fresh sessions (--sessions); each session does one dry run, warm-up runs, then timed"
          + " runs of session.run (closing the result is timed too).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:success (no regression)",
      " 1:ONNX Runtime failed while timing",
      " 2:invalid input (bad option, model, target or baseline file)",
      " 3:latency regression against --baseline",
      " 4:target unavailable here (no CUDA provider, predictor-only target)",
      " 5:inconclusive: the gate could not tell within its rounds and --max-seconds whether the slowdown"
          + " exceeds the allowance",
    },
    footer = {"%nExamples:%n  nas bench model.onnx --target host --json",
      "  nas bench model.onnx --target host --save-baseline base.json",
      "  nas bench model.onnx --target host --baseline base.json --junit bench.xml",
      "  nas bench model.onnx --target host --baseline base.json --markdown > comment.md",
      "  nas bench new.onnx --compare old.onnx --target host"})
final class BenchCommand implements Callable<Integer> {
  enum InconclusiveAs { error, skip }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", arity = "1..*",
      description = "ONNX model files, folders (every *.onnx inside) or quoted globs such as 'models/*.onnx'.")
  List<String> models;

  @Mixin TargetOption target;

  @Mixin BenchTimingOptions timing;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Baseline file (from --save-baseline) to test against; exit 3 on a regression.")
  Path baseline;

  @Option(names = "--max-regression-pct", paramLabel = "PCT", defaultValue = "5",
      description = "Allowed slowdown of the true median vs the baseline, in percent (default: ${DEFAULT-VALUE}).")
  double maxRegressionPct;

  @Option(names = "--save-baseline", paramLabel = "FILE",
      description = "Write the raw samples and statistics of this run as a baseline file.")
  Path saveBaseline;

  @Option(names = "--calibrate", negatable = true,
      description = "Time a fixed calibration model interleaved with each model and let the regression test divide"
          + " it out (default: on with --baseline/--save-baseline, off otherwise; about 1.4x the time).")
  Boolean calibrate;

  @Option(names = "--baseline-model", paramLabel = "ONNX",
      description = "The baseline's model file, timed interleaved with MODEL so that machine load cancels (default:"
          + " the copy --save-baseline keeps in BASELINE.models/, when present).")
  Path baselineModel;

  @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "120",
      description = "Time budget of the gate: more rounds of sessions are measured while the verdict is"
          + " inconclusive and the next round fits (at most " + BenchRun.MAX_ROUNDS + "; default: ${DEFAULT-VALUE}).")
  double maxSeconds;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report (one testcase per model).")
  Path junit;

  @Option(names = "--junit-inconclusive", paramLabel = "AS", defaultValue = "error",
      description = "How an inconclusive verdict appears in JUnit XML: ${COMPLETION-CANDIDATES}"
          + " (default: ${DEFAULT-VALUE}).")
  InconclusiveAs junitInconclusive;

  @Option(names = "--markdown", description = "Print a short Markdown summary (for a pull-request comment).")
  boolean markdown;

  @Option(names = "--compare", paramLabel = "REFERENCE",
      description = "Time MODEL and REFERENCE interleaved in one process and report the ratio MODEL/REFERENCE.")
  Path compare;

  @Mixin OutputFormat output;

  @Option(names = "--device", paramLabel = "SERIAL",
      description = "adb serial of the phone to time on, for a target profile with measure ADB.")
  String device;

  @Override
  public Integer call() throws IOException {
    validateOptions();
    List<Path> files = ModelFiles.resolve(models);
    if (compare != null && files.size() != 1) {
      throw new ParameterException(spec.commandLine(), "--compare needs exactly one MODEL, got " + files.size());
    }
    TargetProfile profile = target.profile();
    if (profile.measure() == org.nas4j.targets.MeasureMode.ADB) {
      if (baseline != null || saveBaseline != null || compare != null || junit != null) {
        throw new ParameterException(spec.commandLine(), "--baseline, --save-baseline, --compare and --junit are"
            + " not offered for adb targets yet");
      }
      return AdbBench.run(spec.commandLine(), profile, device, timing.runs, files, output.json());
    }
    if (device != null) {
      throw new ParameterException(spec.commandLine(), "--device applies to targets with measure ADB only");
    }
    OnnxRuntimeProfiler.requireAvailable(profile);
    MeasureSettings settings = timing.settings(spec.commandLine(), profile);
    boolean calibrated = calibrate != null ? calibrate : baseline != null || saveBaseline != null;
    BenchRequest request = new BenchRequest(files, profile, settings, baseline, maxRegressionPct, saveBaseline,
        calibrated, junit, compare, VersionProvider.version(), baselineModel, maxSeconds,
        junitInconclusive == InconclusiveAs.skip ? JUnitReport.Outcome.SKIPPED : JUnitReport.Outcome.ERROR);
    BenchReport report = new BenchRun(new OnnxRuntimeProfiler(), listener()).run(request);
    PrintWriter out = spec.commandLine().getOut();
    out.println(output.json() ? BenchJson.render(report)
        : markdown && report.comparison() == null ? BenchText.markdown(report) : BenchText.render(report));
    return report.anyRegressed() ? ExitCodes.REGRESSION
        : report.anyInconclusive() ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
  }

  private BenchRun.Listener listener() {
    PrintWriter err = spec.commandLine().getErr();
    boolean quiet = quiet();
    return new BenchRun.Listener() {
      @Override
      public void timing(Path model) {
        if (!quiet) {
          err.println("nas: timing " + model + " ...");
        }
      }

      @Override
      public void warning(String message) {
        err.println("nas: warning: " + message);
      }

      @Override
      public void round(Path model, int round, RegressionVerdict v, double seconds, boolean more) {
        if (!quiet && more) {
          err.printf(java.util.Locale.ROOT, "nas: %s: round %d inconclusive (slowdown %+.2f%%, bounds %+.2f%% .."
              + " %+.2f%%) after %.1f s; measuring another round%n", model.getFileName(), round, v.slowdownPct(),
              v.slowdownCiLowPct(), v.slowdownCiHighPct(), seconds);
        }
      }

      @Override
      public void baselineWritten(Path file, int models) {
        if (!quiet) {
          err.println("nas: baseline of " + models + " model(s) written to " + file);
        }
      }
    };
  }

  private void validateOptions() {
    timing.validate(spec.commandLine());
    if (!(maxRegressionPct >= 0 && maxRegressionPct < 1000)) {
      bad("--max-regression-pct must be in [0, 1000), got " + maxRegressionPct);
    }
    if (compare != null && (baseline != null || saveBaseline != null || junit != null)) {
      bad("--compare cannot be combined with --baseline, --save-baseline or --junit");
    }
    if (!(maxSeconds > 0 && maxSeconds <= 86400)) {
      bad("--max-seconds must be in (0, 86400], got " + maxSeconds);
    }
    if (baselineModel != null && (baseline == null || models.size() != 1)) {
      bad("--baseline-model needs --baseline and exactly one MODEL");
    }
    if (markdown && output.json()) {
      bad("--markdown and --json/--format json are mutually exclusive");
    }
  }

  private void bad(String message) {
    throw new ParameterException(spec.commandLine(), message);
  }

  private boolean quiet() {
    return spec.root().userObject() instanceof NasCommand root && root.quiet;
  }
}
