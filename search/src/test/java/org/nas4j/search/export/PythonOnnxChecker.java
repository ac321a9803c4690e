package org.nas4j.search.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's python3-onnx checker ({@code check_model(full_check=True)}) on files, in one Python process. */
final class PythonOnnxChecker {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private PythonOnnxChecker() {}

  static void assertValid(List<Path> files) throws IOException, InterruptedException {
    assertThat(PYTHON).as("Debian python3 with python3-onnx").exists();
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c",
        "import sys, onnx\n"
            + "for p in sys.argv[1:]:\n"
            + "    m = onnx.load(p)\n"
            + "    onnx.checker.check_model(m, full_check=True)\n"
            + "    onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)\n"
            + "print('checked', len(sys.argv) - 1)\n"));
    files.forEach(f -> cmd.add(f.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("checked " + files.size());
    for (Path f : files) {
      Files.deleteIfExists(f);
    }
  }
}
