package org.nas4j.search.latency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.profiler.predict.SharedKernelModel;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;

/** Which model and band the built-in Pixel 3 predictor gives inside and outside its fitted families. */
class FittedPredictorTest {
  private final FittedPredictor pixel = new FittedPredictor(PredictorFile.readResource("pixel3-cpu-fp32.json"));

  @Test
  void tableNetworksAreInsideWithTheirTablesHeldOutError() {
    for (MacroConfig m : new MacroConfig[] {null, MacroConfig.nb201Cifar10()}) {
      FittedPredictor.Band b = pixel.band("nb201", m);
      assertThat(b.inside()).isTrue();
      assertThat(b.caveat()).isNull();
      assertThat(b.typicalErrorPct()).isEqualTo(pixel.file().heldOutError().perTable().get(0).medianAbsErrorPct());
      assertThat(pixel.predictor("nb201", m)).isInstanceOf(KernelLinearPredictor.class);
    }
    assertThat(pixel.band("fbnet", null).inside()).isTrue();
  }

  @Test
  void otherFamiliesGetTheTransferModelAndItsLeaveOneSpaceOutBand() {
    MacroConfig bigger = new MacroConfig(8, 16, new InputShape(3, 32, 32), 10, null);
    for (String[] c : new String[][] {{"darts", null}, {"nb201", "bigger"}, {null, null}}) {
      FittedPredictor.Band b = pixel.band(c[0], c[1] == null ? null : bigger);
      assertThat(b.inside()).as(c[0]).isFalse();
      assertThat(b.typicalErrorPct()).isEqualTo(pixel.file().transfer().typicalErrorPct());
      assertThat(b.basis()).isEqualTo("leave-one-space-out (nb201<->fbnet)");
      assertThat(b.caveat()).matches("predicted, uncalibrated for this space \\(typical error ±\\d+%\\)");
      assertThat(pixel.predictor(c[0], c[1] == null ? null : bigger)).isInstanceOf(SharedKernelModel.class);
    }
    assertThat(b(pixel.band("darts", MacroConfig.dartsCifar()).toJson().keySet()))
        .isEqualTo("[insideFittedFamilies, typicalErrorPct, p90ErrorPct, basis, caveat]");
  }

  private static String b(Object o) {
    return o.toString();
  }
}
