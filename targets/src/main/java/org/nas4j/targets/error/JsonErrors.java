package org.nas4j.targets.error;

import com.fasterxml.jackson.core.JsonProcessingException;

/** One-line reasons for the JSON files nas reads (target profiles, baselines, predictors) that Jackson rejects. */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * Why Jackson could not read a file: the message of the innermost cause when it is an {@code ours} (the file's own
   * validation, thrown from a record's constructor), else the first line of Jackson's message.
   */
  public static String reason(JsonProcessingException e, Class<? extends Throwable> ours) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return ours.isInstance(root) ? root.getMessage() : e.getOriginalMessage().lines().findFirst().orElse("");
  }
}
