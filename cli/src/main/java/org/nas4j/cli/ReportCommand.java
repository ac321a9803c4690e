package org.nas4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nas4j.search.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin RunDirOption run;

  @Override
  public Integer call() throws IOException {
    Path file = RunReport.write(run.existing(spec));
    spec.commandLine().getOut().println(file);
    return ExitCodes.OK;
  }
}
