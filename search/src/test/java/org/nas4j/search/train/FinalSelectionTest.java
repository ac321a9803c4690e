package org.nas4j.search.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nas4j.search.strategy.Evaluation;

class FinalSelectionTest {
  /** A front member with this proxy error, latency (ms) and MACs. */
  private static Evaluation m(String id, double error, double ms, double macs) {
    return new Evaluation(id + "0".repeat(64 - id.length()), "arch " + id, new int[] {1},
        Map.of("error", error, "latencyMs.pixel", ms, "macs", macs), Map.of(), 0, Evaluation.Status.OK, null,
        Map.of());
  }

  private static List<String> ids(Map<Evaluation, FinalSelection.Reason> chosen) {
    List<String> out = new ArrayList<>();
    chosen.keySet().forEach(e -> out.add(e.archId().substring(0, 2)));
    return out;
  }

  /** An accuracy-latency curve with a clear knee at k1: accuracy rises fast up to it, then slowly. */
  private static List<Evaluation> curve() {
    return List.of(
        m("a1", 0.60, 1.0, 1e6), m("a2", 0.45, 1.3, 2e6), m("k1", 0.20, 1.6, 3e6), m("b1", 0.18, 2.4, 4e6),
        m("b2", 0.17, 3.5, 5e6), m("b3", 0.16, 5.0, 6e6), m("b4", 0.155, 7.0, 7e6), m("z9", 0.15, 10.0, 8e6),
        // On the 3-objective front only by its MACs: slower and less accurate than b1.
        m("d1", 0.30, 2.5, 0.5e6));
  }

  @Test
  void bothEndsTheKneeThenAnEvenSpreadInLogLatency() {
    var chosen = FinalSelection.choose(curve(), "error", "latencyMs.pixel", 5);
    assertThat(ids(chosen)).startsWith("a1", "z9", "k1");
    assertThat(chosen.values()).startsWith(FinalSelection.Reason.FASTEST, FinalSelection.Reason.MOST_ACCURATE,
        FinalSelection.Reason.KNEE);
    // log-latency gaps: 1.0, 1.6, 10 chosen; the widest gap lies between 1.6 and 10 (b2 at 3.5 or b3 at 5.0 split
    // it best), then the next widest.
    assertThat(ids(chosen).get(3)).isEqualTo("b2");
    assertThat(ids(chosen)).doesNotContain("d1");
    assertThat(ids(chosen)).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void membersOffTheAccuracyLatencyCurveFillInOnlyWhenTheCurveIsExhausted() {
    var all = FinalSelection.choose(curve(), "error", "latencyMs.pixel", 9);
    assertThat(ids(all)).hasSize(9).endsWith("d1");
    assertThat(FinalSelection.choose(curve(), "error", "latencyMs.pixel", 20)).hasSize(9);
  }

  @Test
  void smallRequestsTakeTheEndsFirst() {
    assertThat(ids(FinalSelection.choose(curve(), "error", "latencyMs.pixel", 1))).containsExactly("a1");
    assertThat(ids(FinalSelection.choose(curve(), "error", "latencyMs.pixel", 2))).containsExactly("a1", "z9");
    assertThat(FinalSelection.choose(curve(), "error", "latencyMs.pixel", 0)).isEmpty();
    assertThat(FinalSelection.choose(List.of(), "error", "latencyMs.pixel", 3)).isEmpty();
  }

  @Test
  void theChoiceDoesNotDependOnTheFrontsOrder() {
    List<Evaluation> reversed = new ArrayList<>(curve());
    java.util.Collections.reverse(reversed);
    assertThat(ids(FinalSelection.choose(reversed, "error", "latencyMs.pixel", 6)))
        .isEqualTo(ids(FinalSelection.choose(curve(), "error", "latencyMs.pixel", 6)));
  }
}
