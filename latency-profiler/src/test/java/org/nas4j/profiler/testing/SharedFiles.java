package org.nas4j.profiler.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files of the read-only {@code shared/} directory next to the repository. Uses {@code nas.shared.dir} (set
 * by the parent pom's surefire configuration); when that does not exist (a git worktree placed one level deeper),
 * it looks for a {@code shared/} folder beside each ancestor of {@code nas.repo.dir}.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** The path of {@code relative} under the shared directory; fails with a clear message if it is not found. */
  public static Path resolve(String relative) {
    String dir = System.getProperty("nas.shared.dir");
    if (dir != null && Files.exists(Path.of(dir, relative))) {
      return Path.of(dir, relative);
    }
    String repo = System.getProperty("nas.repo.dir", ".");
    for (Path p = Path.of(repo).toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find shared/" + relative + " (nas.shared.dir=" + dir + ")");
  }
}
