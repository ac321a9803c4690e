package org.nas4j.search.space;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operations of DARTS cells, named as in the DARTS code. The first seven are the searchable ones (their
 * ordinal is the genome value); {@code sep_conv_7x7} and {@code conv_7x1_1x7} only occur in the published NASNet and
 * AmoebaNet genotypes.
 */
public enum DartsOp {
  /** Two stacked ReLU, 3x3 depthwise, 1x1 pointwise, BN. */
  SEP_CONV_3X3("sep_conv_3x3", true),
  /** Two stacked ReLU, 5x5 depthwise, 1x1 pointwise, BN. */
  SEP_CONV_5X5("sep_conv_5x5", true),
  /** ReLU, 3x3 depthwise with dilation 2, 1x1 pointwise, BN. */
  DIL_CONV_3X3("dil_conv_3x3", true),
  /** ReLU, 5x5 depthwise with dilation 2, 1x1 pointwise, BN. */
  DIL_CONV_5X5("dil_conv_5x5", true),
  /** 3x3 max pooling, padding 1. */
  MAX_POOL_3X3("max_pool_3x3", true),
  /** 3x3 average pooling, padding 1, padding excluded from the divisor. */
  AVG_POOL_3X3("avg_pool_3x3", true),
  /** Identity, or FactorizedReduce on a stride-2 edge. */
  SKIP_CONNECT("skip_connect", true),
  /** Two stacked ReLU, 7x7 depthwise, 1x1 pointwise, BN (NASNet, AmoebaNet). */
  SEP_CONV_7X7("sep_conv_7x7", false),
  /** ReLU, 1x7 conv, 7x1 conv, BN (AmoebaNet). */
  CONV_7X1_1X7("conv_7x1_1x7", false);

  /** The searchable operations in genome order. */
  public static final List<DartsOp> SEARCHABLE =
      Arrays.stream(values()).filter(o -> o.searchable).collect(Collectors.toUnmodifiableList());

  private final String text;
  private final boolean searchable;

  DartsOp(String text, boolean searchable) {
    this.text = text;
    this.searchable = searchable;
  }

  /** The DARTS name, e.g. {@code sep_conv_3x3}. */
  public String text() {
    return text;
  }

  /** Whether the op belongs to the searchable 7-op set. */
  public boolean searchable() {
    return searchable;
  }

  /** Looks an op up by its DARTS name; {@code null} if unknown. */
  public static DartsOp byText(String name) {
    for (DartsOp op : values()) {
      if (op.text.equals(name)) {
        return op;
      }
    }
    return null;
  }

  /** The known names, comma-separated, for error messages. */
  public static String knownNames() {
    return Arrays.stream(values()).map(DartsOp::text).collect(Collectors.joining(", "));
  }
}
