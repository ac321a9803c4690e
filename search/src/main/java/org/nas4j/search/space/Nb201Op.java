package org.nas4j.search.space;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The NAS-Bench-201 edge operations, in NAS-Bench-201's order (the ordinal is the genome value). */
public enum Nb201Op {
  /** Zero: the edge is absent. */
  NONE("none"),
  /** Identity. */
  SKIP_CONNECT("skip_connect"),
  /** ReLU, 1x1 conv, BN. */
  NOR_CONV_1X1("nor_conv_1x1"),
  /** ReLU, 3x3 conv, BN. */
  NOR_CONV_3X3("nor_conv_3x3"),
  /** 3x3 average pooling, stride 1, padding 1, padding excluded from the divisor. */
  AVG_POOL_3X3("avg_pool_3x3");

  private final String text;

  Nb201Op(String text) {
    this.text = text;
  }

  /** The NB201 name, e.g. {@code nor_conv_3x3}. */
  public String text() {
    return text;
  }

  /** Looks an op up by its NB201 name; {@code null} if unknown. */
  public static Nb201Op byText(String name) {
    for (Nb201Op op : values()) {
      if (op.text.equals(name)) {
        return op;
      }
    }
    return null;
  }

  /** The known names, comma-separated, for error messages. */
  public static String knownNames() {
    return Arrays.stream(values()).map(Nb201Op::text).collect(Collectors.joining(", "));
  }
}
