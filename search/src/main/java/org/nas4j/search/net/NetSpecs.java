package org.nas4j.search.net;

import java.util.ArrayList;
import java.util.List;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.DartsCell;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InvalidSearchSpaceException;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Nb201Op;
import org.nas4j.search.space.Stem;

/**
 * Builds the {@link NetSpec} of an architecture, layer for layer as the reference implementations do: DARTS'
 * {@code NetworkCIFAR}/{@code NetworkImageNet} evaluation networks (no auxiliary head, no drop-path) and
 * NAS-Bench-201's {@code TinyNetwork} with inferred cells. Stateless; throws {@link InvalidSearchSpaceException}
 * when the input size does not fit the network (e.g. an odd size reaching a FactorizedReduce).
 */
public final class NetSpecs {
  private NetSpecs() {}

  /** The spec of any supported architecture. */
  public static NetSpec of(Architecture arch, MacroConfig macro) {
    if (arch instanceof DartsGenotype g) {
      return darts(g, macro);
    }
    if (arch instanceof Nb201Arch a) {
      return nb201(a, macro);
    }
    throw new IllegalArgumentException("unsupported architecture type " + arch.getClass().getName());
  }

  // ---------------------------------------------------------------- DARTS

  /**
   * The DARTS evaluation network. CIFAR stem: conv3x3 to 3C + BN. ImageNet stem: stem0 = conv3x3/2 to C/2, BN,
   * ReLU, conv3x3/2 to C, BN; stem1 = ReLU, conv3x3/2, BN. Reduction cells at N/3 and 2N/3 double the channels.
   * The head is global average pooling and a linear layer (DARTS' {@code AvgPool2d(7)} on the 7x7 ImageNet map
   * is the same thing).
   */
  public static NetSpec darts(DartsGenotype g, MacroConfig m) {
    String ctx = "DARTS network for input " + m.input() + " (" + m.describe() + ")";
    NetSpecBuilder b = new NetSpecBuilder(ctx);
    String x = b.input(m.input().channels(), m.input().height(), m.input().width());
    int c = m.channels();
    String s0;
    String s1;
    int cPrevPrev;
    int cPrev;
    boolean reductionPrev;
    if (m.stem() == Stem.CIFAR) {
      String stem = b.bn("stem.bn", b.conv("stem.conv", x, 3 * c, 3, 3, 1, 1, 1, 1, 1, false));
      s0 = stem;
      s1 = stem;
      cPrevPrev = 3 * c;
      cPrev = 3 * c;
      reductionPrev = false;
    } else {
      if (c < 2 || c % 2 != 0) {
        throw new InvalidSearchSpaceException(ctx + ": the ImageNet stem needs an even channel count, got " + c);
      }
      String t = b.conv("stem0.conv1", x, c / 2, 3, 3, 2, 2, 1, 1, 1, false);
      t = b.relu("stem0.relu", b.bn("stem0.bn1", t));
      s0 = b.bn("stem0.bn2", b.conv("stem0.conv2", t, c, 3, 3, 2, 2, 1, 1, 1, false));
      t = b.relu("stem1.relu", s0);
      s1 = b.bn("stem1.bn", b.conv("stem1.conv", t, c, 3, 3, 2, 2, 1, 1, 1, false));
      cPrevPrev = c;
      cPrev = c;
      reductionPrev = true;
    }
    int cCurr = c;
    int n = m.cells();
    for (int i = 0; i < n; i++) {
      boolean reduction = i == n / 3 || i == 2 * n / 3;
      if (reduction) {
        cCurr *= 2;
      }
      DartsCell cell = reduction ? g.reduce() : g.normal();
      String out = dartsCell(b, "cell" + i, cell, s0, s1, cPrevPrev, cPrev, cCurr, reduction, reductionPrev);
      reductionPrev = reduction;
      s0 = s1;
      s1 = out;
      cPrevPrev = cPrev;
      cPrev = cell.multiplier() * cCurr;
    }
    String gap = b.globalAvgPool("gap", s1);
    b.linear("classifier", gap, m.classes());
    return new NetSpec(g, m, b.nodes());
  }

