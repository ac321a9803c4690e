package org.nas4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code nas}. {@link #run} is what tests call; {@link #main} only adds {@code System.exit}. */
public final class Main {
  /** slf4j-simple's level property; simplelogger.properties sets it to warn, {@code -v} to info. */
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  public static void main(String... args) {
    if (System.getProperty(LOG_LEVEL) == null && java.util.Arrays.stream(args).anyMatch(
        a -> a.equals("-v") || a.equals("--verbose"))) {
      System.setProperty(LOG_LEVEL, "info");
    }
    int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command line, writing results to {@code out} and messages to {@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine(out, err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    NasCommand root = new NasCommand();
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(new ShortErrorHandler());
    cl.setExecutionExceptionHandler(new NasErrorHandler(root));
    cl.setExitCodeExceptionMapper(ExitCodes::forException);
    cl.getCommandSpec().usageMessage().exitCodeList(ExitCodes.helpMap());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
