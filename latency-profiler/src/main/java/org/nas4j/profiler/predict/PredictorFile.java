package org.nas4j.profiler.predict;

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

/**
 * A fitted predictor as stored on disk ({@code "schema": "nas.predictor/v1"}): the kernel model's coefficients,
 * what it was fitted on, and its measured held-out error. Immutable.
 *
 * @param schema always {@link #SCHEMA}
 * @param model the kernel-linear model
 * @param fittedOn device, runtime, precision and the tables (with sha256) the model was fitted on
 * @param heldOutError k-fold held-out error overall and per table
 */
@JsonPropertyOrder({"schema", "model", "fittedOn", "heldOutError"})
public record PredictorFile(String schema, Model model, FittedOn fittedOn, HeldOutError heldOutError) {
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

  /**
   * The model block.
   *
   * @param kind always {@code kernel-linear}
   * @param ridge ridge strength it was fitted with
   * @param interceptMs constant per network
   * @param classes coefficients per kernel class (units: ms per kernel, per 1e6 MACs, per 1e6 bytes)
   * @param fallback pooled coefficients, also used for kernel classes not in {@code classes}
   */
  @JsonPropertyOrder({"kind", "ridge", "interceptMs", "classes", "fallback"})
  public record Model(String kind, double ridge, double interceptMs,
      Map<String, KernelLinearPredictor.Coefficients> classes, KernelLinearPredictor.Coefficients fallback) {
    /** The only model kind so far. */
    public static final String KERNEL_LINEAR = "kernel-linear";

    public Model {
      if (!KERNEL_LINEAR.equals(kind)) {
        throw new IllegalArgumentException("model.kind must be \"" + KERNEL_LINEAR + "\", got " + kind);
      }
      if (classes == null || fallback == null) {
        throw new IllegalArgumentException("model.classes and model.fallback are required");
      }
    }

    /** The model block of a predictor. */
    public static Model of(KernelLinearPredictor p, double ridge) {
      return new Model(KERNEL_LINEAR, ridge, p.interceptMs(), p.classes(), p.fallback());
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

  /** The predictor this file describes. */
  public KernelLinearPredictor predictor() {
    return new KernelLinearPredictor(model.interceptMs(), model.classes(), model.fallback());
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
      return JSON.treeToValue(tree, PredictorFile.class);
    } catch (JsonProcessingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why = root instanceof IllegalArgumentException ? root.getMessage()
          : e.getOriginalMessage().lines().findFirst().orElse("");
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
