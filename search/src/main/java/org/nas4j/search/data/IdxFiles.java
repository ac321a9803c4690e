package org.nas4j.search.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST ({@code *-images-idx3-ubyte} and {@code *-labels-idx1-ubyte}),
 * gzipped or not (detected from the first bytes).
 */
public final class IdxFiles {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private IdxFiles() {}

  /** Reads a pair of image and label files as a 10-class (or more) dataset. */
  public static LabeledImages read(Path images, Path labels, String name) {
    try (InputStream im = open(images); InputStream lb = open(labels)) {
      return read(im, images.toString(), lb, labels.toString(), name);
    } catch (IOException e) {
      throw new InvalidDatasetException("cannot read " + images + " / " + labels + ": " + e.getMessage(), e);
    }
  }

  /** Reads from streams; {@code imagesName}/{@code labelsName} name them in errors. Closes nothing. */
  public static LabeledImages read(InputStream imageStream, String imagesName, InputStream labelStream,
      String labelsName, String name) throws IOException {
    DataInputStream im = new DataInputStream(new BufferedInputStream(maybeGunzip(imageStream, imagesName)));
    int magic = header(im, imagesName);
    if (magic != IMAGES_MAGIC) {
      throw new InvalidDatasetException(imagesName + ": not an IDX image file (magic number 0x"
          + Integer.toHexString(magic) + ", expected 0x803)");
    }
    int count = header(im, imagesName);
    int rows = header(im, imagesName);
    int cols = header(im, imagesName);
    if (count < 0 || rows < 1 || cols < 1 || rows > 4096 || cols > 4096) {
      throw new InvalidDatasetException(imagesName + ": implausible IDX dimensions " + count + "x" + rows + "x" + cols);
    }
    byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
    readFully(im, pixels, imagesName, count + " images of " + rows + "x" + cols);

    DataInputStream lb = new DataInputStream(new BufferedInputStream(maybeGunzip(labelStream, labelsName)));
    magic = header(lb, labelsName);
    if (magic != LABELS_MAGIC) {
      throw new InvalidDatasetException(labelsName + ": not an IDX label file (magic number 0x"
          + Integer.toHexString(magic) + ", expected 0x801)");
    }
    int labelCount = header(lb, labelsName);
    if (labelCount != count) {
      throw new InvalidDatasetException(labelsName + ": " + labelCount + " labels but " + imagesName + " has "
          + count + " images");
    }
    byte[] raw = new byte[labelCount];
    readFully(lb, raw, labelsName, labelCount + " labels");
    int[] labels = new int[labelCount];
    int classes = 0;
    for (int i = 0; i < labelCount; i++) {
      labels[i] = raw[i] & 0xff;
      classes = Math.max(classes, labels[i] + 1);
    }
    return new LabeledImages(name, pixels, labels, 1, rows, cols, Math.max(classes, 10));
  }

  private static InputStream open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new InvalidDatasetException("dataset file not found: " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidDatasetException("dataset path is not a regular file: " + file);
    }
    return Files.newInputStream(file);
  }

  private static InputStream maybeGunzip(InputStream in, String name) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new GZIPInputStream(b, 1 << 16);
      } catch (ZipException e) {
        throw new InvalidDatasetException(name + ": corrupt gzip data: " + e.getMessage(), e);
      }
    }
    return b;
  }

  private static int header(DataInputStream in, String name) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new InvalidDatasetException(name + ": truncated IDX header", e);
    }
  }

  private static void readFully(DataInputStream in, byte[] dst, String name, String what) throws IOException {
    try {
      in.readFully(dst);
    } catch (EOFException e) {
      throw new InvalidDatasetException(name + ": truncated (header promises " + what + ")", e);
    } catch (ZipException e) {
      throw new InvalidDatasetException(name + ": corrupt gzip data: " + e.getMessage(), e);
    }
  }
}
