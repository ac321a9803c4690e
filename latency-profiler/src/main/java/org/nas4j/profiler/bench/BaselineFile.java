package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.targets.error.JsonErrors;

/**
 * A baseline file ({@code nas.baseline/v1}): the raw samples of one or more models, read by {@code nas bench
 * --baseline}. Reading rejects unknown keys, a wrong schema and invalid values with one line naming the file.
 *
 * @param schema always {@link #SCHEMA}
 * @param createdAt ISO-8601 instant it was recorded
 * @param nasVersion version of nas that recorded it
 * @param entries one entry per model
 */
@JsonPropertyOrder({"schema", "createdAt", "nasVersion", "entries"})
public record BaselineFile(String schema, String createdAt, String nasVersion, List<BaselineEntry> entries) {
  /** The schema id. */
  public static final String SCHEMA = "nas.baseline/v1";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  public BaselineFile {
    if (!SCHEMA.equals(schema)) {
      throw new InvalidArgumentException("schema must be \"" + SCHEMA + "\", got " + schema);
    }
    if (entries == null || entries.isEmpty()) {
      throw new InvalidArgumentException("entries must hold at least one model");
    }
    entries = List.copyOf(entries);
  }

  /**
   * Reads a baseline file.
   *
   * @throws InvalidArgumentException if it is missing, unreadable, not JSON, or not a valid baseline
   */
  public static BaselineFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("baseline file not found: " + file);
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        throw new InvalidArgumentException("cannot read baseline file " + file + ": the file is empty");
      }
      return JSON.readValue(bytes, BaselineFile.class);
    } catch (JsonMappingException e) {
      throw new InvalidArgumentException("cannot read baseline file " + file + ": "
          + JsonErrors.reason(e, InvalidArgumentException.class) + at(e), e);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException("cannot read baseline file " + file + ": not valid JSON" + at(e) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read baseline file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes this baseline atomically. */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
  }

  /**
   * The entry for a model: the one whose {@code model} name equals the file name of {@code model}, else the only
   * entry, else null.
   */
  public BaselineEntry entryFor(Path model) {
    String name = model.getFileName().toString();
    for (BaselineEntry e : entries) {
      if (Path.of(e.model()).getFileName().toString().equals(name)) {
        return e;
      }
    }
    return entries.size() == 1 ? entries.get(0) : null;
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " (line " + e.getLocation().getLineNr()
        + ")";
  }
}
