package org.nas4j.cli;

import picocli.CommandLine.Option;

/** Mixin for {@code --format text|json} (and {@code --json} as a short form). */
final class OutputFormat {
  enum Format { text, json }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  boolean json() {
    return json || format == Format.json;
  }
}
