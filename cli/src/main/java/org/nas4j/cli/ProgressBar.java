package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Renders progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line at every tenth of the
 * work (so logs stay short). Not thread-safe.
 */
final class ProgressBar {
  private final PrintWriter err;
  private final boolean terminal;
  private final String label;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos;
  private int lastTenth = -1;
  private boolean midLine;

  ProgressBar(PrintWriter err, boolean quiet, String label) {
    this.err = quiet ? null : err;
    this.terminal = System.console() != null;
    this.label = label;
  }

  /** Reports {@code done} of {@code total} units, with a short status text. */
  void update(long done, long total, String status) {
    if (err == null || total <= 0) {
      return;
    }
    double fraction = Math.min(1.0, done / (double) total);
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    String eta = fraction > 0 ? formatSeconds(elapsed / fraction - elapsed) : "?";
    if (terminal) {
      long now = System.nanoTime();
      if (now - lastDrawNanos < 100_000_000L && done < total) {
        return;
      }
      lastDrawNanos = now;
      int width = 30;
      int filled = (int) Math.round(fraction * width);
      err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %s  elapsed %s  ETA %s ", label,
          "#".repeat(filled), ".".repeat(width - filled), 100 * fraction, status, formatSeconds(elapsed), eta));
      midLine = done < total;
      if (!midLine) {
        err.println();
      }
      err.flush();
    } else {
      int tenth = (int) Math.floor(fraction * 10);
      if (tenth != lastTenth) {
        lastTenth = tenth;
        err.println(String.format(Locale.ROOT, "%s %3.0f%% %s  elapsed %s  ETA %s", label, 100 * fraction, status,
            formatSeconds(elapsed), eta));
        err.flush();
      }
    }
  }

  /** Ends a partly drawn bar's line so that a message can follow; the next update draws the bar again. */
  void endLine() {
    if (err != null && midLine) {
      err.println();
      err.flush();
      midLine = false;
    }
  }

  static String formatSeconds(double s) {
    long t = Math.round(s);
    return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
  }
}
