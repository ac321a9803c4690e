package org.nas4j.search.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nas4j.targets.error.InvalidArgumentException;

class FbnetGenomeSpaceTest {
  private final FbnetGenomeSpace space = new FbnetGenomeSpace();

  @Test
  void opsStringsOfTheTableParseToItsOpIndexLists() {
    CsvTable table = CsvTable.read(Nb201GenomeSpaceTest.sharedTable("fbnet_c100_latency.csv"));
    int ops = table.column("ops", "test");
    int idx = table.column("op_idx_list", "test");
    for (List<String> row : table.rows().subList(0, 500)) {
      int[] g = space.parse(row.get(ops));
      int[] expected = Arrays.stream(row.get(idx).split("-")).mapToInt(Integer::parseInt).toArray();
      assertThat(g).containsExactly(expected);
      assertThat(space.describe(g)).isEqualTo(row.get(ops));
      assertThat(space.canonical(g)).containsExactly(g);
    }
  }

  @Test
  void unknownOpNamesTheKnownOnes() {
    String bad = String.join("-", java.util.Collections.nCopies(21, "skip")) + "-k7_e6";
    assertThatThrownBy(() -> space.parse(bad)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unknown block 'k7_e6' at layer 21").hasMessageContaining("k3_e1_g2");
  }
}
