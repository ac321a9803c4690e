package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code nas train}'s bad input: exit 2 and one line naming the problem, before any training. */
class TrainCommandTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--threads 0                     | --threads must be in 1..128 (the batch size), got 0",
      "--threads 9 --batch-size 8      | --threads must be in 1..8 (the batch size), got 9",
      "--epochs 0                      | --epochs must be >= 1, got 0",
      "--dataset cifar10:/nonexistent  | /nonexistent",
  })
  void badOptionsAreOneLineExitTwo(String options, String message) {
    String[] args = ("train --space darts --genotype DARTS_V2 --cells 2 --channels 4 " + options.strip()).split(" ");
    CliHarness h = CliHarness.run(args);
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains(message);
    assertThat(h.err().lines().filter(l -> !l.isBlank() && !l.startsWith("Try ")).count()).isEqualTo(1);
  }
}
