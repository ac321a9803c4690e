package org.nas4j.targets.error;

/** A failure while running (I/O, ONNX Runtime, training): not the user's input, not a bug. The CLI exits 1. */
public class NasFailure extends RuntimeException {
  public NasFailure(String message) {
    super(message);
  }

  public NasFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
