package org.nas4j.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code nas} in a child JVM from the built jar (for tests that kill it), its output to a log file. */
final class ChildNas {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private ChildNas() {}

  /** {@code nas -q ARGS} with stdout and stderr in {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        TARGET.resolve("nas4j-cli.jar") + File.pathSeparator + TARGET.resolve("lib") + "/*",
        "org.nas4j.cli.Main", "-q"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
