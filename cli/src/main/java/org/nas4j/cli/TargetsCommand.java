package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nas targets list | show ID}. Never loads ONNX Runtime or ND4J. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = "List and show hardware target profiles.",
    subcommands = {TargetsCommand.ListTargets.class, TargetsCommand.Show.class},
    footer = {"%nExample:%n  nas targets show pixel"})
final class TargetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or show");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in targets.",
      footer = {"%nExample:%n  nas targets list --format json"})
  static final class ListTargets implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OutputFormat format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      java.util.List<TargetProfile> all = TargetRegistry.builtIns();
      if (format.json()) {
        StringBuilder sb = new StringBuilder("[");
        for (TargetProfile p : all) {
          sb.append(sb.length() > 1 ? ",\n" : "\n").append(TargetRegistry.toJson(p));
        }
        out.println(sb.append("\n]"));
        return ExitCodes.OK;
      }
      out.printf("%-8s %-8s %-12s %-5s %s%n", "ID", "DEVICE", "MEASURE", "EP", "DESCRIPTION");
      for (TargetProfile p : all) {
        out.printf("%-8s %-8s %-12s %-5s %s%n", p.id(), p.device(), p.measure(), p.executionProvider(),
            p.description());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one target profile as JSON.",
      footer = {"%nExample:%n  nas targets show host"})
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Target id (see 'nas targets list').")
    String id;

    @Override
    public Integer call() {
      TargetProfile p = TargetRegistry.builtIn(id);
      PrintWriter out = spec.commandLine().getOut();
      out.println(TargetRegistry.toJson(p));
      return ExitCodes.OK;
    }
  }
}
