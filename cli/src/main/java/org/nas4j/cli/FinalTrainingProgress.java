package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nas4j.search.train.TrainedFrontExporter;

/**
 * Progress of the front's final training in training mode: a line per member as it starts, and one progress bar over
 * the members whose final training is long enough to watch (by default the large budget, 48,000 images each); members
 * training at once on several workers add up in that bar. Thread-safe (the workers call it concurrently).
 */
final class FinalTrainingProgress implements TrainedFrontExporter.Progress {
  /** Final trainings with at least this many images are counted in the bar; shorter ones only get their line. */
  static final long BAR_MIN_IMAGES = 5_000;

  private final ProgressRenderer renderer;
  private final PrintWriter err;
  private final boolean quiet;
  /** Images done and in total of every long training, by member index. */
  private final Map<Integer, long[]> longRuns = new TreeMap<>();
  private ProgressBar bar;

  FinalTrainingProgress(ProgressRenderer renderer, PrintWriter err, boolean quiet) {
    this.renderer = renderer;
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public synchronized void stage(int members, long images, String basis) {
    renderer.message(String.format(Locale.ROOT, "final stage: %d front member%s, %,d images each (%s)", members,
        members == 1 ? "" : "s", images, basis));
  }

  @Override
  public synchronized void member(int index, int count, String shortId, long images) {
    if (bar != null) {
      bar.endLine();
    }
    renderer.message(String.format(Locale.ROOT, "final training of member %d/%d (%s, %s)", index + 1, count,
        shortId, images == 0 ? "no more training" : String.format(Locale.ROOT, "%,d images", images)));
    if (images >= BAR_MIN_IMAGES) {
      longRuns.put(index, new long[] {0, images});
    }
  }

  @Override
  public synchronized void images(int index, long done, long total) {
    long[] t = longRuns.get(index);
    if (t == null) {
      return;
    }
    t[0] = done;
    t[1] = total;
    if (bar == null) {
      bar = new ProgressBar(err, quiet, "  final training");
    }
    long sumDone = 0;
    long sumTotal = 0;
    for (long[] v : longRuns.values()) {
      sumDone += v[0];
      sumTotal += v[1];
    }
    bar.update(sumDone, sumTotal, String.format(Locale.ROOT, "%,d/%,d img (%d member%s)", sumDone, sumTotal,
        longRuns.size(), longRuns.size() == 1 ? "" : "s"));
  }
}
