package org.nas4j.cli;

import org.nas4j.targets.error.InvalidInputException;
import org.nas4j.targets.error.NasFailure;
import org.nas4j.targets.error.TargetUnavailableException;
import picocli.CommandLine.ParameterException;

/** The exit codes of {@code nas}, listed in {@code --help}. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int INVALID_INPUT = 2;
  public static final int REGRESSION = 3;
  public static final int TARGET_UNAVAILABLE = 4;
  public static final int INCONCLUSIVE = 5;
  public static final int INTERNAL_ERROR = 70;
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code for an exception that escaped a command. */
  public static int forException(Throwable t) {
    if (t instanceof ParameterException || t instanceof InvalidInputException) {
      return INVALID_INPUT;
    }
    if (t instanceof TargetUnavailableException) {
      return TARGET_UNAVAILABLE;
    }
    if (t instanceof NasFailure || t instanceof java.io.IOException
        || t instanceof java.io.UncheckedIOException) {
      return FAILURE;
    }
    if (t instanceof InterruptedException) {
      return INTERRUPTED;
    }
    return INTERNAL_ERROR;
  }

  /** The exit-code list of {@code nas --help}, as picocli's key/value pairs. */
  static java.util.Map<String, String> helpMap() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String line : helpList()) {
      int colon = line.indexOf(':');
      out.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return out;
  }

  /** Lines for picocli's exit-code list. */
  static String[] helpList() {
    return new String[] {
      " 0:success",
      " 1:failure while running (I/O error, ONNX Runtime failed, training diverged)",
      " 2:invalid input (bad option, unreadable or invalid file, unknown target, bad profile)",
      " 3:latency regression (bench against a baseline)",
      " 4:target unavailable here (no CUDA provider, no device, no predictor)",
      " 5:inconclusive (bench could not tell within its rounds and time budget whether the allowance is exceeded)",
      "70:internal error (a bug in nas)",
      "130:interrupted",
    };
  }
}
