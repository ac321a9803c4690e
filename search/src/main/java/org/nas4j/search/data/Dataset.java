package org.nas4j.search.data;

import java.util.SplittableRandom;

/**
 * A dataset with its official training and test parts. The search only ever sees {@link #split} of the training part;
 * the test part is for final reports of chosen models.
 *
 * @param name short name, for example {@code fashion-mnist}
 * @param source where the files came from (a path, or "embedded subset")
 * @param train the training images
 * @param test the test images
 */
public record Dataset(String name, String source, LabeledImages train, LabeledImages test) {

  /** Training data divided into a part to train on and a validation part, both from the training set. */
  public record Split(LabeledImages train, LabeledImages validation) {}

  public Dataset {
    if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
      throw new InvalidDatasetException(name + ": training and test images differ in shape");
    }
  }

  /** Images are {@code channels x height x width}. */
  public int[] imageShape() {
    return new int[] {train.channels(), train.height(), train.width()};
  }

  public int classes() {
    return Math.max(train.classes(), test.classes());
  }

  /**
   * Carves a validation set of {@code validationCount} images out of the training set with a fixed seed: the same
   * seed always gives the same split.
   */
  public Split split(int validationCount, long seed) {
    int n = train.count();
    if (validationCount < 1 || validationCount >= n) {
      throw new IllegalArgumentException("validationCount must be in 1.." + (n - 1) + ", got " + validationCount);
    }
    int[] perm = permutation(n, new SplittableRandom(seed));
    int[] val = java.util.Arrays.copyOfRange(perm, 0, validationCount);
    int[] tr = java.util.Arrays.copyOfRange(perm, validationCount, n);
    java.util.Arrays.sort(val);
    java.util.Arrays.sort(tr);
    return new Split(train.select(tr, name + "-train"), train.select(val, name + "-validation"));
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates), drawn from {@code rng} (which is advanced). */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  /** The default validation size: a fifth of the training set, at most 5,000 images. */
  public int defaultValidationCount() {
    return Math.min(5000, train.count() / 5);
  }
}
