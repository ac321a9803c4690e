package org.nas4j.search.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.profiler.onnx.OnnxModels;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.LatencyPredictor;
import org.nas4j.profiler.predict.OnnxLowering;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetResolver;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * A target's fitted latency predictor as {@code nas predict} uses it: resolved from a built-in target id, a target
 * profile file naming a predictor, or a predictor file itself ({@link #resolve}), it predicts an ONNX model, one
 * architecture or a file of them, each with the error band that applies ({@link Prediction}). Immutable and
 * thread-safe; predictions are in milliseconds at batch size 1.
 *
 * @param name the target's id, or the predictor file's name when given one directly
 * @param fitted the predictor
 */
public record TargetPredictor(String name, FittedPredictor fitted) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One prediction and what to trust of it.
   *
   * @param space the space the network belongs to (null for an ONNX model that is not a nas export)
   * @param macro its macro network (null when unknown)
   * @param latencyMs the predicted latency
   * @param band the error band that applies at this space and macro
   * @param covered whether the predictor's own measured table covers this space and macro
   * @param error the held-out error to quote: the table's when covered, the predictor's overall one otherwise
   * @param latencyModel the model that priced it: {@link PredictorFile.Model#KERNEL_LINEAR} or the transfer model
   * @param caveat the one-line caveat when not covered, else null
   */
  public record Prediction(String space, MacroConfig macro, double latencyMs, FittedPredictor.Band band,
      boolean covered, ErrorMetrics error, String latencyModel, String caveat) {}

  /** One line of an architecture file and its prediction. */
  public record ArchLatency(String arch, double latencyMs) {}

  /** The fitted predictor's file. */
  public PredictorFile file() {
    return fitted.file();
  }

  /**
   * Resolves exactly one of {@code targetId} (a built-in target with a predictor) and {@code targetFile} (a predictor
   * JSON with a {@code schema}, or a target profile whose {@code predictor} is a path relative to the profile, an
   * absolute path or a built-in resource).
   *
   * @throws InvalidArgumentException for an unknown target, or a file that is missing or not valid JSON
   * @throws TargetUnavailableException when the target has no predictor
   */
  public static TargetPredictor resolve(String targetId, Path targetFile) throws IOException {
    if (targetId != null) {
      TargetProfile p = TargetResolver.resolve(targetId, null);
      if (p.predictor() == null) {
        throw new TargetUnavailableException("target " + p.id() + " has no fitted latency predictor; use"
            + " 'nas targets fit' and --target-file");
      }
      return of(p.id(), PredictorFile.readResource(p.predictor()));
    }
    if (!Files.isRegularFile(targetFile)) {
      throw new InvalidArgumentException("target file not found: " + targetFile);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(targetFile.toFile());
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read target file " + targetFile + ": not valid JSON", e);
    }
    if (tree != null && tree.has("schema")) {
      return of(targetFile.getFileName().toString(), PredictorFile.read(targetFile));
    }
    TargetProfile p = TargetResolver.resolve(null, targetFile);
    if (p.predictor() == null) {
      throw new TargetUnavailableException("target " + p.id() + " in " + targetFile + " names no predictor; fit one"
          + " with 'nas targets fit' and set \"predictor\" to its path");
    }
    Path predictor = Path.of(p.predictor());
    if (!predictor.isAbsolute() && targetFile.toAbsolutePath().getParent() != null) {
      predictor = targetFile.toAbsolutePath().getParent().resolve(predictor);
    }
    return of(p.id(), Files.isRegularFile(predictor) ? PredictorFile.read(predictor)
        : PredictorFile.readResource(p.predictor()));
  }

  private static TargetPredictor of(String name, PredictorFile file) {
    return new TargetPredictor(name, new FittedPredictor(file));
  }

  /**
   * Predicts one architecture of {@code space} in macro network {@code macro}.
   *
   * @throws InvalidArgumentException when {@code arch} is not an architecture of the space
   */
  public Prediction predict(LatencySpace space, MacroConfig macro, String arch) {
    return prediction(space.id(), macro, fitted.predictor(space.id(), macro).predictMs(space.lower(arch, macro)));
  }

  /**
   * Predicts an ONNX model; the space and macro network come from its {@code nas export} metadata (none for other
   * models, which are outside the fitted families).
   *
   * @throws IOException when the model cannot be read
   */
  public Prediction predictModel(Path model) throws IOException {
    List<OpSpec> ops = OnnxLowering.lower(model, Map.of());
    Map<String, String> meta = new HashMap<>();
    for (var p : OnnxModels.load(model).getMetadataPropsList()) {
      meta.put(p.getKey(), p.getValue());
    }
    String modelSpace = meta.get("nas.space");
    MacroConfig macro = exportedMacro(meta);
    return prediction(modelSpace, macro, fitted.predictor(modelSpace, macro).predictMs(ops));
  }

  /**
   * Predicts every architecture of a file (one per line; blank lines and lines starting with '#' skipped), in order.
   * Reads the whole file before returning, so that a bad line gives no partial result.
   *
   * @throws InvalidArgumentException when the file is missing, or naming the line that is not an architecture
   */
  public List<ArchLatency> predictFile(LatencySpace space, MacroConfig macro, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("architecture file not found: " + file);
    }
    LatencyPredictor predictor = fitted.predictor(space.id(), macro);
    List<ArchLatency> result = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String arch = line.trim();
        if (arch.isEmpty() || arch.startsWith("#")) {
          continue;
        }
        try {
          result.add(new ArchLatency(arch, predictor.predictMs(space.lower(arch, macro))));
        } catch (InvalidArgumentException e) {
          throw new InvalidArgumentException(file + " line " + number + ": " + e.getMessage(), e);
        }
      }
    }
    return result;
  }

  private Prediction prediction(String spaceId, MacroConfig macro, double ms) {
    FittedPredictor.Band b = fitted.band(spaceId, macro);
    ErrorMetrics covered = b.inside() ? fitted.tableError(spaceId) : null;
    ErrorMetrics e = covered != null ? covered : file().heldOutError().overall();
    String model = b.inside() || file().transfer() == null ? PredictorFile.Model.KERNEL_LINEAR
        : PredictorFile.Transfer.KERNEL_SHARED;
    return new Prediction(spaceId, macro, ms, b, covered != null, e, model,
        covered != null ? null : caveat(file(), spaceId, b));
  }

  /**
   * The macro network a {@code nas export} file records in its metadata, or null when it records none (not a nas
   * export) or an unreadable one: such a network is outside the fitted families anyway.
   */
  static MacroConfig exportedMacro(Map<String, String> meta) {
    try {
      return new MacroConfig(Integer.parseInt(meta.get("nas.cells")), Integer.parseInt(meta.get("nas.channels")),
          InputShape.parse(meta.get("nas.input")), Integer.parseInt(meta.get("nas.classes")),
          Stem.valueOf(meta.get("nas.stem").toUpperCase(Locale.ROOT)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The one-line caveat for a prediction outside the families the predictor was measured on. */
  static String caveat(PredictorFile file, String spaceId, FittedPredictor.Band band) {
    String what = spaceId == null ? "this model's network family" : spaceId + " networks";
    if (band.measured()) {
      return String.format(Locale.ROOT, "%s: no %s measurement covers %s; priced by the kernel-shared transfer"
          + " model fitted on %s, its error when fitted on one space and predicting the other: median %.0f%%, 90%%"
          + " within ±%.0f%% (docs/latency-predictor.md); 'nas targets calibrate' measures a band on a device",
          band.caveat(), file.fittedOn().device(), what, spaces(file), band.typicalErrorPct(), band.p90ErrorPct());
    }
    return String.format(Locale.ROOT, "%s: no %s measurement covers %s (fitted on %s, held-out median error %.1f%%"
        + " there); trust rankings more than milliseconds; 'nas targets calibrate' measures a band", band.caveat(),
        file.fittedOn().device(), what, spaces(file), file.heldOutError().overall().medianAbsErrorPct());
  }

  private static String spaces(PredictorFile file) {
    return String.join("+", file.fittedOn().tables().stream().map(PredictorFile.TableFit::space).distinct()
        .toList()) + " networks";
  }
}
