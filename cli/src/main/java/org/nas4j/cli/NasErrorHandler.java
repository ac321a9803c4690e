package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Exceptions from a running command: one line on stderr, a stack trace only with --stacktrace or --verbose. */
final class NasErrorHandler implements IExecutionExceptionHandler {
  private final NasCommand root;

  NasErrorHandler(NasCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    int code = ExitCodes.forException(ex);
    String message = ShortErrorHandler.oneLine(describe(ex));
    err.println("nas: " + message);
    if (code == ExitCodes.INVALID_INPUT && ex instanceof CommandLine.ParameterException) {
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    if (code == ExitCodes.INTERNAL_ERROR) {
      err.println("This is a bug in nas; rerun with --stacktrace and report it.");
    }
    if (root.stacktrace || root.verbose) {
      ex.printStackTrace(err);
    }
    return code;
  }

  private static String describe(Throwable ex) {
    if (ExitCodes.forException(ex) == ExitCodes.INTERNAL_ERROR) {
      return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }

  static boolean stacktraceRequested(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("-x") || a.equals("--stacktrace") || a.equals("--verbose")
        || a.equals("-v"));
  }
}
