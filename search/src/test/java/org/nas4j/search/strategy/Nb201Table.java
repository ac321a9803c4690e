package org.nas4j.search.strategy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nas4j.search.tabular.CsvTable;
import org.nas4j.search.tabular.Nb201GenomeSpace;
import org.nas4j.search.tabular.Nb201GenomeSpaceTest;
import org.nas4j.search.tabular.TableEvaluator;

/** The real NAS-Bench-201 table as the strategy tests use it: CIFAR-10 accuracy, Pixel 3 latency, MACs, params. */
final class Nb201Table {
  static final String LAT = "latencyMs.pixel3";
  static final Nb201GenomeSpace SPACE = new Nb201GenomeSpace();
  private static TableEvaluator evaluator;

  private Nb201Table() {}

  /** The table's evaluator, read once. */
  static synchronized TableEvaluator evaluator() {
    if (evaluator == null) {
      Map<String, String> lat = new LinkedHashMap<>();
      lat.put("pixel3", "hw_c10_pixel3_latency_ms");
      evaluator = new TableEvaluator(SPACE, CsvTable.read(Nb201GenomeSpaceTest.TABLE), "arch", "cifar10_test_acc",
          lat, "flops_m_c10", "params_m_c10");
    }
    return evaluator;
  }
}
