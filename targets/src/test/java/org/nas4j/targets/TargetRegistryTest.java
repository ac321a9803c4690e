package org.nas4j.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.targets.error.InvalidInputException;
import org.nas4j.targets.error.InvalidProfileException;
import org.nas4j.targets.error.TargetNotFoundException;

class TargetRegistryTest {
  @TempDir Path dir;

  @Test
  void builtInProfilesParseAndKeepTheirIds() {
    for (String id : TargetRegistry.BUILT_IN) {
      assertThat(TargetRegistry.builtIn(id).id()).isEqualTo(id);
    }
    TargetProfile pixel = TargetRegistry.builtIn("pixel");
    assertThat(pixel.measure()).isEqualTo(MeasureMode.PREDICT);
    assertThat(pixel.device()).isEqualTo(DeviceClass.MOBILE);
    assertThat(TargetRegistry.builtIn("cuda").executionProvider()).isEqualTo(ExecutionProvider.CUDA);
    assertThat(TargetRegistry.builtIn("host").threads()).isEqualTo(1);
  }

  @Test
  void pixelPredictorInfoSaysWhatItWasFittedOn() {
    TargetProfile pixel = TargetRegistry.builtIn("pixel");
    assertThat(pixel.predictor()).isEqualTo("pixel3-cpu-fp32.json");
    var info = TargetRegistry.predictorInfo(pixel).orElseThrow();
    assertThat(info.at("/fittedOn/device").asText()).isEqualTo("Pixel 3");
    assertThat(info.at("/fittedOn/tables/0/table").asText()).isEqualTo("nb201.csv");
    assertThat(info.at("/fittedOn/tables/0/sha256").asText())
        .isEqualTo("a933293157cf841603eecbd38e4dd34e225030e3d523cc1145c53acb4c725a10");
    assertThat(info.at("/heldOutError/perTable/0/medianAbsErrorPct").asDouble()).isBetween(0.0, 8.0);
    assertThat(info.get("summary").asText()).contains("TFLite float32 CPU").contains("20625 measured networks");
    assertThat(TargetRegistry.predictorInfo(TargetRegistry.builtIn("host"))).isEmpty();
  }

  @Test
  void missingPredictorFileIsAnInvalidProfile() throws Exception {
    Path file = dir.resolve("phone.json");
    Files.writeString(file, TargetRegistry.toJson(TargetRegistry.builtIn("pixel"))
        .replace("pixel3-cpu-fp32.json", dir.resolve("nope.json").toString()));
    TargetProfile p = TargetRegistry.load(file);
    assertThatThrownBy(() -> TargetRegistry.predictorInfo(p)).isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("predictor not found");
  }

  @Test
  void unknownTargetNamesKnownOnesAndSuggestsTheClosest() {
    assertThatThrownBy(() -> TargetRegistry.builtIn("pixle"))
        .isInstanceOf(TargetNotFoundException.class)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown target 'pixle'")
        .hasMessageContaining("cuda, host, pixel")
        .hasMessageContaining("Did you mean 'pixel'?");
    assertThatThrownBy(() -> TargetRegistry.builtIn("raspberry"))
        .hasMessageNotContaining("Did you mean");
  }

  @Test
  void profileRoundTripsThroughJsonAndHashesStably() throws Exception {
    TargetProfile host = TargetRegistry.builtIn("host");
    Path file = dir.resolve("my-host.json");
    Files.writeString(file, TargetRegistry.toJson(host).replace("\"host\"", "\"my-host\""));
    TargetProfile mine = TargetRegistry.load(file);
    assertThat(mine.id()).isEqualTo("my-host");
    assertThat(mine.warmupRuns()).isEqualTo(host.warmupRuns());
    assertThat(TargetRegistry.sha256(host)).hasSize(64).isEqualTo(TargetRegistry.sha256(host));
    assertThat(TargetRegistry.sha256(mine)).isNotEqualTo(TargetRegistry.sha256(host));
  }

  @Test
  void missingEmptyAndDirectoryFilesAreInvalidInput() throws Exception {
    assertThatThrownBy(() -> TargetRegistry.load(dir.resolve("nope.json")))
        .isInstanceOf(InvalidProfileException.class).hasMessageContaining("not found").hasMessageContaining("nope.json");
    Path empty = Files.createFile(dir.resolve("empty.json"));
    assertThatThrownBy(() -> TargetRegistry.load(empty)).hasMessageContaining("empty");
    assertThatThrownBy(() -> TargetRegistry.load(dir)).hasMessageContaining("not a regular file");
  }

  @Test
  void malformedJsonNamesTheLine() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"id\": \"x\",\n  \"threads\": ,\n}");
    assertThatThrownBy(() -> TargetRegistry.load(bad))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("line 3");
  }

  /** The built-in host profile written to {@code name} with {@code from} replaced by {@code to}. */
  private Path hostWith(String name, String from, String to) throws Exception {
    String json = TargetRegistry.toJson(TargetRegistry.builtIn("host"));
    assertThat(json).contains(from);
    return Files.writeString(dir.resolve(name), json.replace(from, to));
  }

  @Test
  void unknownKeyIsRejectedWithTheExpectedKeys() throws Exception {
    Path typo = hostWith("typo.json", "\"warmupRuns\"", "\"warmup\"");
    assertThatThrownBy(() -> TargetRegistry.load(typo))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("unknown key \"warmup\"")
        .hasMessageContaining("warmupRuns");
  }

  @Test
  void badValuesNameTheField() throws Exception {
    Path zero = hostWith("zero.json", "\"threads\" : 1", "\"threads\" : 0");
    assertThatThrownBy(() -> TargetRegistry.load(zero)).hasMessageContaining("threads must be in 1..256, got 0");
    Path nnapi = hostWith("nnapi.json", "\"CPU\"", "\"NNAPI\"");
    assertThatThrownBy(() -> TargetRegistry.load(nnapi)).hasMessageContaining("only runs on Android");
    Path enumTypo = hostWith("enum.json", "\"DESKTOP\"", "\"LAPTOP\"");
    assertThatThrownBy(() -> TargetRegistry.load(enumTypo)).hasMessageContaining("LAPTOP");
  }

  @Test
  void missingRequiredKeyIsNamed() throws Exception {
    Path partial = dir.resolve("partial.json");
    Files.writeString(partial, "{\"id\": \"x\", \"description\": \"d\"}");
    assertThatThrownBy(() -> TargetRegistry.load(partial)).hasMessageContaining("missing key \"device\"");
    Path array = dir.resolve("array.json");
    Files.writeString(array, "[1, 2]");
    assertThatThrownBy(() -> TargetRegistry.load(array)).hasMessageContaining("expected a JSON object");
  }
}
