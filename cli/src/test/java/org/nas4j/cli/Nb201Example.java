package org.nas4j.cli;

/** A valid NB201 arch string for tests. */
final class Nb201Example {
  static final String ARCH =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  private Nb201Example() {}
}
