package org.nas4j.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.nas4j.search.run.RunFiles;

/** JSON of the records that cross the cluster: one line each, with nas's shared mapper. */
final class Wire {
  private Wire() {}

  static String json(Object record) {
    try {
      return RunFiles.JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws IllegalArgumentException naming {@code what} when the text is not such a record */
  static <T> T parse(String json, Class<T> type, String what) {
    try {
      return RunFiles.JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed " + what + ": " + e.getOriginalMessage(), e);
    }
  }
}
