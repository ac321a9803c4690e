package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged CLI in a fresh JVM, as {@code bin/nas} does, and checks which classes the cheap commands load.
 */
class LauncherIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
        "-cp", TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
        "org.nas4j.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  @Test
  void helpAndTargetsListLoadNeitherOnnxRuntimeNorNd4j() throws Exception {
    assertThat(Files.isRegularFile(TARGET.resolve("nas4j-cli.jar"))).isTrue();
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"targets", "list"})) {
      String loaded = run(args);
      assertThat(loaded).contains("org.nas4j.cli.Main");
      assertThat(loaded).doesNotContain("ai.onnxruntime.").doesNotContain("org.nd4j.linalg.")
          .doesNotContain("org.deeplearning4j.");
    }
  }
}
