package org.nas4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.RunStatus;
import org.nas4j.search.strategy.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nas show DIR}: the status and current front of a finished or running search. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show the status and Pareto front of a search run directory (finished, running or interrupted).",
    footer = {"%nExample:%n  nas show runs/x --json"})
final class ShowCommand implements Callable<Integer> {
  /** Schema of the JSON output. */
  static final String SCHEMA = "nas.show/v1";

  @Spec CommandSpec spec;
  @Mixin OutputFormat format;

  @Mixin RunDirOption run;

  @Override
  public Integer call() throws IOException {
    Path dir = run.existing(spec);
    RunStatus s = RunStatus.read(dir);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("schema", SCHEMA);
      m.put("dir", dir.toString());
      m.put("state", s.state());
      m.put("stopReason", s.stopReason());
      m.put("evaluations", s.evaluations());
      m.put("maxEvaluations", s.maxEvaluations());
      m.put("seed", s.seed());
      m.put("objectives", s.objectives());
      m.put("constraints", s.constraints());
      m.put("hypervolume", Double.isNaN(s.hypervolume()) ? null : s.hypervolume());
      Map<String, ParetoRecord.Member> written = new LinkedHashMap<>();
      if (s.pareto() != null) {
        s.pareto().members().forEach(member -> written.put(member.archId(), member));
      }
      List<Map<String, Object>> members = new ArrayList<>();
      for (Evaluation e : s.front()) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("archId", e.archId());
        mm.put("arch", e.arch());
        mm.put("objectives", e.objectives());
        mm.put("latencySources", e.latencySources());
        ParetoRecord.Member w = written.get(e.archId());
        if (w != null && w.export() != null && w.export().containsKey("fidelity")) {
          // What the final stage made of it: trained (with its accuracies) or a candidate known by its proxy.
          mm.put("fidelity", w.export().get("fidelity"));
          if (w.trained()) {
            mm.put("validationAccuracy", w.finalValidationAccuracy());
            mm.put("testAccuracy", w.testAccuracy());
            mm.put("onTrainedFront", w.export().get("onTrainedFront"));
            mm.put("onnx", w.export().get("onnx"));
          }
        }
        members.add(mm);
      }
      m.put("front", members);
      out.println(RunFiles.PRETTY.writeValueAsString(m));
      return ExitCodes.OK;
    }
    out.printf("run %s: %s%s, %d/%d evaluations, seed %d%s%n", dir, s.state(),
        s.stopReason() == null ? "" : " (" + s.stopReason().toLowerCase() + ")", s.evaluations(),
        s.maxEvaluations(), s.seed(),
        Double.isNaN(s.hypervolume()) ? "" : String.format(", hypervolume %.4f", s.hypervolume()));
    if (s.state().equals("interrupted")) {
      out.println("continue it with: nas search --resume " + dir);
    }
    if (!s.objectives().isEmpty()) {
      FrontTable.print(out, s.objectives(), s.front(), s.pareto());
      FrontTable.printLatencyCaveats(out, s.latencyBands());
    }
    return ExitCodes.OK;
  }
}
