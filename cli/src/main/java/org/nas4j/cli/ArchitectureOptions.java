package org.nas4j.cli;

import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Space;
import org.nas4j.search.space.SearchSpaces;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Mixin naming one architecture and its macro settings: {@code --space --genotype|--arch --cells --channels ...}. */
final class ArchitectureOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--space", paramLabel = "SPACE", description = "Search space: darts or nb201.")
  String space;

  @Option(names = "--genotype", paramLabel = "GENOTYPE",
      description = "DARTS genotype as DARTS prints it (Genotype(normal=[...], normal_concat=[2, 3, 4, 5], ...)) "
          + "or a published one: DARTS_V1, DARTS_V2, NASNet, AmoebaNet. For --space darts.")
  String genotype;

  @Option(names = "--arch", paramLabel = "ARCH",
      description = "NB201 arch string, e.g. '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|...|'. For --space nb201.")
  String arch;

  @Option(names = "--cells", paramLabel = "N",
      description = "darts: total cells; nb201: cells per stage.")
  Integer cells;

  @Option(names = "--channels", paramLabel = "C", description = "Initial channels.")
  Integer channels;

  @Mixin StemOption stem;

  /** Whether any of the options was given. */
  boolean given() {
    return space != null || genotype != null || arch != null || cells != null || channels != null || stem.value != null;
  }

  /** The architecture named by the options; bad combinations are parameter errors, bad texts invalid input. */
  Architecture architecture() {
    if (space == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--space=SPACE'");
    }
    String text;
    if (DartsSpace.NAME.equals(space)) {
      if (arch != null || genotype == null) {
        throw new ParameterException(spec.commandLine(), "--space darts needs --genotype (and no --arch)");
      }
      text = genotype;
    } else if (Nb201Space.NAME.equals(space)) {
      if (genotype != null || arch == null) {
        throw new ParameterException(spec.commandLine(), "--space nb201 needs --arch (and no --genotype)");
      }
      if (stem.value != null) {
        throw new ParameterException(spec.commandLine(), "--stem applies to --space darts only");
      }
      text = arch;
    } else {
      throw new ParameterException(spec.commandLine(), "unknown search space '" + space + "'; known spaces: "
          + String.join(", ", SearchSpaces.NAMES));
    }
    return SearchSpaces.parse(space, text);
  }

  /**
   * The macro settings, with these defaults when the options are absent.
   *
   * @param dartsCells default cells for darts; NB201 defaults to 5 per stage
   * @param dartsChannels default channels for darts; NB201 defaults to 16
   */
  MacroConfig macro(InputShape input, int classes, int dartsCells, int dartsChannels) {
    boolean darts = DartsSpace.NAME.equals(space);
    if (cells != null && cells < 1) {
      throw new ParameterException(spec.commandLine(), "--cells must be >= 1, got " + cells);
    }
    if (channels != null && channels < 1) {
      throw new ParameterException(spec.commandLine(), "--channels must be >= 1, got " + channels);
    }
    MacroConfig nb201 = MacroConfig.nb201Cifar10();
    return new MacroConfig(cells != null ? cells : darts ? dartsCells : nb201.cells(),
        channels != null ? channels : darts ? dartsChannels : nb201.channels(), input, classes, stem.value);
  }
}
