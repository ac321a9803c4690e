package org.nas4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.scale.ScaleJob;
import org.nas4j.search.scale.ScaledConfig;
import org.nas4j.search.scale.ScaledModel;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code nas scale} prints: the plan table, and each model's training progress and result. */
final class ScaleText {
  private ScaleText() {}

  /** Progress on stderr (a header and a bar per model, unless quiet), the result line on stdout. */
  static ScaleJob.Listener listener(CommandSpec spec, PrintWriter out, Path dir) {
    PrintWriter err = spec.commandLine().getErr();
    boolean quiet = spec.root().userObject() instanceof NasCommand root && root.quiet;
    ProgressBar[] bar = new ProgressBar[1];
    return new ScaleJob.Listener() {
      @Override
      public void starting(ScaledModel m, Path folder, Dataset data, Dataset.Split split) {
        if (!quiet) {
          err.printf(Locale.ROOT, "training %s (%s %s, N=%d C=%d %s) on %s: %,d training / %,d validation images, "
                  + "epochs %d..%d of %d, %s; checkpoints in %s%n", m.name(), m.space(), m.archId().substring(0, 12),
              m.macro().cells(), m.macro().channels(), m.macro().input(), data.source(), split.train().count(),
              split.validation().count(), m.epochsDone() + 1, m.training().epochs(), m.training().epochs(),
              ThreadsOption.describe(m.training().threads()), folder);
        }
        bar[0] = new ProgressBar(err, quiet, m.name());
      }

      @Override
      public void update(long done, long total, double loss) {
        bar[0].update(done, total, String.format(Locale.ROOT, "%,d/%,d img  loss %.3f", done, total, loss));
      }

      @Override
      public void finished(ScaledModel done) {
        out.printf(Locale.ROOT, "%s: validation accuracy %.4f, test accuracy %.4f after %d epoch(s), %.1f s; "
                + "export it with: nas export %s --scaled %s --out %s.onnx%n", done.name(), done.validationAccuracy(),
            done.testAccuracy(), done.epochsDone(), done.seconds(), dir, done.name(), done.name());
      }
    };
  }

  static void printTable(PrintWriter out, List<String> names, List<ScaledConfig> plans, List<String> targetIds) {
    int w = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %3s  %4s  %-10s  %9s  %8s",
        "model", "N", "C", "resolution", "MACs", "params"));
    for (String t : targetIds) {
      head.append(String.format(Locale.ROOT, "  %14s", "ms " + t));
    }
    out.println(head.append("  latency source"));
    for (int i = 0; i < plans.size(); i++) {
      ScaledConfig c = plans.get(i);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %3d  %4d  %-10s  %8.1fM  %7.3fM",
          names.get(i), c.cells(), c.channels(), c.input().height() + "x" + c.input().width(), c.macs() / 1e6,
          c.params() / 1e6));
      List<String> sources = new ArrayList<>();
      for (String t : targetIds) {
        Double ms = c.latencyMs().get(t);
        row.append(String.format(Locale.ROOT, "  %14s", ms == null ? "-" : String.format(Locale.ROOT, "%.3f", ms)));
        sources.add(c.latencySources().getOrDefault(t, "?"));
      }
      out.println(row.append("  ").append(String.join(", ", sources)));
    }
  }
}