  private static String dartsCell(NetSpecBuilder b, String p, DartsCell cell, String s0, String s1, int cPrevPrev,
      int cPrev, int c, boolean reduction, boolean reductionPrev) {
    String pre0 = reductionPrev
        ? factorizedReduce(b, p + ".pre0", s0, c)
        : reluConvBn(b, p + ".pre0", s0, c, 1, 1, 0);
    String pre1 = reluConvBn(b, p + ".pre1", s1, c, 1, 1, 0);
    List<String> states = new ArrayList<>(List.of(pre0, pre1));
    for (int step = 0; step < cell.steps(); step++) {
      List<String> hs = new ArrayList<>(2);
      for (int j = 0; j < 2; j++) {
        DartsCell.Edge e = cell.edges().get(2 * step + j);
        int stride = reduction && e.input() < 2 ? 2 : 1;
        String ep = p + ".n" + (step + 2) + ".e" + j;
        hs.add(dartsOp(b, ep, e, states.get(e.input()), c, stride));
      }
      states.add(b.addAll(p + ".n" + (step + 2), hs));
    }
    List<String> cat = new ArrayList<>();
    for (int k : cell.concat()) {
      cat.add(states.get(k));
    }
    return b.concat(p + ".out", cat);
  }

  private static String dartsOp(NetSpecBuilder b, String p, DartsCell.Edge e, String x, int c, int stride) {
    return switch (e.op()) {
      case SEP_CONV_3X3 -> sepConv(b, p, x, c, 3, stride);
      case SEP_CONV_5X5 -> sepConv(b, p, x, c, 5, stride);
      case SEP_CONV_7X7 -> sepConv(b, p, x, c, 7, stride);
      case DIL_CONV_3X3 -> dilConv(b, p, x, c, 3, stride, 2, 2);
      case DIL_CONV_5X5 -> dilConv(b, p, x, c, 5, stride, 4, 2);
      case MAX_POOL_3X3 -> b.pool(p + ".maxpool", NodeOp.MAX_POOL, x, 3, stride, 1);
      case AVG_POOL_3X3 -> b.pool(p + ".avgpool", NodeOp.AVG_POOL, x, 3, stride, 1);
      case SKIP_CONNECT -> stride == 1 ? x : factorizedReduce(b, p + ".fr", x, c);
      case CONV_7X1_1X7 -> {
        String t = b.relu(p + ".relu", x);
        t = b.conv(p + ".conv1x7", t, c, 1, 7, 1, stride, 0, 3, 1, false);
        t = b.conv(p + ".conv7x1", t, c, 7, 1, stride, 1, 3, 0, 1, false);
        yield b.bn(p + ".bn", t);
      }
    };
  }

  private static String reluConvBn(NetSpecBuilder b, String p, String x, int cOut, int k, int stride, int pad) {
    String t = b.relu(p + ".relu", x);
    t = b.conv(p + ".conv", t, cOut, k, k, stride, stride, pad, pad, 1, false);
    return b.bn(p + ".bn", t);
  }

  private static String sepConv(NetSpecBuilder b, String p, String x, int c, int k, int stride) {
    int pad = (k - 1) / 2;
    String t = b.relu(p + ".relu1", x);
    t = b.conv(p + ".dw1", t, c, k, k, stride, stride, pad, pad, 1, true);
    t = b.conv(p + ".pw1", t, c, 1, 1, 1, 1, 0, 0, 1, false);
    t = b.bn(p + ".bn1", t);
    t = b.relu(p + ".relu2", t);
    t = b.conv(p + ".dw2", t, c, k, k, 1, 1, pad, pad, 1, true);
    t = b.conv(p + ".pw2", t, c, 1, 1, 1, 1, 0, 0, 1, false);
    return b.bn(p + ".bn2", t);
  }

  private static String dilConv(NetSpecBuilder b, String p, String x, int c, int k, int stride, int pad, int dil) {
    String t = b.relu(p + ".relu", x);
    t = b.conv(p + ".dw", t, c, k, k, stride, stride, pad, pad, dil, true);
    t = b.conv(p + ".pw", t, c, 1, 1, 1, 1, 0, 0, 1, false);
    return b.bn(p + ".bn", t);
  }

