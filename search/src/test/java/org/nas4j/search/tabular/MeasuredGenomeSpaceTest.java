package org.nas4j.search.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nas4j.targets.error.InvalidArgumentException;

class MeasuredGenomeSpaceTest {
  private final FbnetGenomeSpace fbnet = new FbnetGenomeSpace();

  private static int[] uniform(int op) {
    int[] g = new int[22];
    Arrays.fill(g, op);
    return g;
  }

  @Test
  void aGenomeIsRepairedToTheNearestRowAndARowIsItself() {
    int[] a = uniform(0);
    int[] b = uniform(8);
    MeasuredGenomeSpace s = new MeasuredGenomeSpace(fbnet, List.of(a, b), "test");
    int[] nearA = a.clone();
    nearA[3] = 8;
    nearA[7] = 5;
    assertThat(s.canonical(nearA)).containsExactly(a);
    assertThat(s.canonical(a)).containsExactly(a);
    assertThat(s.canonical(b)).containsExactly(b);
    assertThat(s.archId(nearA)).isEqualTo(fbnet.archId(a));
    int[] tie = a.clone();
    for (int i = 0; i < 11; i++) {
      tie[i] = 8;
    }
    assertThat(s.canonical(tie)).as("a tie goes to the earlier row").containsExactly(a);
    assertThat(s.canonical(s.canonical(tie))).containsExactly(s.canonical(tie));
  }

  @Test
  void samplesOnlyRowsAndReachesEach() {
    List<int[]> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 7; i++) {
      rows.add(fbnet.sample(r));
    }
    MeasuredGenomeSpace s = new MeasuredGenomeSpace(fbnet, rows, "test");
    Set<String> ids = new HashSet<>();
    rows.forEach(g -> ids.add(fbnet.archId(g)));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(s.archId(s.sample(r)));
    }
    assertThat(seen).isEqualTo(ids);
    assertThat(s.size()).isEqualTo(7);
    assertThat(s.name()).isEqualTo("fbnet");
  }

  @Test
  void anEmptyTableIsInvalidInput() {
    assertThatThrownBy(() -> new MeasuredGenomeSpace(fbnet, List.of(), "table empty.csv"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("empty.csv");
  }
}
