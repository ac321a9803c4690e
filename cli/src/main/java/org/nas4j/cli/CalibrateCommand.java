package org.nas4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.profiler.OnnxRuntimeProfiler;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.search.latency.fit.Calibration;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.latency.fit.PredictorFitting;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.MeasureMode;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nas targets calibrate}: measure sampled architectures on a target (this machine through ONNX Runtime, or
 * a phone over adb) and fit that target's latency predictor on them.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Sample architectures of a search space (seeded), export and time each one on the target (ONNX"
        + " Runtime on this machine for measure ONNXRUNTIME, a phone for measure ADB), fit the kernel-level latency"
        + " predictor on the measurements and print its held-out error (k-fold over architectures).",
        "Writes the predictor JSON (--out) and the measurements next to it (same name, .csv: arch, archId,"
        + " latencyMs, p50Ms, referenceP50Ms), which 'nas targets fit --space S --table FILE.csv --arch-column arch"
        + " --latency-column latencyMs' with the same macro options and --seed refits.",
        "On this machine each model is timed interleaved with a fixed reference model and its latency is the"
        + " median model/reference ratio times the reference's median over the whole run, which cancels most of"
        + " the drift of a shared machine."},
    footer = {"%nExamples:%n  nas targets calibrate --target host --space darts --samples 200 --seed 1 --out"
        + " host-predictor.json%n"
        + "  nas targets calibrate --target-file phone.json --device R58M123ABC --space nb201 --samples 100"
        + " --out phone-predictor.json"})
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOption target;
  @Mixin MacroOptions macro;
  @Mixin OutputFormat format;

  @Option(names = "--space", defaultValue = "darts", paramLabel = "SPACE",
      description = "Space to sample: darts or nb201 (default: ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--samples", defaultValue = "200", paramLabel = "N",
      description = "Distinct architectures to measure (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of sampling, weights and folds (default: picked and printed on stderr).")
  Long seed;

  @Option(names = "--folds", defaultValue = "5", paramLabel = "N",
      description = "Cross-validation folds over architectures (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--runs", paramLabel = "N",
      description = "Timed runs per model (default: the profile's measuredRuns, at most 100 on this machine).")
  Integer runs;

  @Option(names = "--warmup-runs", paramLabel = "N",
      description = "Untimed runs per model (default: the profile's warmupRuns, at most 5 on this machine).")
  Integer warmupRuns;

  @Option(names = "--device", paramLabel = "SERIAL",
      description = "adb serial of the phone, for a profile with measure ADB.")
  String device;

  @Option(names = "--out", defaultValue = "host-predictor.json", paramLabel = "FILE",
      description = "Predictor JSON to write (default: ${DEFAULT-VALUE}); the CSV goes next to it.")
  Path out;

  @Override
  public Integer call() throws Exception {
    TargetProfile p = target.profile();
    LatencySpace s = LatencySpace.of(space);
    if (s == LatencySpace.FBNET) {
      throw new ParameterException(spec.commandLine(), "--space must be darts or nb201 (fbnet networks cannot be"
          + " built yet)");
    }
    MacroConfig m = resolveMacro(s);
    long usedSeed = seed != null ? seed : new java.util.SplittableRandom().nextLong(1L << 31);
    PrintWriter err = spec.commandLine().getErr();
    if (seed == null) {
      err.println("nas: no --seed given; using --seed " + usedSeed);
    }
    Calibration.Settings settings = new Calibration.Settings(s, m, samples, usedSeed, folds);
    Calibration.ModelTimer timer;
    PredictorFitting.DeviceInfo info;
    AutoCloseable cleanup = () -> { };
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String load = loadAverage();
    if (p.measure() == MeasureMode.ONNXRUNTIME) {
      if (device != null) {
        throw new ParameterException(spec.commandLine(), "--device applies to targets with measure ADB only");
      }
      OnnxRuntimeProfiler.requireAvailable(p);
      MeasureSettings ms = new MeasureSettings(p.threads(),
          warmupRuns != null ? warmupRuns : Math.min(5, p.warmupRuns()),
          runs != null ? runs : Math.min(100, p.measuredRuns()), 0, 1, null, Map.of(), usedSeed);
      OnnxRuntimeProfiler profiler = new OnnxRuntimeProfiler();
      timer = model -> Calibration.hostTiming(profiler.measureCalibrated(model, p, ms));
      info = new PredictorFitting.DeviceInfo(OnnxRuntimeProfiler.cpuModel(),
          "ONNX Runtime " + OnnxRuntimeProfiler.onnxRuntimeVersion() + " " + p.executionProvider() + " EP, "
              + p.threads() + " thread(s)", p.precision() != null ? p.precision() : "fp32",
          String.format(Locale.ROOT, "nas targets calibrate --target %s: %d sampled %s architectures (%s), seed %d,"
              + " %d warm-up + %d timed runs each interleaved with the calibration model, measured %s, load"
              + " average %s", p.id(), samples, s.id(), m.describe(), usedSeed, ms.warmupRuns(), ms.measuredRuns(),
              date, load));
    } else if (p.measure() == MeasureMode.ADB) {
      if (warmupRuns != null) {
        throw new ParameterException(spec.commandLine(), "--warmup-runs does not apply to adb targets"
            + " (onnxruntime_perf_test makes one warm-up run)");
      }
      AdbTargets.Setup adb = AdbTargets.setup(p, device, runs);
      cleanup = adb;
      timer = adb.timer();
      info = new PredictorFitting.DeviceInfo(adb.deviceDescription(), adb.runtimeDescription(),
          p.precision() != null ? p.precision() : "fp32",
          String.format(Locale.ROOT, "nas targets calibrate --target %s --device %s: %d sampled %s architectures"
              + " (%s), seed %d, measured %s", p.id(), device, samples, s.id(), m.describe(), usedSeed, date));
    } else {
      throw new InvalidArgumentException("target " + p.id() + " has measure " + p.measure() + "; calibration needs"
          + " a target that can be measured (ONNXRUNTIME or ADB)");
    }
    Path csv = csvFor(out);
    Path work = out.toAbsolutePath().getParent();
    Calibration.Result r;
    try (AutoCloseable c = cleanup) {
      r = Calibration.run(settings, timer, info, work, out, csv,
          line -> {
            if (!format.json()) {
              err.println(line);
            }
          });
    }
    PrintWriter o = spec.commandLine().getOut();
    if (format.json()) {
      o.print(r.predictor().toJson());
      return ExitCodes.OK;
    }
    ErrorMetrics e = r.predictor().heldOutError().overall();
    o.printf(Locale.ROOT, "Calibrated %s (%s; %s) on %d %s architectures (%s); load average %s at the start, %s"
        + " at the end.%n", p.id(), info.device(), info.runtime(), r.samples().size(), s.id(), m.describe(), load,
        loadAverage());
    o.printf(Locale.ROOT, "Held-out error, %d-fold over architectures (seed %d): within ±10%% %.1f%%, median %.1f%%,"
        + " p90 %.1f%%, Spearman %.3f%n", folds, usedSeed, 100 * e.within10PctShare(), e.medianAbsErrorPct(),
        e.p90AbsErrorPct(), e.spearmanRho());
    o.println("Wrote " + out + " and " + csv);
    o.printf(Locale.ROOT, "Refit: nas targets fit --space %s --table %s --arch-column arch --latency-column latencyMs"
        + " --cells %d --channels %d --input %s --classes %d --stem %s --folds %d --seed %d --out FILE%n", s.id(), csv,
        m.cells(), m.channels(), m.input(), m.classes(), m.stem().name().toLowerCase(Locale.ROOT), folds, usedSeed);
    return ExitCodes.OK;
  }

  private MacroConfig resolveMacro(LatencySpace s) {
    if (s == LatencySpace.DARTS) {
      return macro.over(Calibration.dartsDefaultMacro());
    }
    return macro.resolve(s.id(), false);
  }

  static Path csvFor(Path json) {
    String name = json.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return json.resolveSibling(base + ".csv");
  }

  static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

}
