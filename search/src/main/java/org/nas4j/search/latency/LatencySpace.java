package org.nas4j.search.latency;

import java.util.List;
import java.util.Locale;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Space;
import org.nas4j.targets.error.InvalidArgumentException;

/** The search spaces whose architectures can be lowered to runtime ops for latency prediction. */
public enum LatencySpace {
  /**
   * NAS-Bench-201 cells (arch strings like {@code |nor_conv_3x3~0|+|...|}). Without macro settings: the table
   * lowering of the NB201 CIFAR-10 skeleton ({@code Nb201Ops}, which models HW-NAS-Bench's TFLite models, e.g. one
   * {@code x*0} per {@code none} edge); with macro settings (even the default ones): {@link NetSpecLowering} of the
   * network nas4j builds and exports.
   */
  NB201 {
    @Override
    public List<OpSpec> lower(String arch, MacroConfig macro) {
      if (macro == null) {
        return Nb201Ops.lower(arch);
      }
      return NetSpecLowering.lower(NetSpecs.of(new Nb201Space().parse(arch), macro));
    }

    @Override
    public MacroConfig defaultMacro() {
      return MacroConfig.nb201Cifar10();
    }
  },
  /** HW-NAS-Bench FBNet space, CIFAR-100 input (22 op names or indices separated by '-'); fixed macro network. */
  FBNET {
    @Override
    public List<OpSpec> lower(String arch, MacroConfig macro) {
      if (macro != null) {
        throw new InvalidArgumentException("the fbnet space has a fixed macro network; --cells, --channels,"
            + " --input and --classes do not apply to it");
      }
      return FbnetOps.lower(arch);
    }

    @Override
    public MacroConfig defaultMacro() {
      return null;
    }
  },
  /**
   * DARTS cells (genotypes as DARTS prints them, or DARTS_V1, DARTS_V2, NASNet, AmoebaNet) in the DARTS evaluation
   * network, lowered with {@link NetSpecLowering}. Default macro: DARTS CIFAR-10 (N=20, C=36, 3x32x32).
   */
  DARTS {
    @Override
    public List<OpSpec> lower(String arch, MacroConfig macro) {
      MacroConfig m = macro == null ? defaultMacro() : macro;
      return NetSpecLowering.lower(NetSpecs.of(new DartsSpace().parse(arch), m));
    }

    @Override
    public MacroConfig defaultMacro() {
      return MacroConfig.dartsCifar();
    }
  };

  /**
   * The ops a mobile runtime would execute for this architecture in the space's default macro network, in execution
   * order.
   *
   * @throws InvalidArgumentException naming the architecture and what is wrong with it
   */
  public final List<OpSpec> lower(String arch) {
    return lower(arch, null);
  }

  /**
   * Like {@link #lower(String)} in the given macro network ({@code null}: the default; for NB201 a non-null macro
   * selects the NetSpec lowering of the exported network instead of the table lowering).
   *
   * @throws InvalidArgumentException for a bad architecture, or macro settings the network cannot take
   */
  public abstract List<OpSpec> lower(String arch, MacroConfig macro);

  /** The macro network {@link #lower(String)} uses; {@code null} when the space has a fixed network. */
  public abstract MacroConfig defaultMacro();

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
    throw new InvalidArgumentException("unknown space '" + name + "'. Known spaces: nb201, fbnet, darts.");
  }
}
