package org.nas4j.cli;

import picocli.CommandLine.Command;

/**
 * {@code nas benchmark}: developer benchmarks of the DL4J trainer (hidden from the main help). Prints one JSON line
 * per measurement on stdout.
 */
@Command(
    name = "benchmark",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Developer benchmarks of the DL4J proxy trainer: training speed and low-fidelity ranking quality.",
    subcommands = {TrainSpeedCommand.class, FidelityCommand.class, SignalsCommand.class})
final class BenchmarkCommand {}
