package org.nas4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main#run} and keeps what it printed. */
final class CliHarness {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  int code;

  static CliHarness run(String... args) {
    CliHarness h = new CliHarness();
    h.code = Main.run(new PrintWriter(h.out, true), new PrintWriter(h.err, true), args);
    return h;
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
