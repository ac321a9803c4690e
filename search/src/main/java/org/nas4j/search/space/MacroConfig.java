package org.nas4j.search.space;

/**
 * The macro-network settings that turn a cell architecture into a network.
 *
 * <p>For {@code darts}: {@code cells} is the total number of cells N (reductions at N/3 and 2N/3) and
 * {@code channels} the initial channels C. For {@code nb201}: {@code cells} is the number of cells per stage (N=5 in
 * NAS-Bench-201) and {@code channels} the first stage's width (C=16). {@code stem} only matters for DARTS.
 *
 * @param cells cells N (see above)
 * @param channels initial channels C
 * @param input input image shape
 * @param classes number of classes of the linear classifier
 * @param stem the DARTS stem
 */
public record MacroConfig(int cells, int channels, InputShape input, int classes, Stem stem) {
  /** Validates the ranges; the message names the field and value. */
  public MacroConfig {
    if (cells < 1 || cells > 200) {
      throw new InvalidSearchSpaceException("cells must be in 1..200, got " + cells);
    }
    if (channels < 1 || channels > 4096) {
      throw new InvalidSearchSpaceException("channels must be in 1..4096, got " + channels);
    }
    if (input == null) {
      throw new InvalidSearchSpaceException("input shape is required");
    }
    if (classes < 1 || classes > 1_000_000) {
      throw new InvalidSearchSpaceException("classes must be in 1..1000000, got " + classes);
    }
    if (stem == null) {
      stem = Stem.auto(input);
    }
  }

  /** The DARTS CIFAR-10 evaluation setting: N=20, C=36, 3x32x32, 10 classes. */
  public static MacroConfig dartsCifar() {
    return new MacroConfig(20, 36, new InputShape(3, 32, 32), 10, Stem.CIFAR);
  }

  /** The DARTS ImageNet mobile setting: N=14, C=48, 3x224x224, 1000 classes. */
  public static MacroConfig dartsImageNet() {
    return new MacroConfig(14, 48, new InputShape(3, 224, 224), 1000, Stem.IMAGENET);
  }

  /** The NAS-Bench-201 CIFAR-10 setting: N=5 cells per stage, C=16, 3x32x32, 10 classes. */
  public static MacroConfig nb201Cifar10() {
    return new MacroConfig(5, 16, new InputShape(3, 32, 32), 10, Stem.CIFAR);
  }

  /** A one-line summary, e.g. {@code cells=20 channels=36 input=3x32x32 classes=10 stem=cifar}. */
  public String describe() {
    return "cells=" + cells + " channels=" + channels + " input=" + input + " classes=" + classes + " stem="
        + stem.name().toLowerCase(java.util.Locale.ROOT);
  }
}
