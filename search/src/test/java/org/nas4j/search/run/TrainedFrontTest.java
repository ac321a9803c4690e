package org.nas4j.search.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nas4j.search.strategy.ObjectiveBound;

class TrainedFrontTest {
  private static final List<String> OBJECTIVES = List.of("error", "latencyMs.pixel");

  /** A front member with this proxy error and latency; {@code validation} null: a candidate (proxy only). */
  private static ParetoRecord.Member m(String id, double proxyError, double ms, Double validation) {
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("fidelity", validation == null ? ParetoRecord.PROXY : ParetoRecord.TRAINED);
    if (validation != null) {
      export.put("validationAccuracy", validation);
      export.put("testAccuracy", 0.5); // never used to judge
    }
    return new ParetoRecord.Member(id, "arch " + id, new int[] {1},
        Map.of("error", proxyError, "latencyMs.pixel", ms), Map.of(), 0, export);
  }

  /** On the proxy all four are a front; after training, b (slower than a and less accurate) is dominated. */
  private static List<ParetoRecord.Member> front() {
    return List.of(
        m("a", 0.40, 1.0, 0.88), m("b", 0.30, 2.0, 0.86), m("c", 0.20, 3.0, null), m("d", 0.10, 4.0, 0.90));
  }

  @Test
  void judgesTrainedMembersOnTheirFinalValidationErrorOnly() {
    TrainedFront t = TrainedFront.of(front(), OBJECTIVES, List.of());
    assertThat(t.members()).extracting(e -> e.archId()).containsExactly("a", "b", "d");
    assertThat(t.members().get(0).objectives().get("error")).isCloseTo(0.12, within(1e-12));
    assertThat(t.members().get(0).objectives().get("latencyMs.pixel")).isEqualTo(1.0);
    assertThat(t.front()).containsExactly("a", "d");
  }

  @Test
  void aSearchRankedByABlendedSignalStillJudgesTrainedMembersOnTheirFinalError() {
    // The signal would keep b (signal -1.0 beats a's 0.5); its final validation accuracy does not.
    List<ParetoRecord.Member> blended = new java.util.ArrayList<>();
    double[] signal = {0.5, -1.0, 0.0, -2.0};
    for (int i = 0; i < 4; i++) {
      ParetoRecord.Member x = front().get(i);
      Map<String, Double> o = new LinkedHashMap<>(x.objectives());
      o.put("signalError", signal[i]);
      blended.add(new ParetoRecord.Member(x.archId(), x.arch(), x.genome(), o, Map.of(), 0, x.export()));
    }
    TrainedFront t = TrainedFront.of(blended, List.of("signalError", "latencyMs.pixel"), List.of());
    assertThat(t.front()).containsExactly("a", "d");
  }

  @Test
  void marksTrainedMembersAndLeavesCandidatesAlone() {
    List<ParetoRecord.Member> members = front();
    List<ParetoRecord.Member> marked = TrainedFront.of(members, OBJECTIVES, List.of()).marked(members);
    assertThat(marked).extracting(x -> x.export().get("onTrainedFront")).containsExactly(true, false, null, true);
    assertThat(marked.get(2)).isSameAs(members.get(2));
    assertThat(members.get(0).export()).doesNotContainKey("onTrainedFront");
  }

  @Test
  void constraintsAndEmptyFronts() {
    // A latency bound of 3.5 ms leaves d out: then b is still beaten by a, and a alone is the trained front.
    TrainedFront bounded = TrainedFront.of(front(), OBJECTIVES,
        List.of(new ObjectiveBound("latencyMs.pixel", 3.5)));
    assertThat(bounded.front()).containsExactly("a");
    TrainedFront none = TrainedFront.of(List.of(m("c", 0.2, 3.0, null)), OBJECTIVES, List.of());
    assertThat(none.members()).isEmpty();
    assertThat(none.front()).isEmpty();
  }
}
