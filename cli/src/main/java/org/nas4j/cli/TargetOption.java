package org.nas4j.cli;

import java.nio.file.Path;
import java.util.Iterator;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.nas4j.targets.TargetResolver;

/**
 * Mixin for choosing a target: {@code --target ID} (a built-in profile) or {@code --target-file FILE} (a profile
 * JSON file). Exactly one is required; {@link #profile()} resolves it through {@link org.nas4j.targets.TargetResolver}, so unknown ids
 * and malformed files are invalid input (exit 2) with the registry's message.
 */
public final class TargetOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--target", paramLabel = "ID", completionCandidates = TargetIds.class,
      description = "Built-in target profile: ${COMPLETION-CANDIDATES}.")
  String id;

  @Option(names = "--target-file", paramLabel = "FILE",
      description = "Target profile JSON file (see 'nas targets show host' for the format).")
  Path file;

  /**
   * The chosen profile.
   *
   * @throws ParameterException if neither or both options were given
   * @throws org.nas4j.targets.error.InvalidArgumentException if the id is unknown or the file invalid
   */
  public TargetProfile profile() {
    if (id == null && file == null) {
      throw new ParameterException(mixee.commandLine(), "missing option: --target ID or --target-file FILE");
    }
    if (id != null && file != null) {
      throw new ParameterException(mixee.commandLine(), "--target and --target-file are mutually exclusive");
    }
    return TargetResolver.resolve(id, file);
  }

  /** Completion candidates: the built-in target ids. */
  static final class TargetIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return TargetRegistry.BUILT_IN.iterator();
    }
  }
}
