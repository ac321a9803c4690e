package org.nas4j.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Durations on the command line: {@code 20m}, {@code 1h30m}, {@code 90s}. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private Durations() {}

  /** Seconds of a duration such as 20m, 1h30m or 90s given to {@code option}; a bad one is a usage error. */
  static long seconds(CommandSpec spec, String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (text.isBlank() || !m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
      throw new ParameterException(spec.commandLine(),
          "bad " + option + " '" + text + "': expected a duration such as 20m, 1h30m or 90s");
    }
    long total = 0;
    total += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
    total += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
    total += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    if (total <= 0) {
      throw new ParameterException(spec.commandLine(), "bad " + option + " '" + text + "': must be positive");
    }
    return total;
  }
}
