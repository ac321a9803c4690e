package org.nas4j.search.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary version: {@code data_batch_1.bin} ... {@code data_batch_5.bin} and {@code test_batch.bin},
 * each a sequence of records of one label byte and 3x32x32 pixel bytes (red, green, blue planes).
 */
public final class Cifar10Files {
  private static final int IMAGE = 3 * 32 * 32;
  private static final int RECORD = 1 + IMAGE;

  private Cifar10Files() {}

  /** The five training batches concatenated, in order. */
  public static LabeledImages readTrain(Path dir) {
    List<LabeledImages> parts = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      parts.add(readBatch(dir.resolve("data_batch_" + i + ".bin")));
    }
    return LabeledImages.concat("cifar10-train", parts);
  }

  public static LabeledImages readTest(Path dir) {
    return readBatch(dir.resolve("test_batch.bin"));
  }

  /** One batch file. */
  public static LabeledImages readBatch(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDatasetException("CIFAR-10 batch not found: " + file
          + " (expected the binary version: data_batch_1.bin ... data_batch_5.bin, test_batch.bin)");
    }
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidDatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (all.length == 0 || all.length % RECORD != 0) {
      throw new InvalidDatasetException(file + ": size " + all.length + " is not a multiple of the "
          + RECORD + "-byte CIFAR-10 record (truncated or not a CIFAR-10 binary batch)");
    }
    int n = all.length / RECORD;
    byte[] pixels = new byte[n * IMAGE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int label = all[i * RECORD] & 0xff;
      if (label > 9) {
        throw new InvalidDatasetException(file + ": record " + i + " has label " + label
            + " (CIFAR-10 labels are 0..9; is this CIFAR-100?)");
      }
      labels[i] = label;
      System.arraycopy(all, i * RECORD + 1, pixels, i * IMAGE, IMAGE);
    }
    return new LabeledImages(file.getFileName().toString(), pixels, labels, 3, 32, 32, 10);
  }
}
