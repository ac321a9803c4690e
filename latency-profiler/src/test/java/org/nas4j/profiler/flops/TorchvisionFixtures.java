package org.nas4j.profiler.flops;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ONNX files exported by PyTorch from torchvision models, generated once by {@code src/test/python/make_fixtures.py}
 * into {@code target/fixtures/} and reused while its {@code fixtures.json} is complete. If Python lacks torch the
 * tests FAIL (not skip) with a message saying what to install.
 */
final class TorchvisionFixtures {
  static final List<String> MODELS = List.of("mobilenet_v2", "resnet18", "mnasnet1_0", "mobilenet_v3_small",
      "shufflenet_v2_x1_0", "efficientnet_b0");
  static final int GENERATOR_VERSION = 3;
  static final List<String> ZOO = List.of("zoo_opset9.onnx", "zoo_opset11.onnx", "zoo_opset13.onnx",
      "zoo_opset17.onnx");
  static final Path DIR = Path.of("target", "fixtures");
  static final Path SCRIPT = Path.of("src", "test", "python", "make_fixtures.py");

  private static JsonNode meta;

  private TorchvisionFixtures() {}

  /** The fixtures.json document, generating the fixtures first if needed. */
  static synchronized JsonNode meta() throws IOException, InterruptedException {
    if (meta == null) {
      meta = ensure();
    }
    return meta;
  }

  static Path file(String name) {
    return DIR.resolve(name);
  }

  private static JsonNode ensure() throws IOException, InterruptedException {
    JsonNode m = read();
    if (complete(m)) {
      return m;
    }
    String python = System.getProperty("nas.python", "/usr/bin/python3");
    Files.createDirectories(DIR);
    Path log = DIR.resolve("make_fixtures.log");
    Process p;
    try {
      p = new ProcessBuilder(python, SCRIPT.toString(), DIR.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      fail("cannot run " + python + " to export the torchvision fixtures (" + e.getMessage() + "); install python3,"
          + " python3-torch and python3-torchvision, or set -Dnas.python=PATH");
      throw e;
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(SCRIPT + " did not finish in 5 minutes; see " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(SCRIPT + " failed with exit code " + p.exitValue() + " using " + python
          + (p.exitValue() == 3
              ? " (torch or torchvision missing: install python3-torch and python3-torchvision)" : "") + ":\n" + tail(out));
    }
    m = read();
    if (!complete(m)) {
      fail(SCRIPT + " ran but " + DIR.resolve("fixtures.json") + " is incomplete:\n" + tail(out));
    }
    return m;
  }

  private static JsonNode read() throws IOException {
    Path json = DIR.resolve("fixtures.json");
    return Files.isRegularFile(json) ? new ObjectMapper().readTree(json.toFile()) : null;
  }

  private static boolean complete(JsonNode m) {
    if (m == null || m.path("generatorVersion").asInt() != GENERATOR_VERSION) {
      return false;
    }
    List<String> files = new java.util.ArrayList<>(ZOO);
    files.addAll(List.of("mobilenet_v2_dynbatch.onnx", "resnet18_dynbatch.onnx", "resnet18_train.onnx"));
    for (String f : files) {
      if (!Files.isRegularFile(DIR.resolve(f)) || !m.path("files").has(f)) {
        return false;
      }
    }
    for (String name : MODELS) {
      if (!Files.isRegularFile(DIR.resolve(name + ".onnx")) || !m.path("models").has(name)) {
        return false;
      }
    }
    return true;
  }

  private static String tail(String s) {
    return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
  }
}
