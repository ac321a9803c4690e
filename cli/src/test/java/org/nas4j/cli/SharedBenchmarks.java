package org.nas4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared benchmark tables: system property {@code nas.shared.dir} (set by the parent pom), else the
 * nearest {@code shared/} folder above the working directory. Fails (does not skip) when they are missing.
 */
final class SharedBenchmarks {
  private SharedBenchmarks() {}

  static Path dir() {
    String configured = System.getProperty("nas.shared.dir", "../shared");
    Path p = Path.of(configured, "benchmarks");
    if (Files.isRegularFile(p.resolve("nb201.csv"))) {
      return p;
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("benchmarks");
      if (Files.isRegularFile(candidate.resolve("nb201.csv"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared benchmark tables not found (nas.shared.dir=" + configured + ")");
  }
}
