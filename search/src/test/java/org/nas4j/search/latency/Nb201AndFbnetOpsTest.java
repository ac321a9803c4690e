package org.nas4j.search.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.predict.Kernel;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.targets.error.InvalidInputException;

class Nb201AndFbnetOpsTest {
  static final String EXAMPLE =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  private static long count(List<OpSpec> ops, String classKey) {
    return ops.stream().filter(o -> Kernel.of(o).classKey().equals(classKey)).count();
  }

  @Test
  void nb201CellIsLoweredToFusedConvsReluAddsAndPools() {
    List<OpSpec> ops = LatencySpace.NB201.lower(EXAMPLE);
    // per cell: 3 convs 3x3; 15 cells; plus stem and 2 per residual block
    assertThat(count(ops, "CONV")).isEqualTo(15 * 3 + 1 + 2 * 2);
    // node 0 feeds two ReLU-convs: the second ReLU of node 0 is a duplicate
    assertThat(count(ops, "RELU.dup")).isEqualTo(15);
    // node 2 and node 3 have two and three non-zero inputs
    assertThat(count(ops, "ADD2")).isEqualTo(15 + 2);
    assertThat(count(ops, "ADD3")).isEqualTo(15);
    assertThat(ops.get(ops.size() - 1).type()).isEqualTo(KernelType.LINEAR);
    assertThat(ops.stream().mapToDouble(o -> Kernel.of(o).macs()).max().orElseThrow()).isPositive();
  }

  @Test
  void nb201OpsThatCannotReachTheOutputAreDeadAndZeroInputsAreConstant() {
    // node 1 is fed only by none (constant zero); the conv 1->3 is therefore constant; avg_pool 0->2 feeds node 2
    // which reaches node 3 only through none, so it is dead.
    List<OpSpec> ops = LatencySpace.NB201.lower(
        "|none~0|+|avg_pool_3x3~0|none~1|+|nor_conv_1x1~0|nor_conv_3x3~1|none~2|");
    assertThat(count(ops, "CONV.const")).isEqualTo(15);
    assertThat(count(ops, "POOL.dead")).isEqualTo(15);
    assertThat(count(ops, "POINTWISE")).isEqualTo(15 + 2);
  }

  @Test
  void disconnectedNb201CellMakesEveryOpDeadOrConstant() {
    List<OpSpec> ops = LatencySpace.NB201.lower(
        "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|");
    assertThat(ops).isNotEmpty().allMatch(o -> o.dead() || o.constant());
  }

  @Test
  void badNb201StringsAreInvalidInput() {
    assertThatThrownBy(() -> LatencySpace.NB201.lower("|nor_conv_3x3~0|+|none~0|"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected 3 nodes");
    assertThatThrownBy(() -> LatencySpace.NB201.lower(EXAMPLE.replace("avg_pool_3x3", "max_pool_3x3")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown op 'max_pool_3x3'");
    assertThatThrownBy(() -> LatencySpace.NB201.lower(EXAMPLE.replace("avg_pool_3x3~1", "avg_pool_3x3~0")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must come from node 1");
  }

  @Test
  void fbnetNamesAndIndicesGiveTheSameNetwork() {
    String names = "k5_e6-skip-k3_e1_g2-skip-k5_e1-skip-skip-skip-k5_e6-k5_e1-k3_e1_g2-k5_e1-k5_e6-k3_e6-k3_e3"
        + "-k5_e6-k3_e6-k3_e3-k5_e1-k3_e3-k5_e1-k5_e1_g2";
    String indices = "7-8-1-8-4-8-8-8-7-4-1-4-7-3-2-7-3-2-4-2-4-5";
    List<OpSpec> ops = LatencySpace.FBNET.lower(names);
    assertThat(LatencySpace.FBNET.lower(indices)).isEqualTo(ops);
    // 22 - 5 skips = 17 blocks, each with one depthwise conv
    assertThat(ops.stream().filter(o -> o.type() == KernelType.DEPTHWISE).count()).isEqualTo(17);
    assertThat(ops.stream().filter(o -> o.type() == KernelType.SHUFFLE).count()).isEqualTo(3);
    OpSpec last = ops.get(ops.size() - 1);
    assertThat(last.inputChannels()).isEqualTo(1504);
    assertThat(last.outputChannels()).isEqualTo(100);
  }

  @Test
  void badFbnetListsAreInvalidInput() {
    assertThatThrownBy(() -> LatencySpace.FBNET.lower("0-1-2"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected 22 blocks");
    assertThatThrownBy(() -> LatencySpace.FBNET.lower("9" + "-0".repeat(21)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> LatencySpace.of("dartz"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Known spaces: nb201, fbnet, darts");
  }
}
