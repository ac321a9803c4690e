package org.nas4j.search.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Images and their labels, held in memory: {@code pixels} is uint8 in NCHW order ({@code count x channels x height x
 * width}), {@code labels[i]} is in {@code 0..classes-1}. Immutable by convention: the arrays are never modified after
 * construction and never handed out.
 */
public final class LabeledImages {
  private final String name;
  private final byte[] pixels;
  private final int[] labels;
  private final int channels;
  private final int height;
  private final int width;
  private final int classes;

  /** Wraps the arrays (not copied); checks that their sizes agree. */
  public LabeledImages(String name, byte[] pixels, int[] labels, int channels, int height, int width, int classes) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
    if ((long) labels.length * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + pixels.length
          + " pixel bytes for " + channels + "x" + height + "x" + width + " images");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " is not in 0.."
            + (classes - 1));
      }
    }
    this.name = name;
    this.pixels = pixels;
    this.labels = labels;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.classes = classes;
  }

  public String name() {
    return name;
  }

  public int count() {
    return labels.length;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int classes() {
    return classes;
  }

  /** Bytes per image. */
  public int imageSize() {
    return channels * height * width;
  }

  public int label(int i) {
    return labels[i];
  }

  /** Pixel {@code j} (0..imageSize-1) of image {@code i} as 0..255. */
  public int pixel(int i, int j) {
    return pixels[i * imageSize() + j] & 0xff;
  }

  /** Copies image {@code i}'s pixels, scaled to [0, 1], into {@code dst} at {@code offset}. */
  public void copyScaled(int i, float[] dst, int offset) {
    int size = imageSize();
    int base = i * size;
    for (int j = 0; j < size; j++) {
      dst[offset + j] = (pixels[base + j] & 0xff) * (1f / 255f);
    }
  }

  /** The images at these indices, in this order. */
  public LabeledImages select(int[] indices, String newName) {
    int size = imageSize();
    byte[] p = new byte[indices.length * size];
    int[] l = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * size, p, k * size, size);
      l[k] = labels[indices[k]];
    }
    return new LabeledImages(newName, p, l, channels, height, width, classes);
  }

  /** Concatenates parts with equal shapes and class counts. */
  public static LabeledImages concat(String name, java.util.List<LabeledImages> parts) {
    LabeledImages first = parts.get(0);
    int n = parts.stream().mapToInt(LabeledImages::count).sum();
    byte[] p = new byte[n * first.imageSize()];
    int[] l = new int[n];
    int at = 0;
    for (LabeledImages part : parts) {
      if (part.channels != first.channels || part.height != first.height || part.width != first.width) {
        throw new IllegalArgumentException(part.name + " has images of another shape than " + first.name);
      }
      System.arraycopy(part.pixels, 0, p, at * first.imageSize(), part.pixels.length);
      System.arraycopy(part.labels, 0, l, at, part.count());
      at += part.count();
    }
    int classes = parts.stream().mapToInt(LabeledImages::classes).max().orElse(first.classes);
    return new LabeledImages(name, p, l, first.channels, first.height, first.width, classes);
  }

  /** SHA-256 (hex) over shape, labels and pixels: the dataset's identity in provenance. */
  public String sha256() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((channels + "x" + height + "x" + width + "/" + classes + "/").getBytes(
          java.nio.charset.StandardCharsets.US_ASCII));
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(labels.length * 4);
      for (int label : labels) {
        b.putInt(label);
      }
      md.update(b.array());
      md.update(pixels);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
