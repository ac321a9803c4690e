package org.nas4j.search.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.latency.LatencyOracle;
import org.nas4j.search.latency.MeasuredLatency;
import org.nas4j.search.latency.PredictedLatency;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.targets.TargetRegistry;

/** The planner on real networks, real MAC/parameter counts, the real Pixel predictor and real ONNX Runtime timing. */
class ScalePlannerTest {
  private static final InputShape IMAGENET = new InputShape(3, 224, 224);
  private static final InputShape FASHION = new InputShape(1, 28, 28);

  @TempDir Path scratch;

  private static ScaledConfig preset(ScalePreset p, InputShape in, int classes) {
    ScaleGrid grid = ScaleGrid.of("darts", in, null, null).fixed(p.cells("darts", in), in);
    return new ScalePlanner(DartsGenotype.DARTS_V2, classes, ScaleBudget.macs(p.macsBudget(in)), List.of())
        .plan(grid);
  }

  @Test
  void dartsV2MobileOnImageNetIsDartsMobileConfiguration() {
    ScaledConfig c = preset(ScalePreset.MOBILE, IMAGENET, 1000);
    assertThat(c.describe()).isEqualTo("N=14 C=48 224x224");
    assertThat(c.params()).isEqualTo(4_718_752L);
    assertThat(c.params()).isEqualTo(NetSpecs.of(DartsGenotype.DARTS_V2, MacroConfig.dartsImageNet())
        .trainableParams());
    assertThat(c.macs()).isLessThan(600_000_000L);
    // One channel step wider breaks the 600M limit: C=48 is the widest that fits, not just a fitting one.
    NetSpec wider = NetSpecs.of(DartsGenotype.DARTS_V2, new MacroConfig(14, 52, IMAGENET, 1000, null));
    assertThat(wider.macs()).isGreaterThan(600_000_000L);
  }

  @Test
  void pixelLatencyBudgetGivesTheWidestConfigUnderIt() {
    Dl4jRuntime.init();
    PredictedLatency pixel = PredictedLatency.of(TargetRegistry.builtIn("pixel"));
    InputShape cifar = new InputShape(3, 32, 32);
    ScaleBudget budget = new ScaleBudget(null, null, Map.of("pixel", 15.0));
    ScalePlanner planner = new ScalePlanner(DartsGenotype.DARTS_V2, 10, budget, List.of(pixel));
    ScaledConfig c = planner.plan(ScaleGrid.of("darts", cifar, 8, null));
    // Rationale: DARTS cells are outside the NB201/FBNet families the Pixel 3 tables measured, so the source carries
    // the transfer band
    assertThat(c.latencySources().get("pixel")).startsWith("predicted:pixel3-cpu-fp32.json (predicted, uncalibrated"
        + " for this space (typical error ±");
    assertThat(c.latencyMs().get("pixel")).isLessThanOrEqualTo(15.0);
    assertThat(c.latencyMs().get("pixel")).isEqualTo(pixel.latencyMs(planner.spec(8, c.channels(), cifar)));
    double wider = pixel.latencyMs(planner.spec(8, c.channels() + 4, cifar));
    assertThat(wider).isGreaterThan(15.0);
  }

  @Test
  void withoutPresetDepthIsSearchedAndTheBudgetIsUsedClosely() {
    ScalePlanner planner = new ScalePlanner(DartsGenotype.DARTS_V2, 10, ScaleBudget.macs(50_000_000L), List.of());
    ScaledConfig c = planner.plan(ScaleGrid.of("darts", FASHION, null, null));
    // Rationale: the widest fitting width at each depth leaves at most one channel step of slack, so the best
    // configuration uses more than 80% of the budget.
    assertThat(c.budgetRatio()).isBetween(0.8, 1.0);
    assertThat(c.macs()).isLessThanOrEqualTo(50_000_000L);
  }

  @Test
  void infeasibleBudgetNamesTheSmallestConfigurationAndItsCost() {
    ScalePlanner planner = new ScalePlanner(DartsGenotype.DARTS_V2, 10, ScaleBudget.macs(1000), List.of());
    assertThatThrownBy(() -> planner.plan(ScaleGrid.of("darts", FASHION, null, null)))
        .isInstanceOf(InfeasibleBudgetException.class)
        .hasMessageStartingWith("nothing fits the budget: the smallest configuration N=5 C=8 28x28 needs ")
        .hasMessageContaining("MACs (limit 0.00M)");
  }

  @Test
  void serverIsLargerThanMobile() {
    ScaledConfig mobile = preset(ScalePreset.MOBILE, FASHION, 10);
    ScaledConfig server = preset(ScalePreset.SERVER, FASHION, 10);
    assertThat(mobile.cells()).isEqualTo(5);
    assertThat(server.cells()).isEqualTo(8);
    assertThat(server.channels()).isGreaterThan(mobile.channels());
    assertThat(server.macs()).isGreaterThan(mobile.macs()).isLessThanOrEqualTo(4 * ScalePreset.MOBILE.macsBudget(
        FASHION));
    assertThat(ScalePreset.MOBILE.macsBudget(FASHION)).isEqualTo(9_375_000L);
  }

  @Test
  void measuredHostLatencyBudgetIsMetOnTheHost() {
    Dl4jRuntime.init();
    Nb201Arch arch = (Nb201Arch) SearchSpaces.parse("nb201",
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
    LatencyOracle host = LatencyOracle.of(TargetRegistry.builtIn("host"), scratch);
    InputShape in = new InputShape(1, 16, 16);
    ScaleGrid grid = new ScaleGrid(List.of(1), List.of(4, 8, 16, 32, 64), List.of(in));
    ScalePlanner probe = new ScalePlanner(arch, 10, ScaleBudget.macs(Long.MAX_VALUE), List.of());
    double at16 = host.latencyMs(probe.spec(1, 16, in));
    ScaleBudget budget = new ScaleBudget(null, null, Map.of("host", 1.5 * at16));
    ScaledConfig c = new ScalePlanner(arch, 10, budget, List.of(host)).plan(grid);
    assertThat(host).isInstanceOf(MeasuredLatency.class);
    assertThat(c.latencySources()).containsEntry("host", "measured:onnxruntime-cpu");
    assertThat(c.latencyMs().get("host")).isPositive().isLessThanOrEqualTo(1.5 * at16);
    // Rationale: C=16 took at16 ms, so with 50% headroom the planner finds C >= 16 despite timing noise.
    assertThat(c.channels()).isGreaterThanOrEqualTo(16);
  }

  @Test
  void budgetRecordNamesBadFields() {
    assertThatThrownBy(() -> new ScaleBudget(0L, null, Map.of())).hasMessage("maxMacs must be >= 1, got 0");
    assertThatThrownBy(() -> new ScaleBudget(null, null, Map.of("pixel", -1.0)))
        .hasMessage("maxLatencyMs.pixel must be a positive number, got -1.0");
    assertThatThrownBy(() -> new ScaleBudget(null, null, Map.of())).hasMessageContaining("at least one");
  }
}
