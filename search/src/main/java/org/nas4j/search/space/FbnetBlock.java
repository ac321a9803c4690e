package org.nas4j.search.space;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The nine FBNet block choices of HW-NAS-Bench, in its order (the ordinal is the gene value and the index in the
 * table's {@code op_idx_list}). A block {@code kK_eE[_gG]} is a 1x1 conv (groups G) expanding to E times the input
 * channels, a depthwise KxK conv and a 1x1 conv (groups G) back; {@code skip} is the identity (a strided or widening
 * 1x1 conv where the shape changes).
 */
public enum FbnetBlock {
  K3_E1("k3_e1", 3, 1, 1),
  K3_E1_G2("k3_e1_g2", 3, 1, 2),
  K3_E3("k3_e3", 3, 3, 1),
  K3_E6("k3_e6", 3, 6, 1),
  K5_E1("k5_e1", 5, 1, 1),
  K5_E1_G2("k5_e1_g2", 5, 1, 2),
  K5_E3("k5_e3", 5, 3, 1),
  K5_E6("k5_e6", 5, 6, 1),
  SKIP("skip", 1, 1, 1);

  private final String text;
  private final int kernelSize;
  private final int expansion;
  private final int groups;

  FbnetBlock(String text, int kernelSize, int expansion, int groups) {
    this.text = text;
    this.kernelSize = kernelSize;
    this.expansion = expansion;
    this.groups = groups;
  }

  /** The HW-NAS-Bench name, e.g. {@code k5_e6}. */
  public String text() {
    return text;
  }

  /** The depthwise kernel size (1 for {@link #SKIP}). */
  public int kernelSize() {
    return kernelSize;
  }

  /** The expansion ratio of the first 1x1 conv (1 for {@link #SKIP}). */
  public int expansion() {
    return expansion;
  }

  /** The groups of both 1x1 convs (1 or 2; a channel shuffle follows the first when 2). */
  public int groups() {
    return groups;
  }

  /** Looks a block up by its name; {@code null} if unknown. */
  public static FbnetBlock byText(String name) {
    for (FbnetBlock b : values()) {
      if (b.text.equals(name)) {
        return b;
      }
    }
    return null;
  }

  /** The known names, comma-separated, for error messages. */
  public static String knownNames() {
    return Arrays.stream(values()).map(FbnetBlock::text).collect(Collectors.joining(", "));
  }
}
