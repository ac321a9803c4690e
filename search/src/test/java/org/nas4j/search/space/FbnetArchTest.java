package org.nas4j.search.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class FbnetArchTest {
  private static final String ALL_SKIP = String.join("-", Collections.nCopies(22, "skip"));

  @Test
  void namesAndTableIndicesParseToTheSameBlocks() {
    String names = "k3_e1-k3_e1_g2-k3_e3-k3_e6-k5_e1-k5_e1_g2-k5_e3-k5_e6-skip-"
        + String.join("-", Collections.nCopies(13, "k5_e6"));
    String indices = "0-1-2-3-4-5-6-7-8-" + String.join("-", Collections.nCopies(13, "7"));
    FbnetArch a = FbnetArch.parse(names);
    assertThat(FbnetArch.parse(indices)).isEqualTo(a);
    assertThat(a.toText()).isEqualTo(names);
    assertThat(a.blocks().get(1)).isEqualTo(FbnetBlock.K3_E1_G2);
    assertThat(a.blocks().get(1).groups()).isEqualTo(2);
    assertThat(a.blocks().get(7).kernelSize()).isEqualTo(5);
    assertThat(a.blocks().get(7).expansion()).isEqualTo(6);
  }

  @Test
  void badTextsNameTheLayerAndToken() {
    assertThatThrownBy(() -> FbnetArch.parse(ALL_SKIP.substring(5))).isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("expected 22 blocks separated by '-', got 21");
    assertThatThrownBy(() -> FbnetArch.parse(ALL_SKIP.replaceFirst("skip$", "9")))
        .hasMessageContaining("block index 9 at layer 21 out of range 0..8");
    assertThatThrownBy(() -> FbnetArch.parse(ALL_SKIP.replaceFirst("^skip", "k7_e6")))
        .hasMessageContaining("unknown block 'k7_e6' at layer 0").hasMessageContaining("k3_e1_g2");
    assertThatThrownBy(() -> FbnetArch.parse(" ")).hasMessageStartingWith("invalid FBNet architecture");
  }
}
