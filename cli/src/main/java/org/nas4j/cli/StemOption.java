package org.nas4j.cli;

import org.nas4j.search.space.Stem;
import picocli.CommandLine.Option;

/** Mixin for {@code --stem}, the DARTS stem, in {@link ArchitectureOptions} and {@link MacroOptions}. */
final class StemOption {
  @Option(names = "--stem", paramLabel = "STEM",
      description = "DARTS stem: cifar or imagenet (default: imagenet for inputs of 112 px or more, else cifar).")
  Stem value;
}
