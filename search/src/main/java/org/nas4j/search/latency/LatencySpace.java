package org.nas4j.search.latency;

import java.util.List;
import java.util.Locale;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.targets.error.InvalidArgumentException;

/** The search spaces whose architectures can be lowered to runtime ops for latency prediction. */
public enum LatencySpace {
  /** NAS-Bench-201 cells in the CIFAR-10 skeleton (arch strings like {@code |nor_conv_3x3~0|+|...|}). */
  NB201 {
    @Override
    public List<OpSpec> lower(String arch) {
      return Nb201Ops.lower(arch);
    }
  },
  /** HW-NAS-Bench FBNet space, CIFAR-100 input (22 op names or indices separated by '-'). */
  FBNET {
    @Override
    public List<OpSpec> lower(String arch) {
      return FbnetOps.lower(arch);
    }
  };

  /**
   * The ops a mobile runtime would execute for this architecture, in execution order.
   *
   * @throws InvalidArgumentException naming the architecture and what is wrong with it
   */
  public abstract List<OpSpec> lower(String arch);

  /** The lower-case name used on the command line and in files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The space with this name (case-insensitive).
   *
   * @throws InvalidArgumentException naming the known spaces
   */
  public static LatencySpace of(String name) {
    for (LatencySpace s : values()) {
      if (s.id().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new InvalidArgumentException("unknown space '" + name + "'. Known spaces: nb201, fbnet.");
  }
}
