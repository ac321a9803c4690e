package org.nas4j.search.data;

import org.nas4j.targets.error.InvalidArgumentException;

/** A dataset file or folder is missing or malformed; the message names the file and the problem. */
public class InvalidDatasetException extends InvalidArgumentException {
  public InvalidDatasetException(String message) {
    super(message);
  }

  public InvalidDatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
