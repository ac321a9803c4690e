package org.nas4j.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/** Starts Hazelcast members of a nas cluster and reads their roles. */
public final class ClusterMember {
  private ClusterMember() {}

  /** Starts a worker member ({@code jobs} tasks at once). */
  public static HazelcastInstance startWorker(ClusterSettings settings, int jobs) {
    return start(settings, ClusterSettings.WORKER, jobs);
  }

  static HazelcastInstance start(ClusterSettings settings, String role, int jobs) {
    try {
      return Hazelcast.newHazelcastInstance(settings.memberConfig(role, jobs));
    } catch (RuntimeException e) {
      throw new ClusterUnavailableException("cannot start a cluster member on " + settings.bind() + ":"
          + settings.port() + ": " + e.getMessage(), e);
    }
  }

  /** The other members that are workers. */
  static List<Member> remoteWorkers(HazelcastInstance hz) {
    return hz.getCluster().getMembers().stream()
        .filter(m -> !m.localMember() && ClusterSettings.WORKER.equals(m.getAttribute(ClusterSettings.ROLE)))
        .toList();
  }

  /** Tasks a member runs at once (its {@code nas.jobs} attribute), 0 if unknown. */
  static int jobs(Member m) {
    try {
      return Integer.parseInt(m.getAttribute(ClusterSettings.JOBS));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
