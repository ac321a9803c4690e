package org.nas4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options and the list of subcommands (its exit-code list is {@link ExitCodes#helpList}). */
@Command(
    name = "nas",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Multi-objective, hardware-aware neural architecture search for mobile targets.",
    subcommands = {SearchCommand.class, ShowCommand.class, TrainCommand.class, ScaleCommand.class,
      ExportCommand.class,
      ProfileCommand.class, BenchCommand.class, PredictCommand.class, TargetsCommand.class,
      BenchmarkCommand.class,
      TablesCommand.class, ReportCommand.class, CompletionCommand.class, WorkerCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    footer = {"%nExample:%n  nas targets list"})
final class NasCommand implements Runnable {
  @Option(names = {"-x", "--stacktrace"}, scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "More detail on stderr.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress output.")
  boolean quiet;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No ANSI colours.")
  boolean noColor;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}
