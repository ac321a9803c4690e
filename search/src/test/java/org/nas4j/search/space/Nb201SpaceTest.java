package org.nas4j.search.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Nb201SpaceTest {
  static final String ARCH =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
  final Nb201Space space = new Nb201Space();

  @Test
  void parsesAndPrintsTheArchString() {
    Nb201Arch a = Nb201Arch.parse(ARCH);
    assertThat(a.toText()).isEqualTo(ARCH);
    assertThat(a.ops()).containsExactly(Nb201Op.NOR_CONV_3X3, Nb201Op.NOR_CONV_3X3, Nb201Op.AVG_POOL_3X3,
        Nb201Op.SKIP_CONNECT, Nb201Op.NOR_CONV_3X3, Nb201Op.SKIP_CONNECT);
    assertThat(space.encode(a)).containsExactly(3, 3, 4, 1, 3, 1);
  }

  @Test
  void allGenomesDecodeToDistinctArchitectures() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 15_625; i++) {
      int[] g = new int[6];
      for (int k = 0, v = i; k < 6; k++, v /= 5) {
        g[k] = v % 5;
      }
      Nb201Arch a = space.decode(g);
      assertThat(Nb201Arch.parse(a.toText())).isEqualTo(a);
      ids.add(a.archId());
    }
    assertThat(ids).hasSize(15_625);
  }

  @Test
  void samplingIsSeeded() {
    SplittableRandom a = new SplittableRandom(1);
    SplittableRandom b = new SplittableRandom(1);
    for (int i = 0; i < 50; i++) {
      assertThat(space.sample(a)).isEqualTo(space.sample(b));
    }
  }

  @Test
  void badArchStringsNameTheProblem() {
    assertThatThrownBy(() -> Nb201Arch.parse(ARCH.replace("avg_pool_3x3", "max_pool_3x3")))
        .isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("unknown op 'max_pool_3x3' on edge 1->2");
    assertThatThrownBy(() -> Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|"))
        .hasMessageContaining("expected 3 nodes separated by '+', got 2");
    assertThatThrownBy(() -> Nb201Arch.parse(ARCH.replace("skip_connect~2", "skip_connect~1")))
        .hasMessageContaining("edge 3 into node 3 must come from node 2, got '~1'");
    assertThatThrownBy(() -> Nb201Arch.parse("|a|+|b|c|+|d|e|f|")).hasMessageContaining("must be op~input");
    assertThatThrownBy(() -> Nb201Arch.parse("garbage")).isInstanceOf(InvalidSearchSpaceException.class);
    assertThatThrownBy(() -> space.decode(new int[] {0, 0, 0, 0, 0, 5})).hasMessageContaining("gene 5 = 5");
  }
}
