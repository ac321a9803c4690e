package org.nas4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Mixin for the {@code DIR} parameter of commands that read a search run directory ({@code show}, {@code report}). */
final class RunDirOption {
  @Parameters(paramLabel = "DIR", description = "A run directory written by 'nas search'.")
  Path dir;

  /**
   * The directory.
   *
   * @throws ParameterException if it does not exist
   */
  Path existing(CommandSpec spec) {
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "DIR " + dir + ": no such directory");
    }
    return dir;
  }
}
