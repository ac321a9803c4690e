package org.nas4j.cluster;

import org.nas4j.targets.error.TargetUnavailableException;

/**
 * The cluster cannot serve the search: no worker joined within the timeout, every worker left, or a worker refused a
 * task (another nas build, another dataset). Exit code 4, like any place the work cannot run.
 */
public final class ClusterUnavailableException extends TargetUnavailableException {
  public ClusterUnavailableException(String message) {
    super(message);
  }

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
