package org.nas4j.targets;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.nas4j.targets.error.InvalidProfileException;
import org.nas4j.targets.error.JsonErrors;
import org.nas4j.targets.error.TargetNotFoundException;

/**
 * Finds target profiles: the built-in ones shipped as resources in {@code org/nas4j/targets/} and user profiles read
 * from JSON files. Stateless and thread-safe.
 */
public final class TargetRegistry {

  /** Ids of the built-in profiles, in display order. */
  public static final List<String> BUILT_IN = List.of("cuda", "host", "pixel");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /** Keys a profile must have; the others are optional. */
  private static final List<String> REQUIRED = List.of(
      "id", "description", "device", "executionProvider", "measure", "threads", "inputShape", "warmupRuns",
      "measuredRuns");

  private TargetRegistry() {}

  /** All built-in profiles. */
  public static List<TargetProfile> builtIns() {
    List<TargetProfile> all = new ArrayList<>();
    for (String id : BUILT_IN) {
      all.add(builtIn(id));
    }
    return all;
  }

  /**
   * The built-in profile with this id.
   *
   * @throws TargetNotFoundException naming the known ids and the closest one
   */
  public static TargetProfile builtIn(String id) {
    if (!BUILT_IN.contains(id)) {
      String message = "unknown target '" + id + "'. Known targets: " + String.join(", ", BUILT_IN) + ".";
      String close = closest(id, BUILT_IN);
      if (close != null) {
        message += " Did you mean '" + close + "'?";
      }
      throw new TargetNotFoundException(message + " (A profile file goes with --target-file.)");
    }
    String resource = id + ".json";
    try (InputStream in = TargetRegistry.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in profile resource missing: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in profile " + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a user profile.
   *
   * @throws InvalidProfileException if the file is missing, unreadable, not JSON, has unknown keys or bad values
   */
  public static TargetProfile load(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidProfileException("target file not found: " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidProfileException("target file is not a regular file: " + file);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidProfileException("cannot read target file " + file + ": " + e.getMessage(), e);
    }
    if (text.isBlank()) {
      throw new InvalidProfileException("cannot read target file " + file + ": the file is empty");
    }
    return parse(text, "target file " + file);
  }

  /** Parses profile JSON; {@code source} names where it came from in error messages. */
  public static TargetProfile parse(String json, String source) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new InvalidProfileException("cannot read " + source + ": expected a JSON object");
      }
      List<String> known = java.util.Arrays.stream(TargetProfile.class.getRecordComponents())
          .map(java.lang.reflect.RecordComponent::getName).sorted().toList();
      for (java.util.Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!known.contains(key)) {
          throw new InvalidProfileException("cannot read " + source + ": unknown key \"" + key + "\""
              + lineOf(json, "\"" + key + "\"") + " (expected one of: " + String.join(", ", known) + ")");
        }
      }
      for (String key : REQUIRED) {
        if (!tree.has(key) || tree.get(key).isNull()) {
          throw new InvalidProfileException("cannot read " + source + ": missing key \"" + key + "\"");
        }
      }
      return JSON.readValue(json, TargetProfile.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", "));
      throw new InvalidProfileException("cannot read " + source + ": unknown key \"" + e.getPropertyName() + "\""
          + at(e) + " (expected one of: " + known + ")", e);
    } catch (JsonParseException e) {
      throw new InvalidProfileException("cannot read " + source + ": not valid JSON" + at(e) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (JsonMappingException e) {
      throw new InvalidProfileException("cannot read " + source + ": "
          + JsonErrors.reason(e, InvalidProfileException.class) + at(e), e);
    } catch (JsonProcessingException e) {
      throw new InvalidProfileException("cannot read " + source + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The profile as pretty JSON, keys in a stable order. */
  public static String toJson(TargetProfile profile) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(profile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a profile's latency predictor was fitted on and its measured held-out error, read with plain Jackson from
   * the predictor JSON ({@code nas.predictor/v1}): an object with {@code predictor}, {@code fittedOn},
   * {@code heldOutError} and a one-line {@code summary}. Empty when the profile names no predictor. A built-in
   * predictor is a class-path resource next to the built-in profiles; any other name is a file path.
   *
   * @throws InvalidProfileException if the predictor cannot be found or read
   */
  public static java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> predictorInfo(
      TargetProfile profile) {
    String name = profile.predictor();
    if (name == null) {
      return java.util.Optional.empty();
    }
    JsonNode tree;
    try (InputStream in = TargetRegistry.class.getResourceAsStream(name)) {
      if (in != null) {
        tree = JSON.readTree(in);
      } else if (Files.isRegularFile(Path.of(name))) {
        tree = JSON.readTree(Files.readString(Path.of(name), StandardCharsets.UTF_8));
      } else {
        throw new InvalidProfileException("target " + profile.id() + ": predictor not found: " + name);
      }
    } catch (IOException e) {
      throw new InvalidProfileException("target " + profile.id() + ": cannot read predictor " + name + ": "
          + e.getMessage(), e);
    }
    if (tree == null || !tree.path("schema").asText().equals("nas.predictor/v1")) {
      throw new InvalidProfileException("target " + profile.id() + ": predictor " + name
          + " is not a nas.predictor/v1 file");
    }
    com.fasterxml.jackson.databind.node.ObjectNode info = JSON.createObjectNode();
    info.put("predictor", name);
    JsonNode fitted = tree.path("fittedOn");
    JsonNode overall = tree.path("heldOutError").path("overall");
    info.put("summary", String.format(java.util.Locale.ROOT,
        "Predicted, not measured: %s model fitted on %d measured networks (%s) from %s, device %s, runtime %s,"
            + " precision %s. Held-out error (%d-fold over architectures): median %.1f%%, 90%% of predictions"
            + " within ±%.1f%%, %.1f%% within ±10%%, Spearman rho %.3f.",
        tree.path("model").path("kind").asText(), fitted.path("rows").asInt(), tables(fitted),
        fitted.path("source").asText(), fitted.path("device").asText(), fitted.path("runtime").asText(),
        fitted.path("precision").asText(), tree.path("heldOutError").path("folds").asInt(),
        overall.path("medianAbsErrorPct").asDouble(), overall.path("p90AbsErrorPct").asDouble(),
        100 * overall.path("within10PctShare").asDouble(), overall.path("spearmanRho").asDouble()));
    info.set("fittedOn", fitted);
    info.set("heldOutError", tree.path("heldOutError"));
    return java.util.Optional.of(info);
  }

  private static String tables(JsonNode fitted) {
    List<String> parts = new ArrayList<>();
    for (JsonNode t : fitted.path("tables")) {
      parts.add(t.path("table").asText() + " column " + t.path("latencyColumn").asText() + ", "
          + t.path("rows").asInt() + " rows");
    }
    return String.join("; ", parts);
  }

  /** The profile as pretty JSON plus a {@code predictorInfo} block (see {@link #predictorInfo}) when it has one. */
  public static String toJsonWithPredictorInfo(TargetProfile profile) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = JSON.valueToTree(profile);
    predictorInfo(profile).ifPresent(info -> tree.set("predictorInfo", info));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 (hex) of the profile's canonical JSON: two profiles with equal settings have equal hashes. */
  public static String sha256(TargetProfile profile) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(profile);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** " at line N" for the first occurrence of {@code token}, or "" if absent. */
  private static String lineOf(String text, String token) {
    int index = text.indexOf(token);
    return index < 0 ? "" : " at line " + (1 + text.substring(0, index).chars().filter(c -> c == '\n').count());
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
  }

  /** The candidate within edit distance 2 of {@code word}, or null. */
  static String closest(String word, List<String> candidates) {
    if (word == null) {
      return null;
    }
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = editDistance(word.toLowerCase(), c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
