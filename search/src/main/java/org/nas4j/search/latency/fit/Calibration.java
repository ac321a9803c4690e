package org.nas4j.search.latency.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nas4j.profiler.Comparison;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.profiler.predict.KernelLinearFitter;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.SearchSpace;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * {@code nas targets calibrate}: samples architectures of a space (seeded), builds and exports each one (random
 * initial weights: latency does not depend on them), times it with a {@link ModelTimer} (ONNX Runtime on this
 * machine, or a phone over adb), writes the measurements as a CSV ({@code arch,archId,latencyMs,p50Ms,referenceP50Ms})
 * and fits the kernel-linear predictor on them with the same code as {@code nas targets fit}, so that
 * {@code nas targets fit --space S --table FILE.csv --arch-column arch --latency-column latencyMs} with the same
 * macro options and seed reproduces the predictor. Not thread-safe (uses the timer sequentially).
 */
public final class Calibration {

  /**
   * Times one exported model.
   *
   * <p>Implementations time the model under the target's settings and return milliseconds at batch size 1.
   */
  @FunctionalInterface
  public interface ModelTimer {
    /**
     * Times a model.
     *
     * @param model the ONNX file (not modified)
     * @return the timing
     * @throws RuntimeException from the nas4j exception family when the target cannot time it
     */
    Timing time(Path model);
  }

  /**
   * The timing of one model.
   *
   * @param p50Ms median latency of the model (ms)
   * @param relative median of the per-pair ratios model/reference when the model was timed interleaved with a
   *     reference model, else NaN
   * @param referenceP50Ms median latency of the reference model in the same session, else NaN
   */
  public record Timing(double p50Ms, double relative, double referenceP50Ms) {}

  /**
   * What to calibrate.
   *
   * @param space the space to sample
   * @param macro the macro network
   * @param samples number of distinct architectures (>= folds)
   * @param seed seed of the architecture sampling, the weights and the folds
   * @param folds cross-validation folds (>= 2)
   */
  public record Settings(LatencySpace space, MacroConfig macro, int samples, long seed, int folds) {
    /** Validates ranges; throws {@link InvalidArgumentException} naming the field. */
    public Settings {
      if (space == LatencySpace.FBNET) {
        throw new InvalidArgumentException("calibration can sample darts or nb201 architectures, not fbnet");
      }
      if (folds < 2) {
        throw new InvalidArgumentException("folds must be >= 2, got " + folds);
      }
      if (samples < folds || samples > 100_000) {
        throw new InvalidArgumentException("samples must be in " + folds + "..100000 (at least one per fold), got "
            + samples);
      }
      if (macro == null) {
        throw new InvalidArgumentException("macro is required");
      }
    }
  }

  /**
   * One measured architecture.
   *
   * @param arch architecture text (NB201 arch string or DARTS genotype)
   * @param archId stable id
   * @param latencyMs the latency fitted on: the drift-corrected value when a reference was interleaved, else p50
   * @param timing raw timing
   */
  public record Sample(String arch, String archId, double latencyMs, Timing timing) {}

  /**
   * The outcome.
   *
   * @param samples the measured architectures, in sampling order
   * @param predictor the fitted predictor with its held-out error
   * @param csv the measurements file written
   */
  public record Result(List<Sample> samples, PredictorFile predictor, Path csv) {}

  private Calibration() {}

