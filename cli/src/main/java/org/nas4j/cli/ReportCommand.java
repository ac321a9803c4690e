package org.nas4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nas4j.search.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nas report DIR}: writes DIR/report.html for a finished, running or killed search. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write DIR/report.html: one self-contained page (opens offline) with the front as an interactive"
        + " chart, the members with accuracies, latencies and their error bands, MACs, params and ONNX links,"
        + " drawings of their cells, convergence, settings and provenance.",
        "Works on a finished, running or killed run; 'nas search' writes it too, after each generation and at the"
        + " end."},
    footer = {"%nExample:%n  nas report runs/x"})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A run directory written by 'nas search'.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "DIR " + dir + ": no such directory");
    }
    Path file = RunReport.write(dir);
    spec.commandLine().getOut().println(file);
    return ExitCodes.OK;
  }
}
