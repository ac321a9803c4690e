package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.OnnxRuntimeProfiler;

/** nas targets calibrate on this machine (real exports, real ONNX Runtime) and on a simulated phone. */
class CalibrateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FAKE_ADB =
      Path.of("../latency-profiler/src/test/resources/org/nas4j/profiler/adb/fake-adb.sh");
  @TempDir Path dir;

  @Test
  void hostCalibrationWritesPredictorAndCsvThatTargetsFitReproduces() throws IOException {
    Path out = dir.resolve("host-predictor.json");
    CliHarness h = CliHarness.run("targets", "calibrate", "--target", "host", "--space", "darts", "--samples", "24",
        "--cells", "3", "--channels", "4", "--runs", "15", "--seed", "3", "--out", out.toString());
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out()).contains("Held-out error, 5-fold").contains("within ±10%").contains("Spearman");
    assertThat(h.err()).contains("calibrate: 24/24");
    JsonNode p = JSON.readTree(out.toFile());
    assertThat(p.get("schema").asText()).isEqualTo("nas.predictor/v1");
    assertThat(p.at("/fittedOn/device").asText()).isEqualTo(OnnxRuntimeProfiler.cpuModel());
    assertThat(p.at("/fittedOn/runtime").asText()).contains("ONNX Runtime " + OnnxRuntimeProfiler.onnxRuntimeVersion())
        .contains("1 thread");
    assertThat(p.at("/fittedOn/source").asText()).contains("24 sampled darts architectures").contains("seed 3")
        .contains("load average").containsPattern("measured 20\\d\\d-");
    assertThat(p.at("/fittedOn/rows").asInt()).isEqualTo(24);
    JsonNode overall = p.at("/heldOutError/overall");
    for (String k : List.of("within10PctShare", "medianAbsErrorPct", "spearmanRho")) {
      assertThat(overall.get(k).isNumber()).as(k).isTrue();
    }
    Path csv = dir.resolve("host-predictor.csv");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(25);
    assertThat(lines.get(0)).isEqualTo("arch,archId,latencyMs,p50Ms,referenceP50Ms");
    assertThat(lines.get(1)).startsWith("\"Genotype(normal=[");

    Path refit = dir.resolve("refit.json");
    CliHarness f = CliHarness.run("targets", "fit", "--space", "darts", "--table", csv.toString(), "--arch-column",
        "arch", "--latency-column", "latencyMs", "--cells", "3", "--channels", "4", "--seed", "3", "--out",
        refit.toString());
    assertThat(f.code).as(f.err()).isZero();
    // Rationale: the calibrate command fits with the same code on the CSV it wrote, so the refit is identical
    assertThat(JSON.readTree(refit.toFile()).get("model")).isEqualTo(p.get("model"));
    assertThat(JSON.readTree(refit.toFile()).at("/heldOutError/overall")).isEqualTo(overall);

    CliHarness pr = CliHarness.run("predict", "--target-file", out.toString(), "--space", "darts", "--arch",
        "DARTS_V2", "--cells", "3", "--channels", "4", "--json");
    assertThat(pr.code).as(pr.err()).isZero();
    JsonNode j = JSON.readTree(pr.out());
    assertThat(j.get("coveredByMeasurements").asBoolean()).isTrue();
    assertThat(j.get("latencyMs").asDouble()).isPositive();
  }

  @Test
  void fbnetCannotBeCalibratedAndBadSamplesAreInvalid() {
    CliHarness h = CliHarness.run("targets", "calibrate", "--target", "host", "--space", "fbnet", "--samples", "10",
        "--seed", "1", "--out", dir.resolve("x.json").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("--space must be darts or nb201");
    CliHarness s = CliHarness.run("targets", "calibrate", "--target", "host", "--samples", "3", "--seed", "1",
        "--out", dir.resolve("x.json").toString());
    assertThat(s.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(s.err()).contains("samples must be in 5..100000");
    assertThat(dir.resolve("x.json")).doesNotExist();
    CliHarness pixel = CliHarness.run("targets", "calibrate", "--target", "pixel", "--samples", "10", "--seed", "1",
        "--out", dir.resolve("x.json").toString());
    assertThat(pixel.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(pixel.err()).contains("has measure PREDICT");
  }

  @Test
  void helpListsTheOptions() {
    CliHarness h = CliHarness.run("targets", "calibrate", "--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("--samples").contains("--device").contains("--space").contains("Example");
  }

  static Path phoneProfile(Path dir) throws IOException {
    Path adb = dir.resolve("adb");
    Files.copy(FAKE_ADB, adb);
    Files.setPosixFilePermissions(adb, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path perf = dir.resolve("onnxruntime_perf_test");
    Files.write(perf, new byte[] {0x7f, 'E', 'L', 'F'});
    Path profile = dir.resolve("phone.json");
    Files.writeString(profile, "{\"id\":\"phone\",\"description\":\"my phone\",\"device\":\"MOBILE\","
        + "\"executionProvider\":\"CPU\",\"measure\":\"ADB\",\"threads\":1,\"inputShape\":[1,3,32,32],"
        + "\"warmupRuns\":1,\"measuredRuns\":10,\"runtime\":\"ONNX Runtime Android CPU\",\"precision\":\"fp32\","
        + "\"adb\":{\"perfTest\":\"" + perf + "\",\"cpuAffinity\":\"big\",\"adbPath\":\"" + adb + "\"}}");
    return profile;
  }

  @Test
  void phoneCalibrationOverAdbRecordsTheDeviceAndCleansIt() throws IOException {
    Path profile = phoneProfile(dir);
    Path out = dir.resolve("phone-predictor.json");
    CliHarness h = CliHarness.run("targets", "calibrate", "--target-file", profile.toString(), "--device", "PHONE1",
        "--space", "nb201", "--samples", "8", "--folds", "2", "--seed", "1", "--out", out.toString());
    assertThat(h.code).as(h.err()).isZero();
    JsonNode p = JSON.readTree(out.toFile());
    assertThat(p.at("/fittedOn/device").asText()).startsWith("Pixel 7 (Android 14, serial PHONE1, governor"
        + " schedutil, cpus [6, 7])");
    assertThat(p.at("/fittedOn/runtime").asText()).isEqualTo("onnxruntime_perf_test CPU EP, 1 thread(s)");
    assertThat(Files.readAllLines(dir.resolve("phone-predictor.csv"))).hasSize(9);
    assertThat(Files.readString(dir.resolve("adb.log"))).contains("-r 10 -x 1");
    assertThat(dir.resolve("device/data/local/tmp/nas4j")).doesNotExist();
  }

  @Test
  void phoneFailuresAreOneLineWithExitFourOrTwo() throws IOException {
    Path profile = phoneProfile(dir);
    for (String[] c : List.of(new String[] {"KILL1", "4", "killed on KILL1 (signal 9"},
        new String[] {"UNAUTH1", "4", "UNAUTH1 is unauthorized"},
        new String[] {"NOPE", "4", "device NOPE is not attached"},
        new String[] {"MALFORMED1", "2", "cannot parse onnxruntime_perf_test output"})) {
      Path out = dir.resolve(c[0] + ".json");
      CliHarness h = CliHarness.run("targets", "calibrate", "--target-file", profile.toString(), "--device", c[0],
          "--space", "nb201", "--samples", "4", "--folds", "2", "--seed", "1", "--out", out.toString());
      assertThat(h.code).as(c[0] + ": " + h.err()).isEqualTo(Integer.parseInt(c[1]));
      assertThat(h.err().strip()).as(c[0]).contains(c[2]).doesNotContain("\n\tat ");
      assertThat(h.err().lines().filter(l -> l.startsWith("nas: ")).count()).as(c[0]).isEqualTo(1);
      assertThat(out).doesNotExist();
      assertThat(dir.resolve("device/data/local/tmp/nas4j")).doesNotExist();
    }
  }

  @Test
  void benchTimesAModelOnThePhone() throws IOException {
    Path profile = phoneProfile(dir);
    Path model = Nb201Example.export(dir.resolve("m.onnx"), "--cells", "1");
    CliHarness h = CliHarness.run("bench", model.toString(), "--target-file", profile.toString(), "--device",
        "PHONE1", "--runs", "9", "--format", "json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode j = JSON.readTree(h.out());
    assertThat(j.at("/provenance/deviceModel").asText()).isEqualTo("Pixel 7");
    assertThat(j.at("/provenance/androidVersion").asText()).isEqualTo("14");
    assertThat(j.at("/provenance/governor").asText()).isEqualTo("schedutil");
    assertThat(j.at("/results/0/latency/measuredRuns").asInt()).isEqualTo(9);
    // the simulated phone's P50 is 0.2 ms + 1 ms per 100 kB of model
    assertThat(j.at("/results/0/latency/p50Ms").asDouble())
        .isCloseTo(0.2 + Files.size(model) / 1e5, within(1e-4));
    CliHarness bad = CliHarness.run("bench", model.toString(), "--target", "host", "--device", "PHONE1");
    assertThat(bad.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bad.err()).contains("--device applies to targets with measure ADB only");
  }
}
