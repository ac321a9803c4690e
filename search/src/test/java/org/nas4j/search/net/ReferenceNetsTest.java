package org.nas4j.search.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nas4j.search.space.InvalidSearchSpaceException;

class ReferenceNetsTest {
  @Test
  void parameterCountsMatchThePyTorchTwins() {
    // Rationale: counted with benchmarks/train_speed_torch.py (sum of numel over model.parameters()), so the DL4J
    // and PyTorch sides of the speed benchmark train the same networks.
    assertThat(ReferenceNets.of("plain-28x28x1").trainableParams()).isEqualTo(61_050);
    assertThat(ReferenceNets.of("dwsep-32x32x3").trainableParams()).isEqualTo(18_762);
    assertThat(ReferenceNets.of("darts_v2-28x28x1").trainableParams()).isEqualTo(245_242);
    assertThat(ReferenceNets.of("darts_nodil-28x28x1").trainableParams()).isEqualTo(258_458);
    assertThat(ReferenceNets.DARTS_NO_DIL.toText()).doesNotContain("dil_conv");
  }

  @Test
  void badNamesAreRejectedWithTheName() {
    assertThatThrownBy(() -> ReferenceNets.of("resnet-28x28x1")).isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("resnet");
    assertThatThrownBy(() -> ReferenceNets.of("plain-28x28")).isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("28x28");
  }
}
