package org.nas4j.search.net;

import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.InvalidSearchSpaceException;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;

/**
 * The reference networks of the training-speed benchmark ({@code nas benchmark train-speed}), mirrored layer for
 * layer by {@code benchmarks/train_speed_torch.py}. Names have the form {@code KIND-HxWxC}:
 * <ul>
 *   <li>{@code plain}: conv3x3-BN-ReLU blocks 16, 32/2, 64/2, 64, global average pooling, linear to 10;
 *   <li>{@code dwsep}: conv3x3-BN-ReLU to 16, then depthwise 3x3 + 1x1 + BN + ReLU blocks 32/2, 64/2, 64, 128,
 *       global average pooling, linear to 10;
 *   <li>{@code darts_v2} and {@code darts_nodil}: the DARTS evaluation network (CIFAR stem) with 8 cells at C=16 of
 *       DARTS_V2 and of {@link #DARTS_NO_DIL} (DARTS_V2 with every {@code dil_conv} replaced by the {@code sep_conv}
 *       of the same kernel size).
 * </ul>
 * Stateless.
 */
public final class ReferenceNets {
  /** DARTS_V2 with {@code dil_conv_3x3}/{@code dil_conv_5x5} replaced by {@code sep_conv_3x3}/{@code sep_conv_5x5}. */
  public static final DartsGenotype DARTS_NO_DIL = DartsGenotype.parse(DartsGenotype.DARTS_V2.toString()
      .replace("dil_conv_3x3", "sep_conv_3x3").replace("dil_conv_5x5", "sep_conv_5x5"));

  /** The default benchmark networks. */
  public static final String DEFAULT_NAMES = "plain-28x28x1,dwsep-28x28x1,plain-32x32x3,dwsep-32x32x3,"
      + "darts_v2-28x28x1,darts_nodil-28x28x1";

  private ReferenceNets() {}

  /**
   * The spec of a reference network by name.
   *
   * @throws InvalidSearchSpaceException for an unknown name or shape
   */
  public static NetSpec of(String name) {
    String[] parts = name.split("-");
    if (parts.length != 2) {
      throw new InvalidSearchSpaceException("reference network must look like KIND-HxWxC, got '" + name + "'");
    }
    String[] dims = parts[1].split("x");
    InputShape in;
    try {
      if (dims.length != 3) {
        throw new NumberFormatException();
      }
      in = new InputShape(Integer.parseInt(dims[2]), Integer.parseInt(dims[0]), Integer.parseInt(dims[1]));
    } catch (NumberFormatException e) {
      throw new InvalidSearchSpaceException("reference network shape must be HxWxC, got '" + parts[1] + "'");
    }
    MacroConfig macro = new MacroConfig(8, 16, in, 10, Stem.CIFAR);
    return switch (parts[0]) {
      case "plain" -> simple(name, macro, false);
      case "dwsep" -> simple(name, macro, true);
      case "darts_v2" -> NetSpecs.darts(DartsGenotype.DARTS_V2, macro);
      case "darts_nodil" -> NetSpecs.darts(DARTS_NO_DIL, macro);
      default -> throw new InvalidSearchSpaceException("unknown reference network kind '" + parts[0]
          + "' (plain, dwsep, darts_v2, darts_nodil)");
    };
  }

  private static NetSpec simple(String name, MacroConfig m, boolean dwsep) {
    NetSpecBuilder b = new NetSpecBuilder("reference network " + name);
    String x = b.input(m.input().channels(), m.input().height(), m.input().width());
    x = convBnRelu(b, "b0", x, 16, 1);
    if (dwsep) {
      x = dwPw(b, "b1", x, 32, 2);
      x = dwPw(b, "b2", x, 64, 2);
      x = dwPw(b, "b3", x, 64, 1);
      x = dwPw(b, "b4", x, 128, 1);
    } else {
      x = convBnRelu(b, "b1", x, 32, 2);
      x = convBnRelu(b, "b2", x, 64, 2);
      x = convBnRelu(b, "b3", x, 64, 1);
    }
    x = b.globalAvgPool("gap", x);
    b.linear("classifier", x, m.classes());
    return new NetSpec(null, m, b.nodes());
  }

  private static String convBnRelu(NetSpecBuilder b, String p, String x, int c, int stride) {
    x = b.conv(p + ".conv", x, c, 3, 3, stride, stride, 1, 1, 1, false);
    return b.relu(p + ".relu", b.bn(p + ".bn", x));
  }

  private static String dwPw(NetSpecBuilder b, String p, String x, int c, int stride) {
    int cin = b.shape(x).channels();
    x = b.conv(p + ".dw", x, cin, 3, 3, stride, stride, 1, 1, 1, true);
    x = b.conv(p + ".pw", x, c, 1, 1, 1, 1, 0, 0, 1, false);
    return b.relu(p + ".relu", b.bn(p + ".bn", x));
  }
}
