package org.nas4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.nas4j.profiler.CalibrationModel;
import org.nas4j.profiler.Comparison;
import org.nas4j.profiler.InvalidModelException;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.profiler.Measurement;
import org.nas4j.profiler.OnnxRuntimeProfiler;
import org.nas4j.profiler.RuntimeInfo;
import org.nas4j.profiler.bench.BaselineEntry;
import org.nas4j.profiler.bench.BaselineFile;
import org.nas4j.profiler.bench.JUnitReport;
import org.nas4j.profiler.bench.RatioEstimate;
import org.nas4j.profiler.bench.RegressionGate;
import org.nas4j.profiler.bench.RegressionVerdict;
import org.nas4j.profiler.bench.SampleStats;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;
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
    },
    footer = {"%nExamples:%n  nas bench model.onnx --target host --json",
      "  nas bench model.onnx --target host --save-baseline base.json",
      "  nas bench model.onnx --target host --baseline base.json --junit bench.xml",
      "  nas bench new.onnx --compare old.onnx --target host"})
final class BenchCommand implements Callable<Integer> {
  static final String SCHEMA = "nas.bench/v1";
  static final int DEFAULT_SESSIONS = 5;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  enum Spinning { auto, on, off }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", arity = "1..*",
      description = "ONNX model files, folders (every *.onnx inside) or quoted globs such as 'models/*.onnx'.")
  List<String> models;

  @Mixin TargetOption target;

  @Option(names = "--threads", paramLabel = "N",
      description = "Intra-op threads (default: the target's, 1 for host).")
  Integer threads;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs per session (default: the target's).")
  Integer warmup;

  @Option(names = "--runs", paramLabel = "N",
      description = "Timed runs in total, split over the sessions (default: the target's, 300 for host).")
  Integer runs;

  @Option(names = "--min-time", paramLabel = "S",
      description = "Instead of --runs: time for at least S seconds in total (and >= 10 runs per session).")
  Double minTimeS;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "" + DEFAULT_SESSIONS,
      description = "Fresh ONNX Runtime sessions the runs are split over (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--shape", paramLabel = "NAME=DIMS",
      description = "Input shape for a model input, e.g. input=1x3x224x224 (dynamic dims are 1 otherwise).")
  Map<String, String> shapes = new LinkedHashMap<>();

  @Option(names = "--spinning", paramLabel = "MODE", defaultValue = "auto",
      description = "Intra-op thread spinning: ${COMPLETION-CANDIDATES} (auto: off at 1 thread, on above;"
          + " default: ${DEFAULT-VALUE}).")
  Spinning spinning;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the generated input values and of the interleaving order (default: ${DEFAULT-VALUE}).")
  long seed;

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

  @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report (one testcase per model).")
  Path junit;

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
    Map<String, List<Long>> inputShapes = parseShapes();
    List<Path> files = resolveModels();
    if (compare != null && files.size() != 1) {
      throw new ParameterException(spec.commandLine(), "--compare needs exactly one MODEL, got " + files.size());
    }
    TargetProfile profile = target.profile();
    if (profile.measure() == org.nas4j.targets.MeasureMode.ADB) {
      if (baseline != null || saveBaseline != null || compare != null || junit != null) {
        throw new ParameterException(spec.commandLine(), "--baseline, --save-baseline, --compare and --junit are"
            + " not offered for adb targets yet");
      }
      return AdbBench.run(spec.commandLine(), profile, device, runs, files, output.json());
    }
    if (device != null) {
      throw new ParameterException(spec.commandLine(), "--device applies to targets with measure ADB only");
    }
    OnnxRuntimeProfiler.requireAvailable(profile);
    MeasureSettings settings = settings(profile, inputShapes);
    BaselineFile base = baseline == null ? null : BaselineFile.read(baseline);
    if (base != null) {
      for (Path f : files) {
        if (base.entryFor(f) == null) {
          throw new InvalidArgumentException("baseline file " + baseline + " has no entry for " + f.getFileName()
              + " (entries: " + String.join(", ", base.entries().stream().map(BaselineEntry::model).toList())
              + ")");
        }
      }
    }
    OnnxRuntimeProfiler profiler = new OnnxRuntimeProfiler();
    List<Path> toCheck = new ArrayList<>(files);
    if (compare != null) {
      toCheck.add(compare);
    }
    for (Path f : toCheck) {
      profiler.check(f, profile, settings);
    }
    if (compare != null) {
      return compare(profiler, files.get(0), profile, settings);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<ObjectNode> results = new ArrayList<>();
    List<JUnitReport.Case> cases = new ArrayList<>();
    List<BaselineEntry> newEntries = new ArrayList<>();
    List<String> text = new ArrayList<>();
    boolean anyRegressed = false;
    boolean calibrated = calibrate != null ? calibrate : baseline != null || saveBaseline != null;
    for (Path f : files) {
      if (!quiet() && files.size() > 1) {
        err.println("nas: timing " + f + " ...");
      }
      long started = System.nanoTime();
      Measurement m;
      Measurement cal = null;
      if (calibrated) {
        Comparison c = profiler.measureCalibrated(f, profile, settings);
        m = c.model();
        cal = c.reference();
      } else {
        m = profiler.measure(f, profile, settings);
      }
      SampleStats stats = SampleStats.of(m.allSamplesMs());
      ObjectNode result = result(profile, m, stats, settings);
      if (cal != null) {
        ObjectNode c = result.putObject("calibration");
        c.put("model", cal.model().toString());
        c.put("sha256", cal.modelSha256());
        c.put("p50Ms", SampleStats.median(cal.allSamplesMs()));
        ArrayNode perSession = c.putArray("sessionP50Ms");
        for (double[] s : cal.sessionSamplesMs()) {
          perSession.add(SampleStats.median(s));
        }
      }
      RegressionVerdict verdict = null;
      if (base != null) {
        BaselineEntry entry = base.entryFor(f);
        warnIfDifferent(entry, m, profile, err);
        if (cal != null && entry.calibrationSamplesMs() != null
            && CalibrationModel.sha256().equals(entry.calibrationSha256())) {
          verdict = RegressionGate.decideCalibrated(entry.sessions(), entry.calibrationSessions(),
              m.sessionSamplesMs(), cal.sessionSamplesMs(), maxRegressionPct, seed);
        } else {
          if (cal != null) {
            err.println("nas: warning: baseline " + baseline + " has no samples of this calibration model; testing"
                + " raw latencies, which drift with the machine's load");
          }
          verdict = RegressionGate.decide(entry.sessions(), m.sessionSamplesMs(), maxRegressionPct, seed);
        }
        anyRegressed |= verdict.regressed();
        ObjectNode b = result.putObject("baseline");
        b.put("file", baseline.toString());
        b.put("model", entry.model());
        b.put("p50Ms", verdict.baselineP50Ms());
        b.put("sessions", entry.sessionSamplesMs().size());
        b.put("measuredRuns", entry.sessionSamplesMs().stream().mapToInt(List::size).sum());
        result.put("regressionPct", verdict.slowdownPct());
        result.put("maxRegressionPct", maxRegressionPct);
        result.put("regressed", verdict.regressed());
        result.set("regressionTest", JSON.valueToTree(verdict));
      }
      result.set("provenance", provenance(profile, m.runtime()));
      results.add(result);
      newEntries.add(new BaselineEntry(f.getFileName().toString(), m.modelSha256(), profile,
          TargetRegistry.sha256(profile), m.runtime().onnxRuntimeVersion(), m.runtime().cpuModel(),
          m.runtime().threads(), m.warmupRuns(), stats, toLists(m.sessionSamplesMs()),
          cal == null ? null : cal.modelSha256(), cal == null ? null : toLists(cal.sessionSamplesMs())));
      text.add(describe(f, profile, m, stats, verdict));
      double seconds = (System.nanoTime() - started) / 1e9;
      cases.add(new JUnitReport.Case(f.getFileName().toString(), "nas.bench." + profile.id(), seconds,
          verdict != null && verdict.regressed() ? regressionLine(verdict) : null,
          verdict != null ? verdictDetails(verdict) : statsLine(stats)));
    }
    if (saveBaseline != null) {
      new BaselineFile(BaselineFile.SCHEMA, Instant.now().toString(), VersionProvider.version(), newEntries)
          .write(saveBaseline);
      if (!quiet()) {
        err.println("nas: baseline of " + newEntries.size() + " model(s) written to " + saveBaseline);
      }
    }
    if (junit != null) {
      JUnitReport.write(junit, "nas bench " + profile.id(), cases);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      if (results.size() == 1) {
        out.println(toJson(results.get(0)));
      } else {
        ObjectNode all = JSON.createObjectNode();
        all.put("schema", SCHEMA);
        ArrayNode list = all.putArray("results");
        results.forEach(list::add);
        out.println(toJson(all));
      }
    } else {
      out.println(String.join(System.lineSeparator(), text));
    }
    return anyRegressed ? ExitCodes.REGRESSION : ExitCodes.OK;
  }

  private int compare(OnnxRuntimeProfiler profiler, Path model, TargetProfile profile, MeasureSettings settings) {
    Comparison c = profiler.compare(model, compare, profile, settings);
    SampleStats sa = SampleStats.of(c.model().allSamplesMs());
    SampleStats sb = SampleStats.of(c.reference().allSamplesMs());
    RatioEstimate ratio = settings.sessions() >= 2
        ? RatioEstimate.paired(c.model().sessionSamplesMs(), c.reference().sessionSamplesMs(), 0.95)
        : RatioEstimate.bootstrap(c.model().allSamplesMs(), c.reference().allSamplesMs(), 0.95, seed, 1, 1);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectNode all = JSON.createObjectNode();
      all.put("schema", SCHEMA);
      ArrayNode list = all.putArray("results");
      list.add(result(profile, c.model(), sa, settings));
      list.add(result(profile, c.reference(), sb, settings));
      ObjectNode cmp = all.putObject("comparison");
      cmp.put("model", model.toString());
      cmp.put("reference", compare.toString());
      cmp.put("interleaving", "randomized AB/BA order per run, sessions of both models open together");
      cmp.put("ratio", ratio.ratio());
      cmp.put("ratioCiLow", ratio.lowRatio());
      cmp.put("ratioCiHigh", ratio.highRatio());
      cmp.put("ratioCiLevel", ratio.confidenceLevel());
      cmp.put("method", ratio.method());
      cmp.put("ratioOfPooledP50", sa.p50Ms() / sb.p50Ms());
      all.set("provenance", provenance(profile, c.model().runtime()));
      out.println(toJson(all));
    } else {
      out.println(describe(model, profile, c.model(), sa, null));
      out.println(describe(compare, profile, c.reference(), sb, null));
      out.printf(Locale.ROOT, "ratio %s / %s: %.4f (95%% CI %.4f .. %.4f, %s over %d interleaved sessions)%n",
          model.getFileName(), compare.getFileName(), ratio.ratio(), ratio.lowRatio(), ratio.highRatio(),
          ratio.method(), settings.sessions());
    }
    return ExitCodes.OK;
  }

  private void validateOptions() {
    positive("--threads", threads);
    if (warmup != null && warmup < 0) {
      bad("--warmup must be >= 0, got " + warmup);
    }
    positive("--runs", runs);
    if (minTimeS != null && !(minTimeS > 0 && minTimeS <= 3600)) {
      bad("--min-time must be in (0, 3600] seconds, got " + minTimeS);
    }
    if (minTimeS != null && runs != null) {
      bad("--runs and --min-time are mutually exclusive");
    }
    if (sessions < 1 || sessions > 1000) {
      bad("--sessions must be in 1..1000, got " + sessions);
    }
    if (!(maxRegressionPct >= 0 && maxRegressionPct < 1000)) {
      bad("--max-regression-pct must be in [0, 1000), got " + maxRegressionPct);
    }
    if (compare != null && (baseline != null || saveBaseline != null || junit != null)) {
      bad("--compare cannot be combined with --baseline, --save-baseline or --junit");
    }
    if (runs != null && runs < sessions) {
      bad("--runs (" + runs + ") must be >= --sessions (" + sessions + ")");
    }
  }

  private void positive(String name, Integer value) {
    if (value != null && value < 1) {
      bad(name + " must be >= 1, got " + value);
    }
  }

  private void bad(String message) {
    throw new ParameterException(spec.commandLine(), message);
  }

  private Map<String, List<Long>> parseShapes() {
    Map<String, List<Long>> out = new LinkedHashMap<>();
    shapes.forEach((name, dims) -> {
      if (name.isBlank() || dims == null || !dims.matches("[0-9]+(x[0-9]+)*")) {
        bad("--shape " + name + "=" + dims + ": expected NAME=DIMS with DIMS like 1x3x224x224");
      }
      List<Long> list = new ArrayList<>();
      for (String d : dims.split("x")) {
        long v;
        try {
          v = Long.parseLong(d);
        } catch (NumberFormatException e) {
          v = -1;
        }
        if (v < 1 || v > 1_000_000) {
          bad("--shape " + name + "=" + dims + ": every dimension must be in 1..1000000");
        }
        list.add(v);
      }
      out.put(name, list);
    });
    return out;
  }

  private MeasureSettings settings(TargetProfile profile, Map<String, List<Long>> inputShapes) {
    int t = threads != null ? threads : profile.threads();
    int w = warmup != null ? warmup : profile.warmupRuns();
    int n = runs != null ? runs : profile.measuredRuns();
    double minTimeMs = 0;
    if (minTimeS != null) {
      n = 10 * sessions;
      minTimeMs = minTimeS * 1000;
    }
    if (n < sessions) {
      bad("the target's measuredRuns (" + n + ") is below --sessions (" + sessions + "); give --runs");
    }
    Boolean spin = switch (spinning) {
      case auto -> null;
      case on -> Boolean.TRUE;
      case off -> Boolean.FALSE;
    };
    return new MeasureSettings(t, w, n, minTimeMs, sessions, spin, inputShapes, seed);
  }

  /** Expands folders and globs; every argument must name at least one existing model. */
  private List<Path> resolveModels() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String arg : models) {
      if (arg.isBlank()) {
        throw new InvalidModelException("empty MODEL argument");
      }
      if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
        out.addAll(glob(arg));
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        List<Path> inside = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.onnx")) {
          ds.forEach(inside::add);
        }
        inside.removeIf(q -> !Files.isRegularFile(q));
        if (inside.isEmpty()) {
          throw new InvalidModelException("model path is a directory with no *.onnx files: " + p);
        }
        inside.sort(null);
        out.addAll(inside);
      } else {
        OnnxRuntimeProfiler.checkModelFile(p);
        out.add(p);
      }
    }
    return new ArrayList<>(new java.util.LinkedHashSet<>(out));
  }

  private static List<Path> glob(String pattern) throws IOException {
    Path full = Path.of(pattern);
    Path dir = full.getParent() == null ? Path.of(".") : full.getParent();
    String namePattern = full.getFileName().toString();
    if (dir.toString().contains("*") || dir.toString().contains("?")) {
      throw new InvalidModelException("glob " + pattern + ": only the file name may hold wildcards");
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException("glob " + pattern + ": folder not found: " + dir);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePattern);
    TreeSet<Path> found = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p) && matcher.matches(p.getFileName())) {
          found.add(full.getParent() == null ? p.getFileName() : p);
        }
      }
    }
    if (found.isEmpty()) {
      throw new InvalidModelException("glob " + pattern + " matches no files");
    }
    return new ArrayList<>(found);
  }

  private ObjectNode result(TargetProfile profile, Measurement m, SampleStats stats, MeasureSettings settings) {
    ObjectNode r = JSON.createObjectNode();
    r.put("schema", SCHEMA);
    r.put("target", profile.id());
    r.put("model", m.model().toString());
    r.put("modelSha256", m.modelSha256());
    ObjectNode inputs = r.putObject("inputs");
    m.inputShapes().forEach((name, dims) -> {
      ArrayNode a = inputs.putArray(name);
      dims.forEach(a::add);
    });
    ObjectNode lat = r.putObject("latency");
    lat.put("p50Ms", stats.p50Ms());
    lat.put("p90Ms", stats.p90Ms());
    lat.put("meanMs", stats.meanMs());
    lat.put("stdevMs", stats.stdevMs());
    lat.put("cvPct", stats.cvPct());
    lat.put("madMs", stats.madMs());
    lat.put("minMs", stats.minMs());
    lat.put("maxMs", stats.maxMs());
    lat.put("p50CiLowMs", stats.p50CiLowMs());
    lat.put("p50CiHighMs", stats.p50CiHighMs());
    lat.put("p50CiLevel", stats.p50CiLevel());
    lat.put("warmupRuns", m.warmupRuns());
    lat.put("measuredRuns", stats.n());
    lat.put("sessions", m.sessionSamplesMs().size());
    ArrayNode perSession = lat.putArray("sessionP50Ms");
    for (double[] s : m.sessionSamplesMs()) {
      perSession.add(SampleStats.median(s));
    }
    return r;
  }

  private ObjectNode provenance(TargetProfile profile, RuntimeInfo info) {
    ObjectNode p = JSON.createObjectNode();
    p.put("nasVersion", VersionProvider.version());
    p.put("onnxRuntimeVersion", info.onnxRuntimeVersion());
    p.put("executionProvider", info.executionProvider());
    p.put("threads", info.threads());
    p.put("interOpThreads", info.interOpThreads());
    p.put("allowSpinning", info.allowSpinning());
    p.put("executionMode", info.executionMode());
    p.put("optimizationLevel", info.optimizationLevel());
    p.put("timedRegion", info.timedRegion());
    p.put("cpuModel", info.cpuModel());
    p.put("logicalCpus", info.logicalCpus());
    p.put("javaVersion", info.javaVersion());
    p.put("osName", info.osName());
    p.put("osArch", info.osArch());
    p.put("targetSha256", TargetRegistry.sha256(profile));
    p.set("targetProfile", JSON.valueToTree(profile));
    p.put("seed", seed);
    return p;
  }

  private void warnIfDifferent(BaselineEntry entry, Measurement m, TargetProfile profile, PrintWriter err) {
    String file = baseline.toString();
    differ(err, file, "model SHA-256", entry.modelSha256().substring(0, 12), m.modelSha256().substring(0, 12));
    differ(err, file, "target profile SHA-256", shortHash(entry.targetSha256()),
        shortHash(TargetRegistry.sha256(profile)));
    differ(err, file, "ONNX Runtime version", entry.onnxRuntimeVersion(), m.runtime().onnxRuntimeVersion());
    differ(err, file, "CPU model", entry.cpuModel(), m.runtime().cpuModel());
    differ(err, file, "threads", String.valueOf(entry.threads()), String.valueOf(m.runtime().threads()));
  }

  private static String shortHash(String h) {
    return h == null ? null : h.substring(0, Math.min(12, h.length()));
  }

  private static void differ(PrintWriter err, String file, String what, String was, String now) {
    if (!Objects.equals(was, now)) {
      err.println("nas: warning: " + what + " differs from baseline " + file + ": baseline " + was + ", now " + now);
    }
  }

  private boolean quiet() {
    return spec.root().userObject() instanceof NasCommand root && root.quiet;
  }

  private static List<List<Double>> toLists(List<double[]> sessions) {
    List<List<Double>> out = new ArrayList<>();
    for (double[] s : sessions) {
      out.add(java.util.Arrays.stream(s).boxed().toList());
    }
    return out;
  }

  private static String describe(Path model, TargetProfile profile, Measurement m, SampleStats s,
      RegressionVerdict v) {
    RuntimeInfo info = m.runtime();
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
        VersionProvider.version()));
    return sb.toString();
  }

  private static String statsLine(SampleStats s) {
    return String.format(Locale.ROOT,
        "p50 %.4f ms (%.0f%% CI %.4f .. %.4f)  p90 %.4f ms  mean %.4f ms  stdev %.4f ms  CV %.1f%%  n %d",
        s.p50Ms(), 100 * s.p50CiLevel(), s.p50CiLowMs(), s.p50CiHighMs(), s.p90Ms(), s.meanMs(), s.stdevMs(),
        s.cvPct(), s.n());
  }

  static String verdictDetails(RegressionVerdict v) {
    return String.format(Locale.ROOT,
        "baseline p50 %.4f ms, current p50 %.4f ms (raw %+.2f%%); %sslowdown %+.2f%% (90%% CI %+.2f%% .. %+.2f%%);"
            + " test %s, p = %.4f for H0 'slowdown <= %s%%'; rule: %s",
        v.baselineP50Ms(), v.currentP50Ms(), v.rawSlowdownPct(), v.calibrated() ? "calibrated " : "",
        v.slowdownPct(), v.slowdownCiLowPct(), v.slowdownCiHighPct(), v.test(), v.pValue(),
        fmt(v.maxRegressionPct()), v.rule());
  }

  static String regressionLine(RegressionVerdict v) {
    return String.format(Locale.ROOT,
        "REGRESSION: p50 %.4f ms vs baseline %.4f ms, slowdown %+.2f%% (lower 95%% bound %+.2f%%) > allowed %s%%",
        v.currentP50Ms(), v.baselineP50Ms(), v.slowdownPct(), v.slowdownCiLowPct(), fmt(v.maxRegressionPct()));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String toJson(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
