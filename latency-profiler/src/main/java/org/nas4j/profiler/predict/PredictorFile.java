package org.nas4j.profiler.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.JsonErrors;

/**
 * A fitted predictor as stored on disk ({@code "schema": "nas.predictor/v1"}): the kernel model's coefficients,
 * what it was fitted on, and its measured held-out error. Immutable.
 *
 * @param schema always {@link #SCHEMA}
 * @param model the kernel-linear model
 * @param fittedOn device, runtime, precision and the tables (with sha256) the model was fitted on
 * @param heldOutError k-fold held-out error overall and per table
 * @param transfer the model for networks outside the fitted families and its leave-one-space-out error; absent
 *     (null) when the tables cover a single space, so there was no transfer to measure
 */
@JsonPropertyOrder({"schema", "model", "fittedOn", "heldOutError", "transfer"})
public record PredictorFile(String schema, Model model, FittedOn fittedOn, HeldOutError heldOutError,
    @JsonInclude(JsonInclude.Include.NON_NULL) Transfer transfer) {
  /** The schema id this class reads and writes. */
  public static final String SCHEMA = "nas.predictor/v1";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  public PredictorFile {
    if (!SCHEMA.equals(schema)) {
      throw new IllegalArgumentException("schema must be \"" + SCHEMA + "\", got " + schema);
    }
    if (model == null || fittedOn == null || heldOutError == null) {
      throw new IllegalArgumentException("model, fittedOn and heldOutError are required");
    }
  }

  /** A file without a transfer model (fitted on one space). */
  public PredictorFile(String schema, Model model, FittedOn fittedOn, HeldOutError heldOutError) {
    this(schema, model, fittedOn, heldOutError, null);
  }

  /**
   * The model block.
   *
   * @param kind always {@code kernel-linear}
   * @param ridge ridge strength it was fitted with
   * @param interceptMs constant per network
   * @param classes coefficients per kernel class (units: ms per kernel, per 1e6 MACs, per 1e6 bytes)
   * @param fallback pooled coefficients, also used for kernel classes not in {@code classes}
   * @param floorMs the smallest prediction (the smallest latency fitted on), {@code > 0}
   */
  @JsonPropertyOrder({"kind", "ridge", "interceptMs", "classes", "fallback", "floorMs"})
  public record Model(String kind, double ridge, double interceptMs,
      Map<String, KernelLinearPredictor.Coefficients> classes, KernelLinearPredictor.Coefficients fallback,
      double floorMs) {
    /** The only model kind so far. */
    public static final String KERNEL_LINEAR = "kernel-linear";

    public Model {
      if (!KERNEL_LINEAR.equals(kind)) {
        throw new IllegalArgumentException("model.kind must be \"" + KERNEL_LINEAR + "\", got " + kind);
      }
      if (classes == null || fallback == null) {
        throw new IllegalArgumentException("model.classes and model.fallback are required");
      }
      new KernelLinearPredictor(interceptMs, classes, fallback, floorMs); // validates
    }

    /** The model block of a predictor. */
    public static Model of(KernelLinearPredictor p, double ridge) {
      return new Model(KERNEL_LINEAR, ridge, p.interceptMs(), p.classes(), p.fallback(), p.floorMs());
    }
  }

  /**
   * What the model was fitted on.
   *
   * @param device device name, for example "Pixel 3"
   * @param runtime runtime, for example "TFLite float32 CPU"
   * @param precision numeric precision, for example "fp32"
   * @param source where the measurements come from, free text
   * @param rows rows used over all tables
   * @param skippedRows rows skipped because their latency was empty
   * @param tables one entry per table
   */
  @JsonPropertyOrder({"device", "runtime", "precision", "source", "rows", "skippedRows", "tables"})
  public record FittedOn(String device, String runtime, String precision, String source, int rows, int skippedRows,
      List<TableFit> tables) {
    public FittedOn {
      tables = tables == null ? List.of() : List.copyOf(tables);
    }
  }

  /**
   * One measurement table.
   *
   * @param space search space of its architecture column ({@code nb201} or {@code fbnet})
   * @param table file name (basename)
   * @param sha256 SHA-256 of the file
   * @param archColumn column holding the architecture
   * @param latencyColumn column holding the latency in ms
   * @param rows rows used
   * @param skippedRows rows with an empty latency
   */
  @JsonPropertyOrder({"space", "table", "sha256", "archColumn", "latencyColumn", "rows", "skippedRows"})
  public record TableFit(String space, String table, String sha256, String archColumn, String latencyColumn,
      int rows, int skippedRows) {}

  /**
   * Held-out error of k-fold cross-validation over architectures.
   *
   * @param folds number of folds
   * @param seed seed that shuffled the architectures into folds
   * @param grouping what keeps copies of one architecture in one fold
   * @param overall metrics over all tables
   * @param perTable metrics per table, in the order of {@link FittedOn#tables()}
   */
  @JsonPropertyOrder({"folds", "seed", "grouping", "overall", "perTable"})
  public record HeldOutError(int folds, long seed, String grouping, ErrorMetrics overall,
      List<ErrorMetrics> perTable) {
    public HeldOutError {
      perTable = perTable == null ? List.of() : List.copyOf(perTable);
    }
  }

  /**
   * The {@link SharedKernelModel} fitted on all tables, for networks outside the fitted families, with the error it
   * makes across families.
   *
   * @param kind always {@code kernel-shared}
   * @param interceptMs see {@link SharedKernelModel}
   * @param perKernelMs see {@link SharedKernelModel}
   * @param perMegaMacMs see {@link SharedKernelModel}
   * @param perMegabyteMs see {@link SharedKernelModel}
   * @param floorMs see {@link SharedKernelModel}
   * @param leaveOneSpaceOut the same model fitted on all tables of one space and scored on the other space's tables,
   *     for each ordered pair of spaces
   * @param typicalErrorPct the band quoted for networks outside the fitted families: the largest median absolute
   *     error over {@code leaveOneSpaceOut}
   * @param p90ErrorPct the largest 90th-percentile absolute error over {@code leaveOneSpaceOut}
   */
  @JsonPropertyOrder({"kind", "interceptMs", "perKernelMs", "perMegaMacMs", "perMegabyteMs", "floorMs",
      "typicalErrorPct", "p90ErrorPct", "leaveOneSpaceOut"})
  public record Transfer(String kind, double interceptMs, double perKernelMs, double perMegaMacMs,
      double perMegabyteMs, double floorMs, double typicalErrorPct, double p90ErrorPct, List<CrossSpace> leaveOneSpaceOut) {
    /** The only transfer model kind so far. */
    public static final String KERNEL_SHARED = "kernel-shared";

    public Transfer {
      if (!KERNEL_SHARED.equals(kind)) {
        throw new IllegalArgumentException("transfer.kind must be \"" + KERNEL_SHARED + "\", got " + kind);
      }
      if (leaveOneSpaceOut == null || leaveOneSpaceOut.isEmpty()) {
        throw new IllegalArgumentException("transfer.leaveOneSpaceOut needs at least one entry");
      }
      leaveOneSpaceOut = List.copyOf(leaveOneSpaceOut);
      new SharedKernelModel(interceptMs, perKernelMs, perMegaMacMs, perMegabyteMs, floorMs); // validates
    }

    /** The block for a fitted model and its cross-space errors; the band is derived from them. */
    public static Transfer of(SharedKernelModel m, List<CrossSpace> leaveOneSpaceOut) {
      double median = leaveOneSpaceOut.stream().mapToDouble(c -> c.error().medianAbsErrorPct()).max().orElse(0);
      double p90 = leaveOneSpaceOut.stream().mapToDouble(c -> c.error().p90AbsErrorPct()).max().orElse(0);
      return new Transfer(KERNEL_SHARED, m.interceptMs(), m.perKernelMs(), m.perMegaMacMs(), m.perMegabyteMs(),
          m.floorMs(), median, p90, leaveOneSpaceOut);
    }

    /** The model. */
    public SharedKernelModel model() {
      return new SharedKernelModel(interceptMs, perKernelMs, perMegaMacMs, perMegabyteMs, floorMs);
    }
  }

  /**
   * Error of a model fitted on one space's tables when it predicts another space's tables.
   *
   * @param fittedOn the space fitted on, e.g. {@code nb201}
   * @param predicted the space predicted, e.g. {@code fbnet}
   * @param error metrics over the predicted rows
   */
  @JsonPropertyOrder({"fittedOn", "predicted", "error"})
  public record CrossSpace(String fittedOn, String predicted, ErrorMetrics error) {}

  /** The predictor this file describes. */
  public KernelLinearPredictor predictor() {
    return new KernelLinearPredictor(model.interceptMs(), model.classes(), model.fallback(), model.floorMs());
  }

  /** Pretty JSON with a stable key order. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the JSON to a temporary file next to {@code file} and moves it into place. */
  public void write(Path file) throws IOException {
    org.nas4j.profiler.files.AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a predictor file.
   *
   * @throws InvalidArgumentException naming the file if it is missing, not JSON, of another schema or malformed
   */
  public static PredictorFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("predictor file not found: " + file);
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), "predictor file " + file);
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read predictor file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a predictor shipped as a class-path resource next to the built-in target profiles. */
  public static PredictorFile readResource(String name) {
    String path = "/org/nas4j/targets/" + name;
    try (InputStream in = PredictorFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new InvalidArgumentException("built-in predictor not found: " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in predictor " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses predictor JSON; {@code source} names it in error messages. */
  public static PredictorFile parse(String json, String source) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new InvalidArgumentException("cannot read " + source + ": expected a JSON object");
      }
      JsonNode schema = tree.get("schema");
      if (schema == null || !SCHEMA.equals(schema.asText())) {
        throw new InvalidArgumentException("cannot read " + source + ": expected \"schema\": \"" + SCHEMA
            + "\", got " + schema);
      }
      for (String block : List.of("model", "transfer")) {
        JsonNode b = tree.get(block);
        if (b != null && b.isObject() && !b.has("floorMs")) {
          throw new InvalidArgumentException("cannot read " + source + ": " + block + ".floorMs is missing (the file"
              + " was written before predictions had a floor); refit it with 'nas targets fit' or 'nas targets"
              + " calibrate'");
        }
      }
      return JSON.treeToValue(tree, PredictorFile.class);
    } catch (JsonProcessingException e) {
      String why = JsonErrors.reason(e, IllegalArgumentException.class);
      String at = "";
      if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
        at = " (at " + m.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(java.util.stream.Collectors.joining(".")) + ")";
      }
      throw new InvalidArgumentException("cannot read " + source + ": " + why + at, e);
    }
  }
}