  /**
   * Samples, measures, fits and writes {@code out} (predictor JSON) and {@code csv} (measurements), both atomically.
   * Starts DL4J first ({@link Dl4jRuntime#init()}): the sampled networks are built with it.
   *
   * @param settings what to sample
   * @param timer how to time a model
   * @param device what the predictor file says it was fitted on ({@code rows} etc. are filled in)
   * @param workDir directory for the exported models (deleted afterwards)
   * @param out predictor JSON to write
   * @param csv measurements CSV to write
   * @param progress one line per measured model (for stderr)
   */
  public static Result run(Settings settings, ModelTimer timer, PredictorFitting.DeviceInfo device, Path workDir,
      Path out, Path csv, Consumer<String> progress) throws IOException {
    Dl4jRuntime.init();
    List<Architecture> archs = sample(settings);
    String version = OnnxExporter.buildVersion();
    List<String> text = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Timing> timings = new ArrayList<>();
    SplittableRandom weights = new SplittableRandom(settings.seed()).split();
    Path dir;
    try {
      Files.createDirectories(workDir);
      dir = Files.createTempDirectory(workDir, ".nas-calibrate");
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot create a work directory in " + workDir + " (next to --out): "
          + e.getMessage(), e);
    }
    try {
      for (int i = 0; i < archs.size(); i++) {
        Architecture a = archs.get(i);
        NetSpec spec = NetSpecs.of(a, settings.macro());
        Path model = dir.resolve(a.shortId() + ".onnx");
        new OnnxExporter(version).export(spec, Dl4jGraphBuilder.build(spec, weights.nextLong()), model);
        Timing t = timer.time(model);
        Files.deleteIfExists(model);
        text.add(a.toText());
        ids.add(a.archId());
        timings.add(t);
        progress.accept(String.format(Locale.ROOT, "calibrate: %d/%d %s p50 %.3f ms", i + 1, archs.size(),
            a.shortId(), t.p50Ms()));
      }
    } finally {
      deleteTree(dir);
    }
    // Drift correction: a model timed interleaved with the reference gets ratio x (median reference latency).
    double[] refs = timings.stream().mapToDouble(Timing::referenceP50Ms).filter(Double::isFinite).toArray();
    double refMs = refs.length == timings.size() && refs.length > 0 ? median(refs) : Double.NaN;
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < archs.size(); i++) {
      Timing t = timings.get(i);
      double ms = Double.isFinite(refMs) ? t.relative() * refMs : t.p50Ms();
      samples.add(new Sample(text.get(i), ids.get(i), ms, t));
    }
    writeCsv(csv, samples);
    PredictorFile file = PredictorFitting.fit(List.of(new PredictorFitting.TableSpec(settings.space(), csv, "arch",
        "latencyMs", settings.macro())), settings.folds(), settings.seed(), device, new KernelLinearFitter());
    file.write(out);
    return new Result(samples, file, csv);
  }

  /** The distinct architectures calibration measures, in order (seeded). */
  public static List<Architecture> sample(Settings settings) {
    @SuppressWarnings("unchecked")
    SearchSpace<Architecture> space = (SearchSpace<Architecture>) SearchSpaces.byName(settings.space().id());
    SplittableRandom rng = new SplittableRandom(settings.seed());
    Map<String, Architecture> seen = new LinkedHashMap<>();
    int tries = 0;
    while (seen.size() < settings.samples()) {
      if (++tries > 100 * settings.samples()) {
        throw new InvalidArgumentException("the " + settings.space().id() + " space has fewer than "
            + settings.samples() + " distinct architectures");
      }
      Architecture a = space.canonical(space.sample(rng));
      seen.putIfAbsent(a.archId(), a);
    }
    return List.copyOf(seen.values());
  }

  private static void writeCsv(Path csv, List<Sample> samples) throws IOException {
    StringBuilder sb = new StringBuilder("arch,archId,latencyMs,p50Ms,referenceP50Ms\n");
    for (Sample s : samples) {
      sb.append('"').append(s.arch().replace("\"", "\"\"")).append('"').append(',').append(s.archId())
          .append(',').append(num(s.latencyMs())).append(',').append(num(s.timing().p50Ms())).append(',')
          .append(Double.isFinite(s.timing().referenceP50Ms()) ? num(s.timing().referenceP50Ms()) : "")
          .append('\n');
    }
    Files.createDirectories(csv.toAbsolutePath().getParent());
    AtomicFiles.write(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  /**
   * The DARTS network calibration times unless told otherwise: N=5, C=8, 3x32x32, 10 classes, small so that each
   * model runs in about a millisecond on a laptop core.
   */
  public static MacroConfig dartsDefaultMacro() {
    return new MacroConfig(5, 8, new InputShape(3, 32, 32), 10, null);
  }

  /**
   * A model's timing on this machine from a run interleaved with the reference model ({@code
   * OnnxRuntimeProfiler.measureCalibrated}): the model's median, the median of the run-by-run model/reference ratios
   * and the reference's median.
   */
  public static Timing hostTiming(Comparison c) {
    return interleaved(c.model().allSamplesMs(), c.reference().allSamplesMs());
  }

  /**
   * The timing of interleaved samples: {@code modelMs[i]} and {@code referenceMs[i]} were measured one after the
   * other; the ratios pair them up to the shorter length. The arrays are not modified.
   */
  static Timing interleaved(double[] modelMs, double[] referenceMs) {
    double[] ratio = new double[Math.min(modelMs.length, referenceMs.length)];
    for (int i = 0; i < ratio.length; i++) {
      ratio[i] = modelMs[i] / referenceMs[i];
    }
    return new Timing(median(modelMs), median(ratio), median(referenceMs));
  }

  /** Median of the values (the array is not modified). */
  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
