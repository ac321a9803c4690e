package org.nas4j.search.latency.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.Comparison;
import org.nas4j.profiler.Measurement;

class CalibrationTimingTest {
  private static Measurement measured(double[]... sessions) {
    return new Measurement(Path.of("m.onnx"), "00", Map.of(), 0, List.of(sessions), null);
  }

  @Test
  void theRatioPairsEachModelRunWithItsReferenceRunAcrossSessions() {
    // The machine slows down 4x in the second session: the ratio stays 2, the medians do not.
    Comparison c = new Comparison(measured(new double[] {2, 2, 2}, new double[] {8, 8}),
        measured(new double[] {1, 1, 1}, new double[] {4, 4}));
    Calibration.Timing t = Calibration.hostTiming(c);
    assertThat(t.relative()).isEqualTo(2.0);
    assertThat(t.p50Ms()).isEqualTo(2.0);
    assertThat(t.referenceP50Ms()).isEqualTo(1.0);
  }

  @Test
  void ratiosStopAtTheShorterRunAndTheInputsAreLeftAlone() {
    double[] model = {3, 9, 6, 100};
    double[] reference = {1, 3, 3};
    Calibration.Timing t = Calibration.interleaved(model, reference);
    assertThat(t.relative()).isEqualTo(3.0); // ratios 3, 3, 2
    assertThat(t.p50Ms()).isEqualTo(7.5);
    assertThat(t.referenceP50Ms()).isEqualTo(3.0);
    assertThat(model).containsExactly(3, 9, 6, 100);
  }
}
