package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real phone (off by default; nothing here has been run on real hardware yet):
 * {@code mvn verify -pl cli -am -Dnas.test.adb=true -Dnas.adb.profile=/abs/phone.json -Dnas.adb.serial=SERIAL}.
 */
@EnabledIfSystemProperty(named = "nas.test.adb", matches = "true")
class AdbDeviceIT {
  @TempDir Path dir;

  @Test
  void benchTimesAnExportedModelOnTheRealPhone() throws Exception {
    Path model = Nb201Example.export(dir.resolve("m.onnx"));
    CliHarness h = CliHarness.run("bench", model.toString(), "--target-file", System.getProperty("nas.adb.profile"),
        "--device", System.getProperty("nas.adb.serial"), "--runs", "20", "--json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(h.out());
    assertThat(j.at("/results/0/latency/p50Ms").asDouble()).isBetween(0.05, 10_000.0);
    assertThat(j.at("/provenance/deviceModel").asText()).isNotBlank();
  }
}
