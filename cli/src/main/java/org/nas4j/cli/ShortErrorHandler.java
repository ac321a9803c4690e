package org.nas4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Bad command lines: one line naming the problem, a suggestion if there is one, and where to get help. Exit 2. */
final class ShortErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("nas: " + oneLine(ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    if (NasErrorHandler.stacktraceRequested(args)) {
      ex.printStackTrace(err);
    }
    return ExitCodes.INVALID_INPUT;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "invalid input";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
