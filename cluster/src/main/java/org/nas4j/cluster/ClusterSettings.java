package org.nas4j.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.time.Duration;
import java.util.List;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * How a member joins the cluster.
 *
 * @param clusterName required; members of other names are not admitted
 * @param members {@code HOST:PORT} of members to join (may be empty for the first member); {@code k8s:SERVICE-DNS}
 *     instead uses Hazelcast's Kubernetes discovery through that headless service
 * @param bind the address to bind and announce ({@code 127.0.0.1} unless given)
 * @param port the first port to try (the next ones are tried when taken); 0 = 5701
 * @param timeout how long the coordinator waits for a worker; also bounds the join (at most 20 s)
 */
public record ClusterSettings(String clusterName, List<String> members, String bind, int port, Duration timeout) {
  /** Loopback: a member is reachable from other machines only when bound to a routable address. */
  public static final String DEFAULT_BIND = "127.0.0.1";
  /** Hazelcast's usual first port. */
  public static final int DEFAULT_PORT = 5701;
  /** Member attribute holding a member's role ({@value #WORKER} or {@value #COORDINATOR}). */
  static final String ROLE = "nas.role";
  static final String WORKER = "worker";
  static final String COORDINATOR = "coordinator";
  /** Member attribute holding how many tasks a worker runs at once. */
  static final String JOBS = "nas.jobs";

  /** Validates; the messages name the option. */
  public ClusterSettings {
    if (clusterName == null || clusterName.isBlank()) {
      throw new InvalidArgumentException("--cluster-name is required with a cluster (members of another name are "
          + "not admitted)");
    }
    members = members == null ? List.of() : List.copyOf(members);
    for (String m : members) {
      if (!m.startsWith("k8s:") && !m.matches("[^:\\s]+(:\\d{1,5})?")) {
        throw new InvalidArgumentException("bad cluster member '" + m + "': expected HOST:PORT or k8s:SERVICE-DNS");
      }
    }
    bind = bind == null || bind.isBlank() ? DEFAULT_BIND : bind;
    if (port < 0 || port > 65535) {
      throw new InvalidArgumentException("--port must be in 0..65535, got " + port);
    }
    port = port == 0 ? DEFAULT_PORT : port;
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new InvalidArgumentException("--cluster-timeout must be positive, got " + timeout);
    }
  }

  /**
   * The Hazelcast configuration of a member: cluster name, TCP/IP (or Kubernetes) join, bound to {@link #bind}, no
   * multicast, no phone-home, Java deserialization filtered to Hazelcast's own allow-list, fast failure detection (a
   * killed member is dropped within about 10 s), and no shutdown hook (our commands shut down gracefully
   * themselves).
   */
  Config memberConfig(String role, int jobs) {
    Config c = new Config();
    c.setClusterName(clusterName);
    c.setInstanceName("nas-" + role + "-" + Long.toHexString(System.nanoTime()));
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.local.localAddress", bind);
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    // Bounds the join: with nobody reachable, the member starts alone after this long.
    c.setProperty("hazelcast.max.join.seconds", Long.toString(Math.max(1, Math.min(20, timeout.toSeconds()))));
    c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    c.getJetConfig().setEnabled(false);
    // Our tasks and results are strings. Java deserialization is allowed only for Hazelcast's default allow-list
    // (its own classes, such as the exceptions it sends in responses, and basic JDK types), minus its deny-list of
    // known gadgets; any other Java-serialized object is rejected. (An allow-list of nothing breaks Hazelcast itself:
    // a PartitionMigratingException in a response was rejected and the operation hung.)
    c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
    c.getMemberAttributeConfig().setAttribute(ROLE, role);
    c.getMemberAttributeConfig().setAttribute(JOBS, Integer.toString(jobs));
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(port).setPortAutoIncrement(true).setPortCount(100);
    net.getInterfaces().setEnabled(true).setInterfaces(List.of(bind));
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> k8s = members.stream().filter(m -> m.startsWith("k8s:")).toList();
    if (!k8s.isEmpty()) {
      net.getInterfaces().setEnabled(false);
      c.setProperty("hazelcast.socket.bind.any", "true");
      c.getProperties().remove("hazelcast.local.localAddress");
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", k8s.get(0).substring(4));
    } else {
      join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
          .setMembers(members.isEmpty() ? List.of(bind) : members);
    }
    return c;
  }
}
