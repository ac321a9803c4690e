package org.nas4j.profiler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nas4j.profiler.CalibrationModel;
import org.nas4j.profiler.Comparison;
import org.nas4j.profiler.Measurement;
import org.nas4j.profiler.OnnxRuntimeProfiler;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The application behind {@code nas bench}: times models through ONNX Runtime, gates them against a baseline file,
 * records baselines, writes JUnit XML, or compares two models interleaved. Input problems (a baseline without an
 * entry for a model, an unreadable baseline, a model ONNX Runtime rejects) throw {@link InvalidArgumentException}
 * or another {@code InvalidInputException} before anything is timed or written. Not thread-safe: one run at a time.
 */
public final class BenchRun {
  /** What a run reports while it works; the default methods ignore everything. */
  public interface Listener {
    /** Called before timing each model when there are several. */
    default void timing(Path model) {}

    /** A warning a user should see (one line, no prefix). */
    default void warning(String message) {}

    /**
     * Called after each round of sessions of a gate with the verdict so far, the seconds spent on the model and
     * whether another round follows.
     */
    default void round(Path model, int round, RegressionVerdict verdict, double seconds, boolean more) {}

    /** Called after a baseline of {@code models} models was written to {@code file}. */
    default void baselineWritten(Path file, int models) {}
  }

  /** The most rounds of sessions a gate measures (each at most once more when still inconclusive). */
  public static final int MAX_ROUNDS = 4;
  /**
   * How far the calibration model's latency may be from the baseline's before calibration is not trusted: the gate's
   * benchmark (docs/bench.md) saw calibrated slowdowns of an unchanged model of +13% to +27% under load.
   */
  public static final double MAX_MACHINE_DRIFT_PCT = 10;

  private final OnnxRuntimeProfiler profiler;
  private final Listener listener;

  /** A run that times with {@code profiler} and reports to {@code listener}. */
  public BenchRun(OnnxRuntimeProfiler profiler, Listener listener) {
    this.profiler = Objects.requireNonNull(profiler);
    this.listener = Objects.requireNonNull(listener);
  }

  /**
   * Does what {@code request} asks.
   *
   * @throws IOException if a baseline or JUnit file cannot be written
   */
  public BenchReport run(BenchRequest request) throws IOException {
    OnnxRuntimeProfiler.requireAvailable(request.target());
    BaselineFile base = request.baseline() == null ? null : BaselineFile.read(request.baseline());
    if (base != null) {
      for (Path f : request.models()) {
        if (base.entryFor(f) == null) {
          throw new InvalidArgumentException("baseline file " + request.baseline() + " has no entry for "
              + f.getFileName() + " (entries: " + String.join(", ", base.entries().stream()
              .map(BaselineEntry::model).toList()) + ")");
        }
      }
    }
    List<Path> toCheck = new ArrayList<>(request.models());
    if (request.compare() != null) {
      toCheck.add(request.compare());
    }
    if (request.baselineModel() != null) {
      toCheck.add(request.baselineModel());
    }
    for (Path f : toCheck) {
      profiler.check(f, request.target(), request.settings());
    }
    if (request.compare() != null) {
      return compare(request);
    }
    List<BenchReport.ModelResult> results = new ArrayList<>();
    for (Path f : request.models()) {
      if (request.models().size() > 1) {
        listener.timing(f);
      }
      results.add(gate(request, f, base));
    }
    BenchReport report = new BenchReport(request.target(), request.settings(), request.nasVersion(), results, null);
    if (request.saveBaseline() != null) {
      List<BaselineEntry> entries = results.stream().map(r -> entry(request, r)).toList();
      storeModels(request.saveBaseline(), results);
      new BaselineFile(BaselineFile.SCHEMA, Instant.now().toString(), request.nasVersion(), entries)
          .write(request.saveBaseline());
      listener.baselineWritten(request.saveBaseline(), entries.size());
    }
    if (request.junit() != null) {
      JUnitReport.write(request.junit(), "nas bench " + request.target().id(),
          BenchText.junitCases(report, request.junitInconclusive()));
    }
    return report;
  }

