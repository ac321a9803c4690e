package org.nas4j.search.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DartsSpaceTest {
  static final String V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
      + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)],"
      + " normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2),"
      + " ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
      + " reduce_concat=[2, 3, 4, 5])";
  final DartsSpace space = new DartsSpace();

  @Test
  void printsAndParsesExactlyAsDarts() {
    assertThat(DartsGenotype.DARTS_V2.toText()).isEqualTo(V2);
    assertThat(DartsGenotype.parse(V2)).isEqualTo(DartsGenotype.DARTS_V2);
    assertThat(DartsGenotype.parse("DARTS_V2")).isEqualTo(DartsGenotype.DARTS_V2);
    assertThat(DartsGenotype.parse(V2.replace("[2, 3, 4, 5]", "range(2, 6)").replace("'", "\"")))
        .isEqualTo(DartsGenotype.DARTS_V2);
    assertThat(DartsGenotype.NASNET.toText()).contains("normal_concat=[2, 3, 4, 5, 6]")
        .contains("('sep_conv_7x7', 0)");
  }

  @Test
  void genomeRoundTripsAndSamplesStayInBounds() {
    SplittableRandom rnd = new SplittableRandom(42);
    int[] bounds = space.geneBounds();
    assertThat(bounds).hasSize(32);
    for (int i = 0; i < 200; i++) {
      DartsGenotype g = space.sample(rnd);
      int[] genome = space.encode(g);
      for (int k = 0; k < genome.length; k++) {
        assertThat(genome[k]).isBetween(0, bounds[k] - 1);
      }
      assertThat(space.decode(genome)).isEqualTo(g);
      assertThat(DartsGenotype.parse(g.toText())).isEqualTo(g);
    }
    assertThat(space.decode(space.encode(DartsGenotype.DARTS_V1))).isEqualTo(DartsGenotype.DARTS_V1);
  }

  @Test
  void samplingIsSeededAndCoversAllOpsAndInputs() {
    Set<String> a = new HashSet<>();
    Set<DartsOp> ops = new HashSet<>();
    SplittableRandom r1 = new SplittableRandom(7);
    SplittableRandom r2 = new SplittableRandom(7);
    for (int i = 0; i < 300; i++) {
      DartsGenotype g = space.sample(r1);
      assertThat(space.sample(r2)).isEqualTo(g);
      a.add(g.archId());
      g.normal().edges().forEach(e -> ops.add(e.op()));
    }
    assertThat(a).hasSize(300);
    assertThat(ops).containsExactlyInAnyOrderElementsOf(DartsOp.SEARCHABLE);
  }

  @Test
  void swappedNodeInputsHaveTheSameIdAndCanonicalForm() {
    DartsGenotype swapped = DartsGenotype.parse(V2.replaceFirst(
        "\\('sep_conv_3x3', 0\\), \\('sep_conv_3x3', 1\\)", "('sep_conv_3x3', 1), ('sep_conv_3x3', 0)"));
    assertThat(swapped).isNotEqualTo(DartsGenotype.DARTS_V2);
    assertThat(swapped.archId()).isEqualTo(DartsGenotype.DARTS_V2.archId()).hasSize(64);
    assertThat(swapped.canonical()).isEqualTo(DartsGenotype.DARTS_V2.canonical());
    assertThat(DartsGenotype.DARTS_V1.archId()).isNotEqualTo(DartsGenotype.DARTS_V2.archId());
    assertThat(DartsGenotype.DARTS_V2.shortId()).hasSize(12);
    // Rationale: ids must be stable across releases; this pins the canonical JSON format.
    assertThat(DartsGenotype.DARTS_V2.canonicalJson()).startsWith(
        "{\"space\":\"darts\",\"normal\":[[\"sep_conv_3x3\",0],[\"sep_conv_3x3\",1],");
  }

  @Test
  void badGenotypesNameTheProblemAndPlace() {
    assertThatThrownBy(() -> DartsGenotype.parse(V2.replace("'dil_conv_3x3'", "'dil_conv_9x9'")))
        .isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("unknown op 'dil_conv_9x9' in normal edge 7")
        .hasMessageContaining("at character");
    assertThatThrownBy(() -> DartsGenotype.parse(V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', 7)")))
        .isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessage("invalid DARTS genotype: normal cell: edge 7 (node 5): input node 7 is out of range 0..4");
    assertThatThrownBy(() -> DartsGenotype.parse("hello"))
        .isInstanceOf(InvalidSearchSpaceException.class).hasMessageContaining("at character 1");
    assertThatThrownBy(() -> DartsGenotype.parse(V2.replace(", reduce_concat=[2, 3, 4, 5]", "")))
        .hasMessageContaining("missing field 'reduce_concat'");
    assertThatThrownBy(() -> DartsGenotype.parse(V2.replace("('skip_connect', 0), ('dil_conv_3x3', 2)]",
        "('skip_connect', 0)]"))).hasMessageContaining("even, non-zero number of edges");
    assertThatThrownBy(() -> DartsGenotype.parse(V2 + " x")).hasMessageContaining("after the closing ')'");
    assertThatThrownBy(() -> DartsGenotype.parse(V2.replace("normal_concat=[2, 3, 4, 5]", "normal_concat=[2, 9]")))
        .hasMessageContaining("concat node 9 is out of range 2..5");
    assertThatThrownBy(() -> space.encode(DartsGenotype.NASNET)).isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("outside the searchable DARTS space");
    assertThatThrownBy(() -> space.decode(new int[31])).hasMessageContaining("expected 32 genes, got 31");
    int[] g = new int[32];
    g[3] = 2;
    assertThatThrownBy(() -> space.decode(g)).hasMessageContaining("gene 3 = 2 is outside 0..1");
    assertThat(new InvalidSearchSpaceException("x")).isInstanceOf(org.nas4j.targets.error.InvalidInputException.class);
  }

  @Test
  void searchSpacesByName() {
    assertThat(SearchSpaces.byName("darts")).isInstanceOf(DartsSpace.class);
    assertThat(SearchSpaces.byName("nb201")).isInstanceOf(Nb201Space.class);
    assertThatThrownBy(() -> SearchSpaces.byName("nasnet")).hasMessageContaining("known spaces: darts, nb201");
    assertThat(List.of(DartsOp.values())).hasSize(9);
  }
}
