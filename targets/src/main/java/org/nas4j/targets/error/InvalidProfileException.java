package org.nas4j.targets.error;

/** A target profile file is missing, unreadable or malformed. */
public class InvalidProfileException extends InvalidArgumentException {
  public InvalidProfileException(String message) {
    super(message);
  }

  public InvalidProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
