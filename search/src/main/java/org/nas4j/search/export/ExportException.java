package org.nas4j.search.export;

import org.nas4j.targets.error.NasFailure;

/** An export failed: the model did not verify, ONNX Runtime rejected it, or it could not be written. Exit 1. */
public class ExportException extends NasFailure {
  /** Creates the exception with a one-line message. */
  public ExportException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and its cause. */
  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
