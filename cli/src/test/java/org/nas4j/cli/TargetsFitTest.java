package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.testing.SharedFiles;

class TargetsFitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A small table: the first 300 NB201 cells with their real Pixel 3 latency, plus one row without latency. */
  private Path smallTable() throws Exception {
    List<String> lines = Files.readAllLines(SharedFiles.resolve("benchmarks").resolve("nb201.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int arch = header.indexOf("arch");
    int lat = header.indexOf("hw_c10_pixel3_latency_ms");
    List<String> out = new ArrayList<>();
    out.add("name,my_arch,my_latency_ms");
    for (int i = 1; i <= 300; i++) {
      String[] c = lines.get(i).split(",");
      out.add("n" + i + "," + c[arch] + "," + c[lat]);
    }
    out.add("empty," + lines.get(301).split(",")[arch] + ",");
    Path table = dir.resolve("small.csv");
    Files.write(table, out);
    return table;
  }

  @Test
  void fitsASmallTableWritesThePredictorAndCountsSkippedRows() throws Exception {
    Path table = smallTable();
    Path out = dir.resolve("my-device.json");
    CliHarness h = CliHarness.run("targets", "fit", "--space", "nb201", "--table", table.toString(),
        "--arch-column", "my_arch", "--latency-column", "my_latency_ms", "--out", out.toString(), "--seed", "3",
        "--device", "My Phone", "--runtime", "TFLite CPU");
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out()).contains("300 rows (1 skipped").contains("small.csv my_latency_ms").contains("Wrote");
    JsonNode p = JSON.readTree(out.toFile());
    assertThat(p.get("schema").asText()).isEqualTo("nas.predictor/v1");
    assertThat(p.at("/model/kind").asText()).isEqualTo("kernel-linear");
    assertThat(p.at("/fittedOn/device").asText()).isEqualTo("My Phone");
    assertThat(p.at("/fittedOn/runtime").asText()).isEqualTo("TFLite CPU");
    assertThat(p.at("/fittedOn/precision").asText()).isEqualTo("fp32");
    assertThat(p.at("/fittedOn/skippedRows").asInt()).isEqualTo(1);
    assertThat(p.at("/fittedOn/tables/0/table").asText()).isEqualTo("small.csv");
    assertThat(p.at("/fittedOn/tables/0/sha256").asText()).isEqualTo(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(table))));
    assertThat(p.at("/heldOutError/folds").asInt()).isEqualTo(5);
    assertThat(p.at("/heldOutError/overall/rows").asInt()).isEqualTo(300);
    double rho = p.at("/heldOutError/overall/spearmanRho").asDouble();
    assertThat(rho).isBetween(0.5, 1.0);

    // The written predictor answers predict, with its error band.
    CliHarness predict = CliHarness.run("predict", "--target-file", out.toString(), "--space", "nb201", "--arch",
        PredictCommandTest.EXAMPLE);
    assertThat(predict.code).as(predict.err()).isZero();
    assertThat(predict.out()).matches("(?s)\\d+\\.\\d{3} ms \\(held-out median error .*My Phone\\)\\s*");

    // A target profile naming the predictor by a path relative to the profile gives the same number.
    Path profile = dir.resolve("my-phone.json");
    Files.writeString(profile, "{\"id\":\"my-phone\",\"description\":\"my phone\",\"device\":\"MOBILE\","
        + "\"executionProvider\":\"CPU\",\"measure\":\"PREDICT\",\"threads\":1,\"inputShape\":[1,3,32,32],"
        + "\"warmupRuns\":1,\"measuredRuns\":1,\"predictor\":\"my-device.json\"}");
    CliHarness viaProfile = CliHarness.run("predict", "--target-file", profile.toString(), "--space", "nb201",
        "--arch", PredictCommandTest.EXAMPLE);
    assertThat(viaProfile.code).as(viaProfile.err()).isZero();
    assertThat(viaProfile.out()).isEqualTo(predict.out());
  }

  @Test
  void fitsTheRealNb201TableToTheAcceptanceBar() throws Exception {
    Path out = dir.resolve("pixel.json");
    CliHarness h = CliHarness.run("targets", "fit", "--space", "nb201", "--table",
        SharedFiles.resolve("benchmarks").resolve("nb201.csv").toString(), "--arch-column", "arch", "--latency-column",
        "hw_c10_pixel3_latency_ms", "--out", out.toString(), "--seed", "1", "--format", "json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode p = JSON.readTree(h.out());
    assertThat(p.at("/fittedOn/rows").asInt()).isEqualTo(15625);
    assertThat(p.at("/heldOutError/overall/spearmanRho").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(p.at("/heldOutError/overall/medianAbsErrorPct").asDouble()).isLessThanOrEqualTo(8.0);
    assertThat(JSON.readTree(out.toFile())).isEqualTo(p);
  }

  @Test
  void missingTableIsInvalidInput() {
    Path out = dir.resolve("x.json");
    CliHarness h = CliHarness.run("targets", "fit", "--space", "nb201", "--table", dir.resolve("nope.csv").toString(),
        "--arch-column", "arch", "--latency-column", "l", "--out", out.toString(), "--seed", "1");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).startsWith("nas: --table ").contains("nope.csv").contains("neither a built-in table");
    assertThat(h.err().lines().count()).isEqualTo(1);
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void missingColumnNamesTheKnownColumns() throws Exception {
    Path table = smallTable();
    CliHarness h = CliHarness.run("targets", "fit", "--space", "nb201", "--table", table.toString(),
        "--arch-column", "my_arch", "--latency-column", "pixel_ms", "--out", dir.resolve("x.json").toString(),
        "--seed", "1");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("has no column 'pixel_ms'").contains("Known columns: name, my_arch, my_latency_ms");
    assertThat(h.err().lines().count()).isEqualTo(1);
  }

  @Test
  void unparseableArchitectureNamesTheLine() throws Exception {
    Path table = dir.resolve("bad.csv");
    Files.write(table, List.of("arch,ms", Nb201Example.ARCH + ",1.5", "|conv~0|+|none~0|none~1|+|a~0|b~1|c~2|,2.0"));
    CliHarness h = CliHarness.run("targets", "fit", "--space", "nb201", "--table", table.toString(),
        "--arch-column", "arch", "--latency-column", "ms", "--out", dir.resolve("x.json").toString(), "--seed", "1");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("line 3").contains("unknown op 'conv'");
    assertThat(h.err().lines().count()).isEqualTo(1);
  }

  @Test
  void emptyTableIsInvalidInput() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    CliHarness h = CliHarness.run("targets", "fit", "--space", "nb201", "--table", empty.toString(),
        "--arch-column", "arch", "--latency-column", "ms", "--out", dir.resolve("x.json").toString(), "--seed", "1");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("is empty");
    Path headerOnly = dir.resolve("header.csv");
    Files.writeString(headerOnly, "arch,ms\n");
    h = CliHarness.run("targets", "fit", "--space", "nb201", "--table", headerOnly.toString(),
        "--arch-column", "arch", "--latency-column", "ms", "--out", dir.resolve("x.json").toString(), "--seed", "1");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("has no rows with a latency");
  }

  @Test
  void unknownSpaceAndMissingOptionsAreInvalidInput() throws Exception {
    CliHarness h = CliHarness.run("targets", "fit", "--space", "dartz", "--table", smallTable().toString(),
        "--arch-column", "my_arch", "--latency-column", "my_latency_ms", "--out", dir.resolve("x.json").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("unknown space 'dartz'");
    // an NB201 table read as darts names the line and the problem
    h = CliHarness.run("targets", "fit", "--space", "darts", "--table", smallTable().toString(),
        "--arch-column", "my_arch", "--latency-column", "my_latency_ms", "--out", dir.resolve("x.json").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("line 2: invalid DARTS genotype");
    h = CliHarness.run("targets", "fit", "--space", "nb201");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("Missing required option");
  }

  @Test
  void helpDescribesTheCommand() {
    CliHarness h = CliHarness.run("targets", "fit", "--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("--latency-column").contains("--folds").contains("nas.predictor/v1")
        .contains("Example:");
  }
}
