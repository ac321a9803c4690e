package org.nas4j.profiler;

import org.nas4j.targets.error.NasFailure;

/** ONNX Runtime failed while loading or timing a model that looked valid. */
public class ProfilingException extends NasFailure {
  public ProfilingException(String message) {
    super(message);
  }

  public ProfilingException(String message, Throwable cause) {
    super(message, cause);
  }
}
