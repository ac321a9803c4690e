package org.nas4j.search.latency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.LatencyPredictor;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.space.MacroConfig;

/**
 * A predictor file in use: which of its models prices a network and the error band that goes with it.
 *
 * <p>A network is <em>inside</em> the fitted families when a table of its space was fitted and it is that table's
 * network: for {@code nb201} the NB201 CIFAR-10 skeleton (no macro network, or {@link MacroConfig#nb201Cifar10()}),
 * for {@code fbnet} the HW-NAS-Bench FBNet skeleton (no macro network), for any other space (a calibration table,
 * e.g. {@code darts}) any network of that space. Inside, the per-class {@code kernel-linear} model prices it and the
 * band is that table's k-fold held-out error. Everything else (DARTS cells on a Pixel 3 predictor fitted on
 * NB201+FBNet, NB201 cells in another macro network, torchvision models) is <em>outside</em>: the {@code
 * kernel-shared} transfer model prices it and the band is its leave-one-space-out error; a file without a transfer
 * model (fitted on one space) prices it with the kernel-linear model and has no measured band. Immutable and
 * thread-safe.
 *
 * @param file the predictor file
 */
public record FittedPredictor(PredictorFile file) {

  public FittedPredictor {
    if (file == null) {
      throw new IllegalArgumentException("file is required");
    }
  }

  /**
   * How well a prediction is known.
   *
   * @param inside whether the network is inside the fitted families
   * @param typicalErrorPct median absolute error of the basis, percent; NaN when nothing measured it
   * @param p90ErrorPct 90th-percentile absolute error of the basis, percent; NaN when nothing measured it
   * @param basis what measured the error, e.g. {@code 5-fold held-out on nb201} or {@code leave-one-space-out
   *     (nb201<->fbnet)}
   */
  public record Band(boolean inside, double typicalErrorPct, double p90ErrorPct, String basis) {
    /** The band as run.json and pareto.json record it (no NaN: unmeasured errors are left out). */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("insideFittedFamilies", inside);
      if (measured()) {
        m.put("typicalErrorPct", typicalErrorPct);
        m.put("p90ErrorPct", p90ErrorPct);
      }
      m.put("basis", basis);
      if (!inside) {
        m.put("caveat", caveat());
      }
      return m;
    }

    /** Whether an error was measured at all. */
    public boolean measured() {
      return !Double.isNaN(typicalErrorPct);
    }

    /**
     * The caveat printed next to predictions outside the fitted families, e.g. {@code predicted, uncalibrated for
     * this space (typical error ±21%)}; null inside.
     */
    public String caveat() {
      if (inside) {
        return null;
      }
      return measured()
          ? String.format(Locale.ROOT, "predicted, uncalibrated for this space (typical error ±%.0f%%)",
              typicalErrorPct)
          : "predicted, uncalibrated for this space (error unknown: the predictor was fitted on one space)";
    }
  }

  /** The model that prices networks of this space and macro network (null macro: the space's table skeleton). */
  public LatencyPredictor predictor(String space, MacroConfig macro) {
    if (inside(space, macro) || file.transfer() == null) {
      return file.predictor();
    }
    return file.transfer().model();
  }

  /** The band of predictions for networks of this space and macro network. */
  public Band band(String space, MacroConfig macro) {
    if (inside(space, macro)) {
      ErrorMetrics e = tableError(space);
      return new Band(true, e.medianAbsErrorPct(), e.p90AbsErrorPct(), file.heldOutError().folds()
          + "-fold held-out on the " + space + " table");
    }
    PredictorFile.Transfer t = file.transfer();
    if (t == null) {
      return new Band(false, Double.NaN, Double.NaN, "none: fitted on " + String.join("+", spaces()) + " only");
    }
    return new Band(false, t.typicalErrorPct(), t.p90ErrorPct(), "leave-one-space-out ("
        + String.join("<->", spaces()) + ")");
  }

  /** Whether networks of this space and macro network are the ones a fitted table measured. */
  public boolean inside(String space, MacroConfig macro) {
    if (space == null || tableError(space) == null) {
      return false;
    }
    return switch (space) {
      case "nb201" -> macro == null || macro.equals(MacroConfig.nb201Cifar10());
      case "fbnet" -> macro == null;
      default -> true;
    };
  }

  private List<String> spaces() {
    return file.fittedOn().tables().stream().map(PredictorFile.TableFit::space).distinct().toList();
  }

  /** The k-fold held-out error on this space's table when the predictor was fitted on one, else null. */
  public ErrorMetrics tableError(String space) {
    var tables = file.fittedOn().tables();
    var perTable = file.heldOutError().perTable();
    for (int i = 0; i < tables.size() && i < perTable.size(); i++) {
      if (tables.get(i).space().equals(space)) {
        return perTable.get(i);
      }
    }
    return null;
  }
}
