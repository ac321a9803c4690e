package org.nas4j.targets.error;

/** A value the user gave (option, file content, architecture text) is invalid. The message names it. */
public class InvalidArgumentException extends IllegalArgumentException implements InvalidInputException {
  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
