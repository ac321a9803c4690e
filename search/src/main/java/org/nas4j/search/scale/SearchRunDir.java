package org.nas4j.search.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nas4j.search.data.RunDataset;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.run.RunDirectory;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.RunRecord;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The parts of a finished training-mode search run directory that scaling needs: the space, the training options
 * (dataset, validation size), the seed, a run id, and the Pareto members of {@code pareto.json}. Read once; immutable.
 *
 * @param dir the run directory
 * @param runId the directory name and {@code provenance.startedAt}, e.g. {@code run-1@2026-11-27T00:08:15Z}
 * @param space the search space
 * @param training training-mode options of the search
 * @param seed the search's seed (also the seed of its validation split)
 * @param members the front, in {@code pareto.json} order
 * @param datasetSha256 the checksum of the training set the search read ({@code provenance.evaluator.datasetSha256}),
 *     or null when the run recorded none
 */
public record SearchRunDir(Path dir, String runId, String space, TrainingOptions training, long seed,
    List<Member> members, String datasetSha256) {

  /** Least number of hex characters of an archId prefix that {@link #member} accepts. */
  public static final int MIN_PREFIX = 6;

  /**
   * One front member.
   *
   * @param archId the full archId (64 hex)
   * @param arch the architecture text (DARTS genotype or NB201 arch string)
   */
  public record Member(String archId, String arch) {
    public Member {
      if (archId == null || archId.length() < 12) {
        throw new IllegalArgumentException("archId must have at least 12 hex characters, got " + archId);
      }
    }

    public String shortId() {
      return archId.substring(0, 12);
    }
  }

  public SearchRunDir {
    members = List.copyOf(members);
  }

  /**
   * Reads a run directory.
   *
   * @throws InvalidArgumentException if it is not a finished training-mode run (missing or invalid files)
   */
  public static SearchRunDir read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidArgumentException("DIR " + dir + ": no such directory");
    }
    RunDirectory run = new RunDirectory(dir);
    Path runFile = run.file(RunFiles.RUN_JSON);
    if (!run.holdsRun()) {
      throw new InvalidArgumentException(dir + " is not a run directory (no " + RunFiles.RUN_JSON + ")");
    }
    if (!run.hasPareto()) {
      throw new InvalidArgumentException(dir + " has no " + RunFiles.PARETO + ": the search has not finished"
          + " (continue it with 'nas search --resume " + dir + "')");
    }
    RunRecord record;
    ParetoRecord pareto;
    try {
      record = run.readRun();
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArgumentException(runFile + " is not a valid run file: " + e.getMessage(), e);
    }
    try {
      pareto = run.readPareto().orElseThrow();
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArgumentException(run.file(RunFiles.PARETO) + " is not valid JSON: " + e.getMessage(), e);
    }
    SearchRequest request = record.request();
    if (request == null || request.training() == null) {
      throw new InvalidArgumentException(dir + " is a tabular-mode run (no request.training in run.json); only "
          + "training-mode runs have a dataset to train scaled models on");
    }
    List<Member> members = new ArrayList<>();
    for (ParetoRecord.Member m : pareto.members()) {
      members.add(new Member(m.archId(), m.arch()));
    }
    String started = record.provenance() == null || record.provenance().startedAt() == null ? ""
        : record.provenance().startedAt();
    String runId = dir.toAbsolutePath().normalize().getFileName() + (started.isEmpty() ? "" : "@" + started);
    Object sha = record.provenance() == null || record.provenance().evaluator() == null ? null
        : record.provenance().evaluator().get("datasetSha256");
    return new SearchRunDir(dir, runId, request.space(), request.training(), request.seed(), members,
        sha == null ? null : sha.toString());
  }

  /**
   * The data to continue this run on (scaling, training a member further), read at the search's shape ({@link
   * RunDataset#searchShape}): the run's own dataset, found by its recorded checksum, or {@code override} as given and
   * marked as an override for the caller to record ({@link RunDataset.Resolved#override}).
   *
   * @param override an explicit {@code --dataset} text, or null for the run's
   * @throws InvalidArgumentException (one line) when the run's data is not available here; it names the dataset, the
   *     checksum and {@code --dataset} as the way to override
   */
  public RunDataset.Resolved dataset(String override) {
    return RunDataset.resolve(training.dataset(), datasetSha256, override, RunDataset.searchShape(), "run " + dir,
        RunDataset.OVERRIDE_HINT);
  }

  /**
   * The member whose archId starts with {@code prefix} (at least {@value #MIN_PREFIX} hex characters).
   *
   * @throws InvalidArgumentException if the prefix is too short, matches no member or several
   */
  public Member member(String prefix) {
    String p = prefix == null ? "" : prefix.strip().toLowerCase(java.util.Locale.ROOT);
    if (p.length() < MIN_PREFIX || !p.matches("[0-9a-f]+")) {
      throw new InvalidArgumentException("--member needs at least " + MIN_PREFIX + " hex characters of an archId, "
          + "got '" + prefix + "'; front members: " + candidates(members));
    }
    List<Member> hits = members.stream().filter(m -> m.archId().startsWith(p)).toList();
    if (hits.isEmpty()) {
      throw new InvalidArgumentException("no front member of " + dir + " has an archId starting with '" + p
          + "'; front members: " + candidates(members));
    }
    if (hits.size() > 1) {
      throw new InvalidArgumentException("archId prefix '" + p + "' is ambiguous: " + candidates(hits)
          + "; give more characters");
    }
    return hits.get(0);
  }

  /** The architecture of a member. */
  public Architecture architecture(Member m) {
    return SearchSpaces.parse(space, m.arch());
  }

  private static String candidates(List<Member> ms) {
    List<String> ids = ms.stream().limit(8).map(Member::shortId).toList();
    return ids.isEmpty() ? "(none)" : String.join(", ", ids) + (ms.size() > 8 ? ", ..." : "");
  }
}
