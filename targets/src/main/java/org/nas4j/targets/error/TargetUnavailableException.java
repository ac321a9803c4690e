package org.nas4j.targets.error;

/**
 * The target is valid but cannot run on this machine: no CUDA provider, no phone attached, no predictor. The CLI
 * exits 4 so CI can treat it as "skipped".
 */
public class TargetUnavailableException extends RuntimeException {
  public TargetUnavailableException(String message) {
    super(message);
  }

  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
