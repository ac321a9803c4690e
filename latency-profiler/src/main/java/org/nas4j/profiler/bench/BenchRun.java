package org.nas4j.profiler.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nas4j.profiler.CalibrationModel;
import org.nas4j.profiler.Comparison;
import org.nas4j.profiler.Measurement;
import org.nas4j.profiler.OnnxRuntimeProfiler;
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

    /** Called after a baseline of {@code models} models was written to {@code file}. */
    default void baselineWritten(Path file, int models) {}
  }

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
      new BaselineFile(BaselineFile.SCHEMA, Instant.now().toString(), request.nasVersion(), entries)
          .write(request.saveBaseline());
      listener.baselineWritten(request.saveBaseline(), entries.size());
    }
    if (request.junit() != null) {
      JUnitReport.write(request.junit(), "nas bench " + request.target().id(), BenchText.junitCases(report));
    }
    return report;
  }

  private BenchReport.ModelResult gate(BenchRequest request, Path f, BaselineFile base) {
    long started = System.nanoTime();
    Measurement m;
    Measurement cal = null;
    if (request.calibrate()) {
      Comparison c = profiler.measureCalibrated(f, request.target(), request.settings());
      m = c.model();
      cal = c.reference();
    } else {
      m = profiler.measure(f, request.target(), request.settings());
    }
    SampleStats stats = SampleStats.of(m.allSamplesMs());
    RegressionVerdict verdict = null;
    BaselineEntry entry = null;
    if (base != null) {
      entry = base.entryFor(f);
      warnIfDifferent(request, entry, m);
      verdict = decide(request, entry, m, cal);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new BenchReport.ModelResult(m, stats, cal, request.baseline(), entry, verdict, seconds);
  }

  private RegressionVerdict decide(BenchRequest request, BaselineEntry entry, Measurement m, Measurement cal) {
    double allowance = request.maxRegressionPct();
    long seed = request.settings().seed();
    if (cal != null && entry.calibrationSamplesMs() != null
        && CalibrationModel.sha256().equals(entry.calibrationSha256())) {
      return RegressionGate.decideCalibrated(entry.sessions(), entry.calibrationSessions(), m.sessionSamplesMs(),
          cal.sessionSamplesMs(), allowance, seed);
    }
    if (cal != null) {
      listener.warning("baseline " + request.baseline() + " has no samples of this calibration model; testing"
          + " raw latencies, which drift with the machine's load");
    }
    return RegressionGate.decide(entry.sessions(), m.sessionSamplesMs(), allowance, seed);
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

  private static BaselineEntry entry(BenchRequest request, BenchReport.ModelResult r) {
    Measurement m = r.measurement();
    Measurement cal = r.calibration();
    return new BaselineEntry(m.model().getFileName().toString(), m.modelSha256(), request.target(),
        TargetRegistry.sha256(request.target()), m.runtime().onnxRuntimeVersion(), m.runtime().cpuModel(),
        m.runtime().threads(), m.warmupRuns(), r.stats(), toLists(m.sessionSamplesMs()),
        cal == null ? null : cal.modelSha256(), cal == null ? null : toLists(cal.sessionSamplesMs()));
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