  private BenchReport.ModelResult gate(BenchRequest request, Path f, BaselineFile base) {
    long started = System.nanoTime();
    BaselineEntry entry = base == null ? null : base.entryFor(f);
    Path baselineModel = entry == null ? null : baselineModel(request, entry);
    double alpha = entry == null ? RegressionGate.ALPHA : RegressionGate.ALPHA / MAX_ROUNDS;
    Measurement m = null;
    Measurement ref = null;
    RegressionVerdict verdict = null;
    int rounds = 0;
    while (true) {
      long roundStarted = System.nanoTime();
      Round round = measureOnce(request, f, baselineModel);
      m = merge(m, round.model());
      ref = round.reference() == null ? null : merge(ref, round.reference());
      rounds++;
      if (entry == null) {
        break;
      }
      if (rounds == 1) {
        warnIfDifferent(request, entry, m);
      }
      verdict = decide(request, entry, m, ref, baselineModel != null, alpha, rounds == 1);
      double elapsed = (System.nanoTime() - started) / 1e9;
      double last = (System.nanoTime() - roundStarted) / 1e9;
      boolean more = verdict.verdict() == RegressionVerdict.Verdict.INCONCLUSIVE && verdict.reason() == null
          && rounds < MAX_ROUNDS && elapsed + last <= request.maxSeconds();
      listener.round(f, rounds, verdict, elapsed, more);
      if (!more) {
        break;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    SampleStats stats = SampleStats.of(m.allSamplesMs());
    return new BenchReport.ModelResult(m, stats, baselineModel == null ? ref : null, request.baseline(), entry,
        verdict, seconds, baselineModel == null ? null : ref, rounds, request.maxSeconds());
  }

  /** One round: the model alone, with the calibration model, or with the baseline model, interleaved. */
  private Round measureOnce(BenchRequest request, Path f, Path baselineModel) {
    Comparison c = null;
    if (baselineModel != null) {
      c = profiler.compare(f, baselineModel, request.target(), request.settings());
    } else if (request.calibrate()) {
      c = profiler.measureCalibrated(f, request.target(), request.settings());
    }
    return c != null ? new Round(c.model(), c.reference())
        : new Round(profiler.measure(f, request.target(), request.settings()), null);
  }

  /** The model's samples of one round, and those of the model timed interleaved with it (or null). */
  private record Round(Measurement model, Measurement reference) {}

  private RegressionVerdict decide(BenchRequest request, BaselineEntry entry, Measurement m, Measurement ref,
      boolean paired, double alpha, boolean firstRound) {
    double allowance = request.maxRegressionPct();
    long seed = request.settings().seed();
    if (paired) {
      return RegressionGate.decidePaired(ref.sessionSamplesMs(), m.sessionSamplesMs(), allowance, seed, alpha);
    }
    if (ref != null && entry.calibrationSamplesMs() != null
        && CalibrationModel.sha256().equals(entry.calibrationSha256())) {
      RegressionVerdict v = RegressionGate.decideCalibrated(entry.sessions(), entry.calibrationSessions(),
          m.sessionSamplesMs(), ref.sessionSamplesMs(), allowance, seed, alpha);
      double then = SampleStats.median(RatioEstimate.concat(entry.calibrationSessions()));
      double now = SampleStats.median(ref.allSamplesMs());
      double driftPct = 100 * (now / then - 1);
      if (Math.abs(Math.log(now / then)) > Math.log(1 + MAX_MACHINE_DRIFT_PCT / 100)) {
        return v.inconclusive(String.format(Locale.ROOT, "the machine runs the calibration model %+.1f%% (p50 %.4f"
            + " ms now, %.4f ms in the baseline): beyond the %s%% within which calibration is trusted; time the"
            + " baseline model alongside (--baseline-model, or the copy --save-baseline keeps) or rerun on a"
            + " quieter machine", driftPct, now, then, fmt(MAX_MACHINE_DRIFT_PCT)));
      }
      return v;
    }
    if (ref != null && firstRound) {
      listener.warning("baseline " + request.baseline() + " has no samples of this calibration model; testing"
          + " raw latencies, which drift with the machine's load");
    }
    return RegressionGate.decide(entry.sessions(), m.sessionSamplesMs(), allowance, seed, alpha);
  }

  /** The explicit --baseline-model, else the copy stored next to the baseline file if it is the recorded model. */
  private Path baselineModel(BenchRequest request, BaselineEntry entry) {
    if (request.baselineModel() != null) {
      String sha = OnnxRuntimeProfiler.sha256(OnnxRuntimeProfiler.readModel(request.baselineModel()));
      if (!sha.equals(entry.modelSha256())) {
        throw new InvalidArgumentException("--baseline-model " + request.baselineModel() + " is not the model"
            + " baseline " + request.baseline() + " recorded for " + entry.model() + " (SHA-256 "
            + sha.substring(0, 12) + ", recorded " + entry.modelSha256().substring(0, 12) + ")");
      }
      return request.baselineModel();
    }
    Path stored = storedModel(request.baseline(), entry.model());
    if (!Files.isRegularFile(stored)) {
      return null;
    }
    String sha = OnnxRuntimeProfiler.sha256(OnnxRuntimeProfiler.readModel(stored));
    if (!sha.equals(entry.modelSha256())) {
      listener.warning("ignoring " + stored + ": it is not the model the baseline recorded (SHA-256 "
          + sha.substring(0, 12) + ", recorded " + entry.modelSha256().substring(0, 12) + ")");
      return null;
    }
    return stored;
  }

  /**
   * Where {@code --save-baseline FILE} keeps a copy of a model: {@code NAME.models/MODEL} next to FILE, where NAME is
   * FILE's name without {@code .json}.
   */
  public static Path storedModel(Path baselineFile, String model) {
    String name = baselineFile.getFileName().toString().replaceFirst("\\.json$", "");
    return baselineFile.resolveSibling(name + ".models").resolve(Path.of(model).getFileName().toString());
  }

  private static Measurement merge(Measurement sofar, Measurement round) {
    if (sofar == null) {
      return round;
    }
    List<double[]> sessions = new ArrayList<>(sofar.sessionSamplesMs());
    sessions.addAll(round.sessionSamplesMs());
    return new Measurement(sofar.model(), sofar.modelSha256(), sofar.inputShapes(), sofar.warmupRuns(), sessions,
        sofar.runtime());
  }

  private BenchReport compare(BenchRequest request) {
    Path model = request.models().get(0);
    Comparison c = profiler.compare(model, request.compare(), request.target(), request.settings());
    RatioEstimate ratio = request.settings().sessions() >= 2
        ? RatioEstimate.paired(c.model().sessionSamplesMs(), c.reference().sessionSamplesMs(), 0.95)
        : RatioEstimate.bootstrap(c.model().allSamplesMs(), c.reference().allSamplesMs(), 0.95,
            request.settings().seed(), 1, 1);
    BenchReport.ComparisonResult result = new BenchReport.ComparisonResult(c.model(), c.reference(),
        SampleStats.of(c.model().allSamplesMs()), SampleStats.of(c.reference().allSamplesMs()), ratio);
    return new BenchReport(request.target(), request.settings(), request.nasVersion(), List.of(), result);
  }

  private BaselineEntry entry(BenchRequest request, BenchReport.ModelResult r) {
    Measurement m = r.measurement();
    Measurement cal = r.calibration();
    Double supported = RegressionGate.supportedAllowancePct(m.sessionSamplesMs(),
        cal == null ? null : cal.sessionSamplesMs(), RegressionGate.ALPHA / MAX_ROUNDS);
    if (supported != null && supported > request.maxRegressionPct()) {
      listener.warning(String.format(Locale.ROOT, "baseline of %s is too noisy for --max-regression-pct %s: a gate"
          + " against its samples can be expected to pass an unchanged model only at allowances >= %.1f%% (gates"
          + " that time the stored copy of the model alongside do not depend on this); record it on a quieter"
          + " machine or with more --sessions", m.model().getFileName(), fmt(request.maxRegressionPct()),
          supported));
    }
    return new BaselineEntry(m.model().getFileName().toString(), m.modelSha256(), request.target(),
        TargetRegistry.sha256(request.target()), m.runtime().onnxRuntimeVersion(), m.runtime().cpuModel(),
        m.runtime().threads(), m.warmupRuns(), r.stats(), toLists(m.sessionSamplesMs()),
        cal == null ? null : cal.modelSha256(), cal == null ? null : toLists(cal.sessionSamplesMs()), supported);
  }

  /** Keeps a copy of each model next to the baseline, so that later gates can time it alongside the new model. */
  private static void storeModels(Path baselineFile, List<BenchReport.ModelResult> results) throws IOException {
    for (BenchReport.ModelResult r : results) {
      Path model = r.measurement().model();
      Path copy = storedModel(baselineFile, model.getFileName().toString());
      Files.createDirectories(copy.getParent());
      AtomicFiles.write(copy, OnnxRuntimeProfiler.readModel(model));
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private void warnIfDifferent(BenchRequest request, BaselineEntry entry, Measurement m) {
    differ(request, "model SHA-256", entry.modelSha256().substring(0, 12), m.modelSha256().substring(0, 12));
    differ(request, "target profile SHA-256", shortHash(entry.targetSha256()),
        shortHash(TargetRegistry.sha256(request.target())));
    differ(request, "ONNX Runtime version", entry.onnxRuntimeVersion(), m.runtime().onnxRuntimeVersion());
    differ(request, "CPU model", entry.cpuModel(), m.runtime().cpuModel());
    differ(request, "threads", String.valueOf(entry.threads()), String.valueOf(m.runtime().threads()));
  }

  private void differ(BenchRequest request, String what, String was, String now) {
    if (!Objects.equals(was, now)) {
      listener.warning(what + " differs from baseline " + request.baseline() + ": baseline " + was + ", now " + now);
    }
  }

  private static String shortHash(String h) {
    return h == null ? null : h.substring(0, Math.min(12, h.length()));
  }

  private static List<List<Double>> toLists(List<double[]> sessions) {
    List<List<Double>> out = new ArrayList<>();
    for (double[] s : sessions) {
      out.add(Arrays.stream(s).boxed().toList());
    }
    return out;
  }
}
