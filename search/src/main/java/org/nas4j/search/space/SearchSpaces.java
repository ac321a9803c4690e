package org.nas4j.search.space;

import java.util.List;

/** The built-in search spaces, by name. */
public final class SearchSpaces {
  private SearchSpaces() {}

  /** The names of the built-in spaces. */
  public static final List<String> NAMES = List.of(DartsSpace.NAME, Nb201Space.NAME);

  /** The space with this name; throws {@link InvalidSearchSpaceException} listing the known names. */
  public static SearchSpace<? extends Architecture> byName(String name) {
    if (DartsSpace.NAME.equals(name)) {
      return new DartsSpace();
    }
    if (Nb201Space.NAME.equals(name)) {
      return new Nb201Space();
    }
    throw new InvalidSearchSpaceException("unknown search space '" + name + "'; known spaces: "
        + String.join(", ", NAMES));
  }

  /** Parses an architecture text in the named space. */
  public static Architecture parse(String space, String text) {
    return byName(space).parse(text);
  }
}