  /** ReLU, two 1x1 stride-2 convs (the second on x[:, :, 1:, 1:]) to cOut/2 channels each, concat, BN. */
  private static String factorizedReduce(NetSpecBuilder b, String p, String x, int cOut) {
    org.nas4j.search.net.Shape s = b.shape(x);
    if (s.height() % 2 != 0 || s.width() % 2 != 0) {
      throw new InvalidSearchSpaceException("the input size does not fit this DARTS network: FactorizedReduce " + p
          + " needs an even spatial size but gets " + s.height() + "x" + s.width()
          + " (use an input divisible by 4 with the CIFAR stem, by 32 with the ImageNet stem)");
    }
    if (cOut % 2 != 0) {
      throw new InvalidSearchSpaceException("FactorizedReduce " + p + " needs an even channel count, got " + cOut);
    }
    String r = b.relu(p + ".relu", x);
    String c1 = b.conv(p + ".conv1", r, cOut / 2, 1, 1, 2, 2, 0, 0, 1, false);
    String shifted = b.cropShift(p + ".shift", r);
    String c2 = b.conv(p + ".conv2", shifted, cOut / 2, 1, 1, 2, 2, 0, 0, 1, false);
    String cat = b.concat(p + ".cat", List.of(c1, c2));
    return b.bn(p + ".bn", cat);
  }

  // ---------------------------------------------------------------- NB201

  /**
   * NAS-Bench-201's network: stem conv3x3 to C + BN; three stages of N cells at C, 2C, 4C with a residual
   * reduction block (ResNetBasicblock, stride 2) before stages 2 and 3; lastact BN + ReLU; global average pooling;
   * linear. Cells: node j = sum of op(node i) over the non-{@code none} edges i->j (all-zero when every edge is
   * {@code none}).
   */
  public static NetSpec nb201(Nb201Arch arch, MacroConfig m) {
    String ctx = "NB201 network for input " + m.input() + " (" + m.describe() + ")";
    NetSpecBuilder b = new NetSpecBuilder(ctx);
    String x = b.input(m.input().channels(), m.input().height(), m.input().width());
    int c = m.channels();
    x = b.bn("stem.bn", b.conv("stem.conv", x, c, 3, 3, 1, 1, 1, 1, 1, false));
    int cPrev = c;
    int cellIndex = 0;
    for (int stage = 0; stage < 3; stage++) {
      int cStage = c << stage;
      if (stage > 0) {
        x = resBlock(b, "res" + stage, x, cPrev, cStage);
        cellIndex++;
      }
      for (int i = 0; i < m.cells(); i++) {
        x = nb201Cell(b, "cell" + cellIndex, arch, x, cStage);
        cellIndex++;
      }
      cPrev = cStage;
    }
    x = b.relu("lastact.relu", b.bn("lastact.bn", x));
    b.linear("classifier", b.globalAvgPool("gap", x), m.classes());
    return new NetSpec(arch, m, b.nodes());
  }

  private static String nb201Cell(NetSpecBuilder b, String p, Nb201Arch arch, String x, int c) {
    String[] nodes = new String[4];
    nodes[0] = x;
    for (int j = 1; j <= 3; j++) {
      List<String> terms = new ArrayList<>();
      for (int i = 0; i < j; i++) {
        Nb201Op op = arch.ops().get(Nb201Arch.edgeIndex(i, j));
        String ep = p + ".e" + i + j;
        switch (op) {
          case NONE -> { }
          case SKIP_CONNECT -> terms.add(nodes[i]);
          case NOR_CONV_1X1 -> terms.add(reluConvBn(b, ep, nodes[i], c, 1, 1, 0));
          case NOR_CONV_3X3 -> terms.add(reluConvBn(b, ep, nodes[i], c, 3, 1, 1));
          case AVG_POOL_3X3 -> terms.add(b.pool(ep + ".avgpool", NodeOp.AVG_POOL, nodes[i], 3, 1, 1));
          default -> throw new IllegalStateException("unhandled op " + op);
        }
      }
      nodes[j] = terms.isEmpty() ? b.zero(p + ".n" + j + ".zero", x) : b.addAll(p + ".n" + j, terms);
    }
    return nodes[3];
  }

  /** ResNetBasicblock(stride 2): ReLUConvBN 3x3/2, ReLUConvBN 3x3; shortcut AvgPool 2x2/2 + conv1x1 (no BN). */
  private static String resBlock(NetSpecBuilder b, String p, String x, int cIn, int cOut) {
    String a = reluConvBn(b, p + ".a", x, cOut, 3, 2, 1);
    String bb = reluConvBn(b, p + ".b", a, cOut, 3, 1, 1);
    String d = b.pool(p + ".down.avgpool", NodeOp.AVG_POOL, x, 2, 2, 0);
    d = b.conv(p + ".down.conv", d, cOut, 1, 1, 1, 1, 0, 0, 1, false);
    return b.addAll(p + ".add", List.of(d, bb));
  }
}
