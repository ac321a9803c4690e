package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.nas4j.search.train.TrainedFrontExporter;

/**
 * Progress of the front's final training in training mode: a line per member, and a progress bar for a member whose
 * final training is long enough to watch (the most accurate member's, by default 24,000 images). Not thread-safe.
 */
final class FinalTrainingProgress implements TrainedFrontExporter.Progress {
  /** Final trainings with at least this many images get a progress bar; shorter ones only their line. */
  static final long BAR_MIN_IMAGES = 5_000;

  private final ProgressRenderer renderer;
  private final PrintWriter err;
  private final boolean quiet;
  private String label;
  private ProgressBar bar;

  FinalTrainingProgress(ProgressRenderer renderer, PrintWriter err, boolean quiet) {
    this.renderer = renderer;
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public void member(int index, int count, String shortId) {
    renderer.message(String.format(Locale.ROOT, "final training of front member %d/%d (%s)", index + 1, count,
        shortId));
    label = "  " + shortId;
    bar = null;
  }

  @Override
  public void images(long done, long total) {
    if (total < BAR_MIN_IMAGES) {
      return;
    }
    if (bar == null) {
      bar = new ProgressBar(err, quiet, label);
    }
    bar.update(done, total, String.format(Locale.ROOT, "%,d/%,d img", done, total));
  }
}
