package org.nas4j.search.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.profiler.testing.SharedFiles;

/**
 * Parameter and FLOP counts of the NB201 network against NAS-Bench-201's own table
 * ({@code ../shared/benchmarks/nb201.csv}, read in place through {@code nas.shared.dir}).
 */
class Nb201TableTest {
  record Row(int index, String arch, String paramsM, String flopsM) {}

  static List<Row> table() throws IOException {
    Path csv = SharedFiles.resolve("benchmarks/nb201.csv");
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",");
    int iArch = List.of(header).indexOf("arch");
    int iParams = List.of(header).indexOf("params_m_c10");
    int iFlops = List.of(header).indexOf("flops_m_c10");
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      rows.add(new Row(Integer.parseInt(f[0]), f[iArch], f[iParams], f[iFlops]));
    }
    return rows;
  }

  @Test
  void paramsAndFlopsMatchTheWholeTable() throws IOException {
    MacroConfig m = MacroConfig.nb201Cifar10();
    int checked = 0;
    for (Row r : table()) {
      NetSpec spec = NetSpecs.nb201(Nb201Arch.parse(r.arch()), m);
      assertThat(String.format(Locale.ROOT, "%.6f", spec.trainableParams() / 1e6))
          .as("params of %d %s", r.index(), r.arch()).isEqualTo(r.paramsM());
      assertThat(String.format(Locale.ROOT, "%.5f", spec.nb201Flops() / 1e6))
          .as("flops of %d %s", r.index(), r.arch()).isEqualTo(r.flopsM());
      checked++;
    }
    assertThat(checked).isEqualTo(15_625);
  }

}
