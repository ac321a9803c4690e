package org.nas4j.search.testing;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.LabeledImages;

/** Writes images as uncompressed IDX files, the layout of an {@code mnist:DIR} or {@code fashion-mnist:DIR} dataset. */
public final class IdxFolders {
  private IdxFolders() {}

  /**
   * Writes the first {@code train} training and {@code test} test images of {@code data} as the dataset folder
   * {@code dir}.
   */
  public static void write(Path dir, Dataset data, int train, int test) throws IOException {
    write(dir, "train", data.train(), 0, train);
    write(dir, "t10k", data.test(), 0, test);
  }

  /**
   * Writes images {@code from..from+n-1} of {@code images} as {@code dir/<prefix>-images-idx3-ubyte} and {@code
   * dir/<prefix>-labels-idx1-ubyte} ({@code prefix} {@code train} or {@code t10k}), creating {@code dir}.
   */
  public static void write(Path dir, String prefix, LabeledImages images, int from, int n) throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"))))) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(images.height());
      out.writeInt(images.width());
      for (int i = from; i < from + n; i++) {
        for (int j = 0; j < images.imageSize(); j++) {
          out.writeByte(images.pixel(i, j));
        }
      }
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(
        dir.resolve(prefix + "-labels-idx1-ubyte")))) {
      out.writeInt(0x801);
      out.writeInt(n);
      for (int i = from; i < from + n; i++) {
        out.writeByte(images.label(i));
      }
    }
  }
}
