package org.nas4j.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.bench.RatioEstimate;
import org.nas4j.profiler.bench.SampleStats;
import org.nas4j.profiler.testing.OnnxModels;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

/** Real ONNX Runtime sessions on small generated models. */
class OnnxRuntimeProfilerIT {
  @TempDir static Path dir;
  static Path small;
  static Path big;
  static final TargetProfile HOST = TargetRegistry.builtIn("host");
  final OnnxRuntimeProfiler profiler = new OnnxRuntimeProfiler();

  @BeforeAll
  static void models() throws Exception {
    small = OnnxModels.write(dir.resolve("small.onnx"), OnnxModels.convNet(16, 1, 16, 1));
    big = OnnxModels.write(dir.resolve("big.onnx"), OnnxModels.convNet(16, 6, 16, 1));
  }

  static MeasureSettings settings(int runs, int sessions) {
    return new MeasureSettings(1, 5, runs, 0, sessions, null, Map.of(), 1);
  }

  @Test
  void measuresEverySessionWithTheRequestedRuns() throws Exception {
    Measurement m = profiler.measure(small, HOST, settings(120, 3));
    assertThat(m.sessionSamplesMs()).hasSize(3).allSatisfy(s -> assertThat(s).hasSize(40));
    assertThat(m.allSamplesMs()).hasSize(120);
    assertThat(java.util.Arrays.stream(m.allSamplesMs()).boxed().toList())
        .allSatisfy(v -> assertThat(v).isPositive().isLessThan(1000.0));
    assertThat(m.modelSha256()).isEqualTo(OnnxRuntimeProfiler.sha256(Files.readAllBytes(small)));
    assertThat(m.inputShapes()).containsEntry("input", List.of(1L, 3L, 16L, 16L));
    assertThat(m.runtime().onnxRuntimeVersion()).isEqualTo("1.29.0");
    assertThat(m.runtime().threads()).isEqualTo(1);
    assertThat(m.runtime().allowSpinning()).isFalse();
    assertThat(m.runtime().cpuModel()).isNotBlank();
  }

  @Test
  void aMinimumTimeKeepsTiming() {
    MeasureSettings s = new MeasureSettings(1, 0, 2, 150, 2, null, Map.of(), 1);
    Measurement m = profiler.measure(small, HOST, s);
    double total = java.util.Arrays.stream(m.allSamplesMs()).sum();
    assertThat(total).isGreaterThanOrEqualTo(149);
    assertThat(m.allSamplesMs().length).isGreaterThan(4);
  }

  @Test
  void interleavedComparisonSeesTheBiggerModelAsSlower() {
    Comparison c = profiler.compare(big, small, HOST, settings(200, 4));
    RatioEstimate r = RatioEstimate.paired(c.model().sessionSamplesMs(), c.reference().sessionSamplesMs(), 0.95);
    // Rationale: big has 7 convs of 16 channels vs 2; anything under 1.5x means the wrong model was timed.
    assertThat(r.ratio()).isGreaterThan(1.5);
    assertThat(SampleStats.of(c.model().allSamplesMs()).p50Ms())
        .isGreaterThan(SampleStats.of(c.reference().allSamplesMs()).p50Ms());
  }

  @Test
  void calibratedMeasurementPairsEverySessionWithTheCalibrationModel() {
    Comparison c = profiler.measureCalibrated(small, HOST, settings(60, 3));
    assertThat(c.model().sessionSamplesMs()).hasSize(3).allSatisfy(s -> assertThat(s).hasSize(20));
    assertThat(c.reference().sessionSamplesMs()).hasSize(3).allSatisfy(s -> assertThat(s).hasSize(20));
    assertThat(c.reference().model()).isEqualTo(OnnxRuntimeProfiler.CALIBRATION);
    assertThat(c.reference().modelSha256()).isEqualTo(CalibrationModel.sha256());
    assertThat(c.reference().inputShapes()).containsEntry("input", List.of(1L, 3L, 32L, 32L));
  }

