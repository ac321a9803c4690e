package org.nas4j.search.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.nas4j.search.run.ProgressEvent;
import org.nas4j.search.run.ProgressListener;
import org.nas4j.search.run.SearchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProgressListener} that passes every call on to another one and keeps {@code report.html} in the run
 * directory current: written when the search starts, after a generation (at most every {@link #MIN_INTERVAL_NANOS}
 * apart, so that a fast tabular search does not spend its time on reports), and at the end. Called on the search
 * thread only.
 *
 * <p>A report that cannot be written must not stop a search that may have run for hours: the failure is logged as a
 * warning (once per kind of message) and the search goes on; {@code nas report DIR} writes it later.
 */
public final class ReportListener implements ProgressListener {
  /** Minimum time between two reports written after generations. */
  public static final long MIN_INTERVAL_NANOS = 2_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(ReportListener.class);

  private final ProgressListener delegate;
  private final Path dir;
  private final LongSupplier nanoClock;
  private long lastWrite;
  private boolean written;
  private String lastError;

  /**
   * @param delegate receives every call first
   * @param dir the run directory
   */
  public ReportListener(ProgressListener delegate, Path dir) {
    this(delegate, dir, System::nanoTime);
  }

  ReportListener(ProgressListener delegate, Path dir, LongSupplier nanoClock) {
    this.delegate = delegate;
    this.dir = dir;
    this.nanoClock = nanoClock;
  }

  @Override
  public void started(Path runDir) {
    delegate.started(runDir);
    write("running");
  }

  @Override
  public void generation(ProgressEvent event) {
    delegate.generation(event);
    if (!written || nanoClock.getAsLong() - lastWrite >= MIN_INTERVAL_NANOS) {
      write("running");
    }
  }

  @Override
  public void finished(SearchResult result) {
    delegate.finished(result);
    write(null);
  }

  private void write(String state) {
    try {
      RunReport.writeTo(dir, state);
      written = true;
      lastWrite = nanoClock.getAsLong();
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      String msg = e.getMessage();
      if (!String.valueOf(msg).equals(lastError)) {
        LOG.warn("could not write {}: {} (the search goes on; 'nas report {}' writes it later)",
            dir.resolve(RunReport.FILE), msg, dir);
        lastError = String.valueOf(msg);
      }
    }
  }
}
