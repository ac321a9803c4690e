package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command renders cleanly: picocli formats descriptions, headers and footers with {@link
 * String#format}, and prints a text that is not a valid format string (a lone {@code %}) raw, with a warning on the
 * process's stderr that every user of {@code --help} would see.
 */
class HelpTextTest {
  @Test
  void everyCommandsHelpRendersWithoutPicocliWarnings() {
    List<CommandLine> commands = new ArrayList<>();
    collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), commands);
    // The root, its commands and their subcommands (targets, benchmark).
    assertThat(commands).hasSizeGreaterThan(12);
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    List<String> helps = new ArrayList<>();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine cl : commands) {
        helps.add(cl.getUsageMessage());
      }
    } finally {
      System.setErr(stderr);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(helps).allSatisfy(h -> assertThat(h).startsWith("Usage: nas").doesNotContain("%n"));
  }

  @Test
  void theRootHelpListsEveryExitCode() {
    String help = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        .getUsageMessage().replaceAll("\\s+", " ");
    for (String line : ExitCodes.helpList()) {
      assertThat(help).contains(line.substring(line.indexOf(':') + 1));
    }
    assertThat(help).contains("130", "interrupted", " 5", "inconclusive");
  }

  private static void collect(CommandLine cl, List<CommandLine> into) {
    into.add(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!into.contains(sub)) {
        collect(sub, into);
      }
    }
  }
}
