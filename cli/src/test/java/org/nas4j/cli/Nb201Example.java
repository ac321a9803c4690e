package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A valid NB201 arch string for tests, and its ONNX export. */
final class Nb201Example {
  static final String ARCH =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  private Nb201Example() {}

  /** Exports {@link #ARCH} to {@code model} with {@code nas export} and these further options; fails if that fails. */
  static Path export(Path model, String... options) {
    List<String> args =
        new ArrayList<>(List.of("export", "--space", "nb201", "--arch", ARCH, "--out", model.toString()));
    args.addAll(List.of(options));
    CliHarness e = CliHarness.run(args.toArray(String[]::new));
    assertThat(e.code).as(e.err()).isZero();
    return model;
  }
}
