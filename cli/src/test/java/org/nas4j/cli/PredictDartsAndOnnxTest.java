package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nas predict for DARTS genotypes and for ONNX files. */
class PredictDartsAndOnnxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void dartsOnPixelSaysNoMeasurementCoversIt() throws Exception {
    CliHarness h = CliHarness.run("predict", "--target", "pixel", "--space", "darts", "--arch", "DARTS_V2");
    assertThat(h.code).as(h.err()).isZero();
    // Rationale: no Pixel 3 table holds DARTS cells, so the transfer model prices them and the band is its
    // leave-one-space-out error (issue 19)
    assertThat(h.out()).matches("(?s)\\d+\\.\\d{3} ms \\(predicted, uncalibrated for this space \\(typical error"
        + " ±\\d+%\\): no Pixel 3 measurement covers darts networks; priced by the kernel-shared transfer model.*\\)\\s*");
    CliHarness j = CliHarness.run("predict", "--target", "pixel", "--space", "darts", "--arch", "DARTS_V2",
        "--cells", "8", "--channels", "16", "--json");
    JsonNode o = JSON.readTree(j.out());
    assertThat(o.get("coveredByMeasurements").asBoolean()).isFalse();
    assertThat(o.get("caveat").asText()).startsWith("predicted, uncalibrated for this space");
    assertThat(o.get("latencyModel").asText()).isEqualTo("kernel-shared");
    assertThat(o.at("/band/basis").asText()).isEqualTo("leave-one-space-out (nb201<->fbnet)");
    assertThat(o.get("macro").asText()).contains("cells=8 channels=16");
    // Rationale: DARTS_V2 at C=16, N=8 does far less work than at the default C=36, N=20
    double small = o.get("latencyMs").asDouble();
    double full = Double.parseDouble(h.out().substring(0, h.out().indexOf(' ')));
    assertThat(small).isLessThan(full / 2);
  }

  @Test
  void onnxModelExportedFromAnNb201ArchPredictsLikeTheArch() throws Exception {
    Path model = Nb201Example.export(dir.resolve("nb201.onnx"));
    CliHarness fromOnnx = CliHarness.run("predict", "--target", "pixel", model.toString(), "--json");
    assertThat(fromOnnx.code).as(fromOnnx.err()).isZero();
    CliHarness fromArch = CliHarness.run("predict", "--target", "pixel", "--space", "nb201", "--arch",
        Nb201Example.ARCH, "--json");
    JsonNode a = JSON.readTree(fromOnnx.out());
    JsonNode b = JSON.readTree(fromArch.out());
    assertThat(a.get("space").asText()).isEqualTo("nb201");
    assertThat(a.get("coveredByMeasurements").asBoolean()).isTrue();
    // Rationale: this cell has no none edge and no alias node, so the ONNX graph lowers to exactly the arch's kernels
    assertThat(a.get("latencyMs").asDouble()).isCloseTo(b.get("latencyMs").asDouble(), within(1e-9));
  }

  @Test
  void modelAndArchTogetherOrNeitherAreInvalid() {
    CliHarness both = CliHarness.run("predict", "--target", "pixel", "m.onnx", "--space", "nb201", "--arch", "x");
    assertThat(both.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(both.err()).contains("MODEL takes no --space");
    CliHarness neither = CliHarness.run("predict", "--target", "pixel");
    assertThat(neither.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(neither.err()).contains("give MODEL.onnx, or --space with --arch or --arch-file");
    CliHarness missing = CliHarness.run("predict", "--target", "pixel", dir.resolve("nope.onnx").toString());
    assertThat(missing.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err()).contains("nope.onnx");
  }
}
