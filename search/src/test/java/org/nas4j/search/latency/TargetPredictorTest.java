package org.nas4j.search.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

class TargetPredictorTest {
  private static final String A =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
  private static final String B = "|nor_conv_1x1~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";
  @TempDir Path dir;

  private static MacroConfig nb201() {
    return LatencySpace.NB201.defaultMacro();
  }

  @Test
  void aBuiltInTargetPredictsItsMeasuredSpaceWithTheTablesError() throws Exception {
    TargetPredictor p = TargetPredictor.resolve("pixel", null);
    assertThat(p.name()).isEqualTo("pixel");
    TargetPredictor.Prediction a = p.predict(LatencySpace.NB201, nb201(), A);
    assertThat(a.covered()).isTrue();
    assertThat(a.caveat()).isNull();
    assertThat(a.space()).isEqualTo("nb201");
    assertThat(a.latencyModel()).isEqualTo(PredictorFile.Model.KERNEL_LINEAR);
    assertThat(a.error()).isEqualTo(p.fitted().tableError("nb201"));
    // three 3x3 convolutions cost more than one 1x1 and one 3x3
    assertThat(a.latencyMs()).isGreaterThan(p.predict(LatencySpace.NB201, nb201(), B).latencyMs()).isPositive();
  }

  @Test
  void aSpaceNoTableCoversGetsTheOverallErrorAndACaveat() throws Exception {
    TargetPredictor p = TargetPredictor.resolve("pixel", null);
    TargetPredictor.Prediction d = p.predict(LatencySpace.DARTS, LatencySpace.DARTS.defaultMacro(), "DARTS_V2");
    assertThat(d.covered()).isFalse();
    assertThat(d.band().inside()).isFalse();
    assertThat(d.error()).isEqualTo(p.file().heldOutError().overall());
    assertThat(d.caveat()).contains("measurement covers darts networks");
  }

  @Test
  void anArchitectureFileGivesTheSameNumbersInOrderOrNamesItsBadLine() throws Exception {
    TargetPredictor p = TargetPredictor.resolve("pixel", null);
    Path file = dir.resolve("archs.txt");
    Files.write(file, List.of("# two cells", A, "", "  " + B));
    assertThat(p.predictFile(LatencySpace.NB201, nb201(), file)).containsExactly(
        new TargetPredictor.ArchLatency(A, p.predict(LatencySpace.NB201, nb201(), A).latencyMs()),
        new TargetPredictor.ArchLatency(B, p.predict(LatencySpace.NB201, nb201(), B).latencyMs()));
    Files.write(file, List.of(A, "|nor_conv_3x3~0|"));
    assertThatThrownBy(() -> p.predictFile(LatencySpace.NB201, nb201(), file))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith(file + " line 2: ");
    assertThatThrownBy(() -> p.predictFile(LatencySpace.NB201, nb201(), dir.resolve("none.txt")))
        .hasMessage("architecture file not found: " + dir.resolve("none.txt"));
  }

  @Test
  void aProfileFileNamesItsPredictorRelativeToItselfAndAPredictorFileStandsForItself() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("profiles"));
    copy("org/nas4j/targets/pixel3-cpu-fp32.json", dir.resolve("mine.json"));
    String profile = new String(resource("org/nas4j/targets/pixel.json").readAllBytes())
        .replace("\"id\": \"pixel\"", "\"id\": \"my-phone\"")
        .replace("\"pixel3-cpu-fp32.json\"", "\"../mine.json\"");
    Files.writeString(sub.resolve("phone.json"), profile);
    double builtIn = TargetPredictor.resolve("pixel", null).predict(LatencySpace.NB201, nb201(), A).latencyMs();
    TargetPredictor viaProfile = TargetPredictor.resolve(null, sub.resolve("phone.json"));
    assertThat(viaProfile.name()).isEqualTo("my-phone");
    assertThat(viaProfile.predict(LatencySpace.NB201, nb201(), A).latencyMs()).isEqualTo(builtIn);
    TargetPredictor direct = TargetPredictor.resolve(null, dir.resolve("mine.json"));
    assertThat(direct.name()).isEqualTo("mine.json");
    assertThat(direct.predict(LatencySpace.NB201, nb201(), A).latencyMs()).isEqualTo(builtIn);
  }

  @Test
  void missingPredictorsAndBadFilesAreRefused() throws Exception {
    assertThatThrownBy(() -> TargetPredictor.resolve("host", null)).isInstanceOf(TargetUnavailableException.class)
        .hasMessageContaining("no fitted latency predictor");
    assertThatThrownBy(() -> TargetPredictor.resolve(null, dir.resolve("none.json")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not found");
    Path junk = Files.writeString(dir.resolve("junk.json"), "{not json");
    assertThatThrownBy(() -> TargetPredictor.resolve(null, junk)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void theExportMetadataGivesTheMacroOrNullForOtherModels() {
    assertThat(TargetPredictor.exportedMacro(Map.of())).isNull();
    assertThat(TargetPredictor.exportedMacro(Map.of("nas.cells", "5", "nas.channels", "16", "nas.input", "3x32x32",
        "nas.classes", "10", "nas.stem", "cifar")))
        .isEqualTo(new MacroConfig(5, 16, InputShape.parse("3x32x32"), 10, Stem.CIFAR));
  }

  private static InputStream resource(String name) {
    return TargetPredictorTest.class.getClassLoader().getResourceAsStream(name);
  }

  private static void copy(String name, Path to) throws Exception {
    try (InputStream in = resource(name)) {
      Files.copy(in, to);
    }
  }
}
