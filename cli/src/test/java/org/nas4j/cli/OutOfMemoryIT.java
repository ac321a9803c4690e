package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real out-of-memory error: a fresh JVM whose off-heap memory (where ND4J keeps every array) is capped far below
 * what the network needs. Training must end with a one-line failure, exit 1, no stack trace and no DL4J crash dump
 * in the working directory.
 */
class OutOfMemoryIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  @TempDir Path cwd;

  @Test
  void outOfMemoryEndsTrainingWithOneLineAndLeavesNoCrashDump() throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.bytedeco.javacpp.maxbytes=200m", "-Dorg.bytedeco.javacpp.maxphysicalbytes=1200m",
        "-cp", TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
        "org.nas4j.cli.Main", "-q", "train", "--space", "darts", "--genotype", "DARTS_V2", "--cells", "8",
        "--channels", "64", "--train-images", "512", "--batch-size", "512", "--epochs", "1", "--dataset",
        "fashion-mnist:embedded", "--validation-images", "500");
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(ExitCodes.FAILURE);
    assertThat(out).contains("nas: training stopped: out of memory").doesNotContain("\tat ");
    try (Stream<Path> files = Files.list(cwd)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("dl4j-memory-crash-dump"));
    }
  }
}
