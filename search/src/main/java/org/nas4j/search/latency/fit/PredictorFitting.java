package org.nas4j.search.latency.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.HeldOutEvaluation;
import org.nas4j.profiler.predict.KernelLinearFitter;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.NetworkFeatures;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.profiler.predict.SharedKernelModel;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * Fits a kernel-linear latency predictor on one or more measurement tables: lowers every architecture to ops,
 * measures the held-out error by grouped k-fold cross-validation, then fits on all rows. Stateless.
 */
public final class PredictorFitting {

  /**
   * One table to fit on.
   *
   * @param space space of the architecture column
   * @param table CSV file
   * @param archColumn architecture column
   * @param latencyColumn latency column (ms)
   * @param macro macro network the architectures were built in; null for the space's default
   */
  public record TableSpec(LatencySpace space, Path table, String archColumn, String latencyColumn,
      MacroConfig macro) {
    /** A table of architectures in the space's default macro network. */
    public TableSpec(LatencySpace space, Path table, String archColumn, String latencyColumn) {
      this(space, table, archColumn, latencyColumn, null);
    }
  }

  /**
   * Describes the device the measurements were taken on.
   *
   * @param device for example "Pixel 3"
   * @param runtime for example "TFLite float32 CPU"
   * @param precision for example "fp32"
   * @param source where the measurements come from
   */
  public record DeviceInfo(String device, String runtime, String precision, String source) {}

  /**
   * Lowered rows of one table.
   *
   * @param spec what was read
   * @param table the rows
   * @param features kernel features per row
   */
  public record LoweredTable(TableSpec spec, LatencyTable table, List<NetworkFeatures> features) {
    /** Latencies of the rows. */
    public double[] latencyMs() {
      return table.rows().stream().mapToDouble(LatencyTable.Row::latencyMs).toArray();
    }
  }

  private PredictorFitting() {}

  /**
   * Reads and lowers a table.
   *
   * @throws InvalidArgumentException for bad files, columns or architectures (with the line number)
   */
  public static LoweredTable lower(TableSpec spec) {
    LatencyTable table = LatencyTable.read(spec.table(), spec.archColumn(), spec.latencyColumn());
    List<NetworkFeatures> features = new ArrayList<>(table.rows().size());
    for (LatencyTable.Row row : table.rows()) {
      try {
        features.add(NetworkFeatures.of(spec.space().lower(row.arch(), spec.macro())));
      } catch (InvalidArgumentException e) {
        throw new InvalidArgumentException("table " + spec.table() + " line " + row.line() + ": " + e.getMessage(),
            e);
      }
    }
    return new LoweredTable(spec, table, features);
  }

  /**
   * Cross-validates and fits.
   *
   * @param specs tables (at least one)
   * @param folds folds (>= 2)
   * @param seed shuffles architectures into folds
   * @param device what the file says it was fitted on
   * @param fitter the model fitter
   */
  public static PredictorFile fit(List<TableSpec> specs, int folds, long seed, DeviceInfo device,
      KernelLinearFitter fitter) {
    List<LoweredTable> tables = new ArrayList<>();
    for (TableSpec s : specs) {
      tables.add(lower(s));
    }
    return fitLowered(tables, folds, seed, device, fitter);
  }

  /** Like {@link #fit} on tables already lowered. */
  public static PredictorFile fitLowered(List<LoweredTable> tables, int folds, long seed, DeviceInfo device,
      KernelLinearFitter fitter) {
    List<NetworkFeatures> all = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int t = 0; t < tables.size(); t++) {
      LoweredTable lt = tables.get(t);
      all.addAll(lt.features());
      for (LatencyTable.Row row : lt.table().rows()) {
        groups.add(t + ":" + row.group());
        y.add(row.latencyMs());
      }
    }
    double[] latency = y.stream().mapToDouble(Double::doubleValue).toArray();
    int distinct = (int) groups.stream().distinct().count();
    if (distinct < folds) {
      throw new InvalidArgumentException("need at least " + folds + " distinct architectures for --folds " + folds
          + ", the tables have " + distinct);
    }
    HeldOutEvaluation.Result cv = HeldOutEvaluation.crossValidate(all, latency, groups, folds, seed, fitter);
    List<ErrorMetrics> perTable = new ArrayList<>();
    List<PredictorFile.TableFit> fits = new ArrayList<>();
    int offset = 0;
    int rows = 0;
    int skipped = 0;
    for (LoweredTable lt : tables) {
      int n = lt.table().rows().size();
      double[] p = java.util.Arrays.copyOfRange(cv.predictedMs(), offset, offset + n);
      double[] m = java.util.Arrays.copyOfRange(latency, offset, offset + n);
      perTable.add(ErrorMetrics.of(p, m));
      offset += n;
      rows += n;
      skipped += lt.table().skippedRows();
      fits.add(new PredictorFile.TableFit(lt.spec().space().id(), lt.spec().table().getFileName().toString(),
          lt.table().sha256(), lt.spec().archColumn(), lt.spec().latencyColumn(), n, lt.table().skippedRows()));
    }
    KernelLinearPredictor predictor = fitter.fit(all, latency);
    String grouping = "architectures with equal " + LatencyTable.ISO_CLASS
        + " (NB201 isomorphism class, when the table has it) or equal arch strings share a fold";
    return new PredictorFile(PredictorFile.SCHEMA, PredictorFile.Model.of(predictor, fitter.ridge()),
        new PredictorFile.FittedOn(device.device(), device.runtime(), device.precision(), device.source(), rows,
            skipped, fits),
        new PredictorFile.HeldOutError(folds, seed, grouping, cv.metrics(), perTable), transfer(tables));
  }

  /**
   * The {@link SharedKernelModel} fitted on all tables, with its leave-one-space-out error (fitted on every table
   * of one space, scored on every table of another, for each ordered pair); null when the tables cover one space.
   */
  static PredictorFile.Transfer transfer(List<LoweredTable> tables) {
    Map<String, List<LoweredTable>> bySpace = new TreeMap<>();
    for (LoweredTable t : tables) {
      bySpace.computeIfAbsent(t.spec().space().id(), k -> new ArrayList<>()).add(t);
    }
    if (bySpace.size() < 2) {
      return null;
    }
    List<PredictorFile.CrossSpace> cross = new ArrayList<>();
    for (String from : bySpace.keySet()) {
      SharedKernelModel m = fitShared(bySpace.get(from));
      for (String to : bySpace.keySet()) {
        if (!to.equals(from)) {
          cross.add(new PredictorFile.CrossSpace(from, to, score(m::predictMs, bySpace.get(to))));
        }
      }
    }
    return PredictorFile.Transfer.of(fitShared(tables), cross);
  }

  private static SharedKernelModel fitShared(List<LoweredTable> tables) {
    List<NetworkFeatures> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (LoweredTable t : tables) {
      x.addAll(t.features());
      for (double v : t.latencyMs()) {
        y.add(v);
      }
    }
    return SharedKernelModel.fit(x, y.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The error of a model on these tables' rows. */
  public static ErrorMetrics score(ToDoubleFunction<NetworkFeatures> model, List<LoweredTable> tables) {
    List<Double> p = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (LoweredTable t : tables) {
      for (NetworkFeatures f : t.features()) {
        p.add(model.applyAsDouble(f));
      }
      for (double v : t.latencyMs()) {
        y.add(v);
      }
    }
    return ErrorMetrics.of(p.stream().mapToDouble(Double::doubleValue).toArray(),
        y.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
