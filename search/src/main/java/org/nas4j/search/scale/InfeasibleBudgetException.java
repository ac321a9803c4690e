package org.nas4j.search.scale;

import org.nas4j.targets.error.InvalidArgumentException;

/** No configuration of the grid fits the budget. The message names the smallest one and its cost. */
public final class InfeasibleBudgetException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  public InfeasibleBudgetException(String message) {
    super(message);
  }
}
