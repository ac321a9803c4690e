package org.nas4j.search.net;

/**
 * The shape of one activation for batch size 1: channels, height, width. A flat feature vector has height and
 * width 1 and {@code flat} set.
 *
 * @param channels channels (or features)
 * @param height height in pixels
 * @param width width in pixels
 * @param flat whether this is a 2-D {@code [batch, features]} tensor rather than NCHW
 */
public record Shape(int channels, int height, int width, boolean flat) {
  /** Validates positivity. */
  public Shape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("shape must be positive, got " + channels + "x" + height + "x" + width);
    }
  }

  /** An NCHW image shape. */
  public static Shape image(int channels, int height, int width) {
    return new Shape(channels, height, width, false);
  }

  /** Elements per example. */
  public long elements() {
    return (long) channels * height * width;
  }

  @Override
  public String toString() {
    return flat ? Integer.toString(channels) : channels + "x" + height + "x" + width;
  }
}
