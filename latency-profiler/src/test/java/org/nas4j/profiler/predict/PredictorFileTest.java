package org.nas4j.profiler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.targets.error.InvalidInputException;

class PredictorFileTest {
  @TempDir Path dir;

  private static PredictorFile sample() {
    KernelLinearPredictor p = new KernelLinearPredictor(0.123456789012345,
        Map.of("CONV", new KernelLinearPredictor.Coefficients(0.01, 1.0 / 3, 0.7),
            "ADD2.dead", new KernelLinearPredictor.Coefficients(-1e-9, 2.5e-3, Math.PI)),
        new KernelLinearPredictor.Coefficients(0.002, 0.9, 0.1), 0.05);
    ErrorMetrics m = new ErrorMetrics(100, 0.6, 5.5, 30.0, 0.96);
    return new PredictorFile(PredictorFile.SCHEMA, PredictorFile.Model.of(p, 1e-6),
        new PredictorFile.FittedOn("Pixel 3", "TFLite float32 CPU", "fp32", "test", 100, 2,
            List.of(new PredictorFile.TableFit("nb201", "t.csv", "abc", "arch", "lat", 100, 2))),
        new PredictorFile.HeldOutError(5, 1, "iso_class", m, List.of(m)));
  }

  @Test
  void roundTripGivesIdenticalPredictions() throws Exception {
    PredictorFile original = sample();
    Path file = dir.resolve("p.json");
    original.write(file);
    PredictorFile back = PredictorFile.read(file);
    assertThat(back).isEqualTo(original);
    List<OpSpec> net = new ArrayList<>();
    net.add(OpSpec.of(KernelType.CONV, 32, 32, 16, 16, 3, 1, 1));
    net.add(new OpSpec(KernelType.ADD, 16, 16, 8, 8, 1, 1, 1, 2, false, true, false));
    net.add(OpSpec.of(KernelType.DEPTHWISE, 8, 8, 32, 32, 5, 1, 32)); // unseen class: fallback
    assertThat(back.predictor().predictMs(net)).isEqualTo(original.predictor().predictMs(net));
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void misspelledKeyIsInvalidInputNamingTheFileAndTheKey() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, sample().toJson().replace("\"interceptMs\"", "\"interceptMS\""));
    assertThatThrownBy(() -> PredictorFile.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("model.interceptMs");
  }

  @Test
  void aFileWithoutTheFloorAsksForARefit() throws Exception {
    Path file = dir.resolve("old.json");
    Files.writeString(file, sample().toJson().replaceAll(",\\s*\"floorMs\" : [0-9.eE-]+", ""));
    assertThat(Files.readString(file)).doesNotContain("floorMs");
    assertThatThrownBy(() -> PredictorFile.read(file)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("model.floorMs is missing")
        .hasMessageContaining("nas targets fit");
  }

  @Test
  void otherSchemaIsRejected() throws Exception {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"schema\":\"nas.bench/v1\"}");
    assertThatThrownBy(() -> PredictorFile.read(file)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nas.predictor/v1");
    assertThatThrownBy(() -> PredictorFile.read(dir.resolve("missing.json")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not found");
  }
}
