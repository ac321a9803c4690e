package org.nas4j.search.space;

import org.nas4j.targets.error.InvalidArgumentException;

/**
 * A genotype, arch string, genome or macro setting is not valid in its search space. The one-line message names the
 * problem and where it is (cell, node, edge, character position, bad token). The CLI exits 2.
 */
public class InvalidSearchSpaceException extends InvalidArgumentException {
  /** Creates the exception with a one-line message. */
  public InvalidSearchSpaceException(String message) {
    super(message);
  }
}
