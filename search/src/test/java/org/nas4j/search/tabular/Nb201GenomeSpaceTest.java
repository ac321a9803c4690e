package org.nas4j.search.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nas4j.targets.error.InvalidArgumentException;

public class Nb201GenomeSpaceTest {
  /** The NAS-Bench-201 table: under {@code nas.shared.dir} (set by the build), else {@code /work/shared}. */
  public static final Path TABLE = sharedTable("nb201.csv");

  /** A file of the shared benchmarks directory. */
  public static Path sharedTable(String name) {
    Path p = Path.of(System.getProperty("nas.shared.dir", "/work/shared"), "benchmarks", name).normalize();
    return java.nio.file.Files.exists(p) ? p : Path.of("/work/shared/benchmarks", name);
  }
  private final Nb201GenomeSpace space = new Nb201GenomeSpace();

  @Test
  void describeAndParseRoundTrip() {
    String arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    int[] g = space.parse(arch);
    assertThat(g).containsExactly(3, 3, 4, 1, 3, 1);
    assertThat(space.describe(g)).isEqualTo(arch);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100; i++) {
      int[] s = space.sample(r);
      assertThat(space.parse(space.describe(s))).containsExactly(s);
    }
  }

  @Test
  void badArchStringIsInvalidInput() {
    assertThatThrownBy(() -> space.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("invalid NB201 architecture").hasMessageContaining("unknown op 'conv'");
  }

  @Test
  void canonicalFormReproducesTheTablesIsomorphismClasses() {
    // The table's iso_class is the ground truth; canonical() never reads it.
    CsvTable table = CsvTable.read(TABLE);
    int arch = table.column("arch", "test");
    int iso = table.column("iso_class", "test");
    Map<String, String> idByIso = new HashMap<>();
    Map<String, String> isoById = new HashMap<>();
    for (List<String> row : table.rows()) {
      int[] genome = space.parse(row.get(arch));
      assertThat(space.expression(genome)).isEqualTo(row.get(iso));
      String id = space.archId(genome);
      String prevId = idByIso.putIfAbsent(row.get(iso), id);
      String prevIso = isoById.putIfAbsent(id, row.get(iso));
      assertThat(prevId == null || prevId.equals(id)).as("iso class %s split", row.get(iso)).isTrue();
      assertThat(prevIso == null || prevIso.equals(row.get(iso))).as("arch id %s merges classes", id).isTrue();
    }
    assertThat(space.distinctArchitectures()).isEqualTo(idByIso.size()).isEqualTo(6466);
  }

  @Test
  void canonicalIsIdempotentAndIdIsStable() {
    int[] g = space.parse("|none~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|none~1|avg_pool_3x3~2|");
    int[] c = space.canonical(g);
    assertThat(space.canonical(c)).containsExactly(c);
    assertThat(space.archId(g)).isEqualTo(space.archId(c)).hasSize(64).matches("[0-9a-f]{64}");
  }
}
