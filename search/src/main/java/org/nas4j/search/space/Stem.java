package org.nas4j.search.space;

/** The DARTS macro-network stem. */
public enum Stem {
  /** One 3x3 conv to 3C channels + BN, full resolution (NetworkCIFAR). */
  CIFAR,
  /** Three stride-2 3x3 convs in two stems, the first cell sees 1/8 resolution (NetworkImageNet). */
  IMAGENET;

  /** Inputs at least this many pixels high and wide get the ImageNet stem when none is chosen. */
  public static final int IMAGENET_MIN_PIXELS = 112;

  /** The stem chosen automatically for an input: ImageNet from 112 px up, CIFAR below. */
  public static Stem auto(InputShape input) {
    return Math.min(input.height(), input.width()) >= IMAGENET_MIN_PIXELS ? IMAGENET : CIFAR;
  }
}
