package org.nas4j.profiler;

import org.nas4j.targets.error.InvalidArgumentException;

/** An ONNX model file is missing, unreadable, not ONNX, or structurally broken. The message names the file. */
public class InvalidModelException extends InvalidArgumentException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