  @Test
  void wrongInChannelsFailsTheDryRunNamingTheFileAndTheReason() throws Exception {
    Path bad = OnnxModels.write(dir.resolve("inchannels.onnx"), OnnxModels.wrongInChannels(8, 8));
    assertThatThrownBy(() -> profiler.check(bad, HOST, settings(10, 1)))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("inchannels.onnx").hasMessageContaining("dry run")
        .hasMessageContaining("channels");
  }

  @Test
  void danglingInputIsAnInvalidModel() throws Exception {
    Path bad = OnnxModels.write(dir.resolve("dangling.onnx"), OnnxModels.danglingInput());
    assertThatThrownBy(() -> profiler.check(bad, HOST, settings(10, 1)))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("dangling.onnx");
  }

  @Test
  void garbageEmptyAndMissingFilesAreInvalidModels() throws Exception {
    Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    byte[] full = Files.readAllBytes(big);
    Path truncated = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> profiler.check(garbage, HOST, settings(10, 1))).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("garbage.onnx");
    assertThatThrownBy(() -> profiler.check(empty, HOST, settings(10, 1))).hasMessageContaining("empty");
    assertThatThrownBy(() -> profiler.check(truncated, HOST, settings(10, 1)))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("truncated.onnx");
    assertThatThrownBy(() -> profiler.check(dir.resolve("nope.onnx"), HOST, settings(10, 1)))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> profiler.check(dir, HOST, settings(10, 1))).hasMessageContaining("directory");
  }

  @Test
  void dynamicDimensionsDefaultToOneAndCanBeOverridden() throws Exception {
    Path dyn = OnnxModels.write(dir.resolve("dynamic.onnx"), OnnxModels.dynamicBatchConvNet(8, 1, 8, 1));
    assertThat(profiler.measure(dyn, HOST, settings(4, 1)).inputShapes())
        .containsEntry("input", List.of(1L, 3L, 8L, 8L));
    MeasureSettings batch3 = new MeasureSettings(1, 0, 4, 0, 1, null, Map.of("input", List.of(3L, 3L, 8L, 8L)), 1);
    assertThat(profiler.measure(dyn, HOST, batch3).inputShapes()).containsEntry("input", List.of(3L, 3L, 8L, 8L));
    MeasureSettings wrongRank = new MeasureSettings(1, 0, 4, 0, 1, null, Map.of("input", List.of(3L, 8L)), 1);
    assertThatThrownBy(() -> profiler.check(dyn, HOST, wrongRank)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("rank 4");
    MeasureSettings fixedDim = new MeasureSettings(1, 0, 4, 0, 1, null, Map.of("input", List.of(1L, 4L, 8L, 8L)), 1);
    assertThatThrownBy(() -> profiler.check(dyn, HOST, fixedDim)).hasMessageContaining("fixed to 3");
    MeasureSettings unknown = new MeasureSettings(1, 0, 4, 0, 1, null, Map.of("image", List.of(1L)), 1);
    assertThatThrownBy(() -> profiler.check(dyn, HOST, unknown)).hasMessageContaining("no input named 'image'");
  }

  @Test
  void targetsThatCannotRunHereAreUnavailable() {
    assertThatThrownBy(() -> profiler.check(small, TargetRegistry.builtIn("cuda"), settings(10, 1)))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("CUDA");
    assertThatThrownBy(() -> profiler.check(small, TargetRegistry.builtIn("pixel"), settings(10, 1)))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessage("pixel latency comes from a predictor or a phone over adb; neither is available in this version");
  }

  @Test
  void twoThreadsWithSpinningRun() {
    MeasureSettings s = new MeasureSettings(2, 2, 20, 0, 1, null, Map.of(), 1);
    Measurement m = profiler.measure(small, HOST, s);
    assertThat(m.runtime().threads()).isEqualTo(2);
    assertThat(m.runtime().allowSpinning()).isTrue();
  }
}
