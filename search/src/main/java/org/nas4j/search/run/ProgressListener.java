package org.nas4j.search.run;

import java.nio.file.Path;

/**
 * Receives search progress, called on the search thread after every generation and once at the end. Implementations
 * (the CLI's progress bar) must be quick and must not throw.
 */
public interface ProgressListener {
  /**
   * A new run's request is valid and its directory holds {@code run.json}: the search starts. Not called when a run is
   * resumed.
   */
  default void started(Path dir) {}

  /** A generation finished. */
  void generation(ProgressEvent event);

  /** The search finished (normally); called once, after the run directory is complete. */
  default void finished(SearchResult result) {}

  /** A listener that ignores everything. */
  ProgressListener NONE = event -> {};
}
