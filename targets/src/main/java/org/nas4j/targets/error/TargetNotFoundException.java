package org.nas4j.targets.error;

/** The target id names no built-in profile. */
public class TargetNotFoundException extends InvalidArgumentException {
  public TargetNotFoundException(String message) {
    super(message);
  }
}
