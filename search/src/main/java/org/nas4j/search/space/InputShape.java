package org.nas4j.search.space;

/**
 * The shape of one input image, channels first (batch size 1 is implied).
 *
 * @param channels image channels, e.g. 1 or 3
 * @param height height in pixels
 * @param width width in pixels
 */
public record InputShape(int channels, int height, int width) {
  /** Validates that all sizes are positive (and not absurdly large). */
  public InputShape {
    if (channels < 1 || height < 1 || width < 1 || channels > 4096 || height > 8192 || width > 8192) {
      throw new InvalidSearchSpaceException("input shape must be positive CxHxW within 4096x8192x8192, got "
          + channels + "x" + height + "x" + width);
    }
  }

  /** Parses {@code CxHxW}, e.g. {@code 3x32x32}. */
  public static InputShape parse(String text) {
    String[] p = text == null ? new String[0] : text.strip().toLowerCase(java.util.Locale.ROOT).split("x", -1);
    if (p.length != 3) {
      throw new InvalidSearchSpaceException("invalid input shape '" + text + "': expected CxHxW, e.g. 3x32x32");
    }
    try {
      return new InputShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    } catch (NumberFormatException e) {
      throw new InvalidSearchSpaceException("invalid input shape '" + text + "': expected CxHxW, e.g. 3x32x32");
    }
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
