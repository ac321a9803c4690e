package org.nas4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.targets.error.InvalidArgumentException;

/** Member settings on a real (single) Hazelcast member, and the wire records. */
class ClusterSettingsTest {
  /** Java-serializable, as an attacker's gadget would be. */
  static final class Payload implements Serializable {
    private static final long serialVersionUID = 1L;
    final String text = "x";
  }

  private static ClusterSettings settings(String name, List<String> members) {
    return new ClusterSettings(name, members, null, 42000 + new SplittableRandom().nextInt(18000),
        Duration.ofSeconds(2));
  }

  @Test
  void clusterNameIsRequiredAndMembersAreChecked() {
    assertThatThrownBy(() -> settings(" ", List.of())).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("--cluster-name is required");
    assertThatThrownBy(() -> settings("x", List.of("host:port:more"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("bad cluster member 'host:port:more'");
    assertThat(settings("x", List.of()).bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void aMemberBindsToLoopbackAndRejectsJavaSerializedObjects() {
    ClusterSettings s = settings("unit-" + System.nanoTime(), List.of());
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(s.memberConfig(ClusterSettings.WORKER, 1));
    try {
      assertThat(hz.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
      assertThat(hz.getCluster().getLocalMember().getAttribute(ClusterSettings.ROLE)).isEqualTo("worker");
      IMap<String, Object> map = hz.getMap("unit");
      map.put("s", "plain string");
      assertThat(map.get("s")).isEqualTo("plain string");
      map.put("p", new Payload()); // serializing is allowed; reading it back is what the filter stops
      assertThatThrownBy(() -> map.get("p")).hasStackTraceContaining(Payload.class.getName());
    } finally {
      hz.shutdown();
    }
  }

  @Test
  void tasksAndResultsRoundTripAsJson() {
    SearchRequest request = new SearchRequest("nb201", "/t.csv", null, "acc", List.of("lat"), List.of(), null, null,
        List.of(), null, null, null, 10, 20, null, 7L, true, 0, null);
    TaskMessage t = new TaskMessage("s:a:0", "1.0+abc", "ff00", request, "a", new int[] {1, 2, 3}, 0);
    TaskMessage back = TaskMessage.parse(t.json());
    assertThat(back.request()).isEqualTo(request);
    assertThat(back.task()).isEqualTo(t.task());
    ResultMessage r = ResultMessage.ran("s:a:0", "127.0.0.1:5701",
        ObjectiveValues.ok(Map.of("error", 0.1 + 0.2), Map.of()), 12);
    ResultMessage rb = ResultMessage.parse(r.json());
    assertThat(rb.values().values().get("error")).isEqualTo(0.1 + 0.2); // bit-exact through JSON
    assertThat(rb.worker()).isEqualTo("127.0.0.1:5701");
    assertThat(ResultMessage.parse(ResultMessage.refused("i", "w", "why").json()).refusal()).isEqualTo("why");
  }
}
