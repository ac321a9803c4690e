package org.nas4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import org.nas4j.search.run.ProgressEvent;
import org.nas4j.search.run.ProgressListener;

/**
 * Renders search progress on stderr: a carriage-return progress bar on a terminal, else one plain line per
 * generation; nothing with --quiet.
 */
final class ProgressRenderer implements ProgressListener {
  private final PrintWriter err;
  private final boolean bar;
  private final boolean quiet;
  private boolean drawn;
  private java.util.function.Supplier<String> status = () -> null;

  ProgressRenderer(PrintWriter err, boolean bar, boolean quiet) {
    this.err = err;
    this.bar = bar;
    this.quiet = quiet;
  }

  /** Appends {@code status}'s text (e.g. a cluster's workers and tasks in flight) to every progress line. */
  void status(java.util.function.Supplier<String> status) {
    this.status = status;
  }

  @Override
  public void generation(ProgressEvent e) {
    if (quiet) {
      return;
    }
    String best = Double.isNaN(e.bestError()) ? "-" : String.format("%.2f%%", 100 * (1 - e.bestError()));
    String fastest = Double.isNaN(e.fastestLatencyMs()) ? "-" : String.format("%.3f ms", e.fastestLatencyMs());
    String stats = String.format("gen %d  evals %d/%d  elapsed %s  eta %s  best acc %s  fastest %s%s",
        e.generation(), e.evaluations(), e.maxEvaluations(), format(e.elapsed()),
        e.eta() == null ? "-" : format(e.eta()), best, fastest, e.replaying() ? "  (replayed)" : "");
    String more = status.get();
    stats = more == null ? stats : stats + "  " + more;
    if (bar) {
      int width = 24;
      int filled = (int) Math.round(width * Math.min(1.0, e.evaluations() / (double) e.maxEvaluations()));
      err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + stats + "\u001b[K");
      err.flush();
      drawn = true;
    } else {
      err.println("nas: " + stats);
    }
  }

  /** A one-line message between progress updates (ends a drawn bar first). */
  void message(String text) {
    if (quiet) {
      return;
    }
    done();
    err.println("nas: " + text);
    err.flush();
  }

  void done() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%.1fs", d.toMillis() / 1000.0);
  }
}
