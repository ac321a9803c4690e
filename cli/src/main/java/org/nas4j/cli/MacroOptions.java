package org.nas4j.cli;

import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mixin for the macro-network options {@code --cells --channels --input --classes --stem} (darts, nb201). */
final class MacroOptions {
  @Option(names = "--cells", paramLabel = "N",
      description = "darts: total cells (default 20); nb201: cells per stage (default 5).")
  Integer cells;

  @Option(names = "--channels", paramLabel = "C", description = "Initial channels (default: darts 36, nb201 16).")
  Integer channels;

  @Option(names = "--input", paramLabel = "CxHxW", description = "Input image shape (default: 3x32x32).")
  String input;

  @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: 10).")
  Integer classes;

  @Mixin StemOption stem;

  /** Whether any macro option was given. */
  boolean given() {
    return cells != null || channels != null || input != null || classes != null || stem.value != null;
  }

  /**
   * The macro network for a space: the defaults of the space overridden by the given options, or {@code null} when
   * nothing was given and {@code nullIfDefault} is set (for nb201: the table lowering's fixed skeleton).
   */
  MacroConfig resolve(String space, boolean nullIfDefault) {
    if (!given() && nullIfDefault) {
      return null;
    }
    return over(DartsSpace.NAME.equals(space) ? MacroConfig.dartsCifar() : MacroConfig.nb201Cifar10());
  }

  /** The given options over these defaults; the stem is {@code --stem} or chosen from the input size. */
  MacroConfig over(MacroConfig defaults) {
    return new MacroConfig(cells != null ? cells : defaults.cells(), channels != null ? channels : defaults.channels(),
        input != null ? InputShape.parse(input) : defaults.input(), classes != null ? classes : defaults.classes(),
        stem.value);
  }
}
