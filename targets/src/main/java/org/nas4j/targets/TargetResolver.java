package org.nas4j.targets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The one place that turns what a user wrote for a target ({@code --target ID}, {@code --target FILE.json},
 * {@code --target-file FILE}) into {@link TargetProfile}s. Every command resolves targets here, so a target means the
 * same everywhere. Stateless and thread-safe.
 */
public final class TargetResolver {
  /** The target of commands that need one and were given none. */
  public static final String DEFAULT_TARGET = "pixel";

  private TargetResolver() {}

  /**
   * One target: a built-in id, or a profile file when the text ends in {@code .json}.
   *
   * @throws org.nas4j.targets.error.TargetNotFoundException for an unknown id (naming the closest)
   * @throws org.nas4j.targets.error.InvalidProfileException for a missing or invalid file
   */
  public static TargetProfile resolve(String idOrFile) {
    String t = idOrFile.strip();
    return t.endsWith(".json") ? TargetRegistry.load(Path.of(t)) : TargetRegistry.builtIn(t);
  }

  /** A built-in id, or {@code file} when it is given (it wins over the id). */
  public static TargetProfile resolve(String id, Path file) {
    return file != null ? TargetRegistry.load(file) : TargetRegistry.builtIn(id.strip());
  }

  /**
   * Several targets: each of {@code idsOrFiles} as {@link #resolve(String)} does, then {@code file} when given, and
   * {@code defaultId} when that leaves none.
   *
   * @throws InvalidArgumentException when two resolve to the same target id
   */
  public static List<TargetProfile> resolveAll(List<String> idsOrFiles, Path file, String defaultId) {
    List<TargetProfile> profiles = new ArrayList<>();
    for (String t : idsOrFiles) {
      profiles.add(resolve(t));
    }
    if (file != null) {
      profiles.add(TargetRegistry.load(file));
    }
    if (profiles.isEmpty()) {
      profiles.add(TargetRegistry.builtIn(defaultId));
    }
    List<String> ids = profiles.stream().map(TargetProfile::id).toList();
    if (ids.stream().distinct().count() != ids.size()) {
      throw new InvalidArgumentException("--target names a target twice: " + String.join(",", ids));
    }
    return profiles;
  }
}
