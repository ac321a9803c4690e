package org.nas4j.search.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.GenerationState;

/**
 * A run directory and the one owner of its files' formats: {@code run.json} ({@link RunRecord}), {@code pareto.json}
 * ({@link ParetoRecord}), {@code checkpoint/checkpoint.json} ({@link Checkpoint}) and {@code candidates.jsonl}
 * ({@link CandidatesLog}). JSON files are written atomically, indented, with a final newline; they are read with the
 * same mapper, ignoring fields a later version may add. Stateless apart from the path; thread-safe, but a run
 * directory is written by one search at a time ({@link #lock}).
 */
public final class RunDirectory {
  /** Schema of {@code run.json}. */
  public static final String RUN_SCHEMA = "nas.run/v1";
  /** Schema of {@code pareto.json}. */
  public static final String PARETO_SCHEMA = "nas.pareto/v1";
  /** Schema of the checkpoint. */
  public static final String CHECKPOINT_SCHEMA = "nas.checkpoint/v1";

  private final Path dir;

  /** The run directory at {@code dir} (which may not exist yet). */
  public RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** The directory. */
  public Path path() {
    return dir;
  }

  /** A file of the run, e.g. {@code file(RunFiles.PARETO_PNG)}. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Whether the directory holds a run (its {@code run.json} exists). */
  public boolean holdsRun() {
    return Files.isRegularFile(file(RunFiles.RUN_JSON));
  }

  /** Whether {@code pareto.json} exists (the search finished at least once). */
  public boolean hasPareto() {
    return Files.isRegularFile(file(RunFiles.PARETO));
  }

  /** Takes the directory's lock; see {@link RunLock}. */
  public RunLock lock() throws IOException {
    return RunLock.acquire(dir);
  }

  /** Whether another process holds the lock. */
  public boolean isLocked() {
    return RunLock.isLocked(dir);
  }

  /**
   * Reads {@code run.json}.
   *
   * @throws IOException if it cannot be read or is not a run record (Jackson's exceptions are {@code IOException}s)
   */
  public RunRecord readRun() throws IOException {
    return RunFiles.JSON.readValue(file(RunFiles.RUN_JSON).toFile(), RunRecord.class);
  }

  /** Writes {@code run.json}. */
  public void writeRun(RunRecord run) throws IOException {
    RunFiles.writeJson(file(RunFiles.RUN_JSON), run);
  }

  /**
   * Reads {@code pareto.json}; empty when the search has not finished.
   *
   * @throws IOException if it cannot be read or is not a front record
   */
  public Optional<ParetoRecord> readPareto() throws IOException {
    if (!hasPareto()) {
      return Optional.empty();
    }
    return Optional.of(RunFiles.JSON.readValue(file(RunFiles.PARETO).toFile(), ParetoRecord.class));
  }

  /** Writes {@code pareto.json}. */
  public void writePareto(ParetoRecord pareto) throws IOException {
    RunFiles.writeJson(file(RunFiles.PARETO), pareto);
  }

  /** Writes the checkpoint of a finished generation. */
  public void writeCheckpoint(GenerationState state) throws IOException {
    RunFiles.writeJson(file(RunFiles.CHECKPOINT), new Checkpoint(CHECKPOINT_SCHEMA, state.generation(),
        state.evaluations(), state.maxEvaluations(), state.population(), state.rngState()));
  }

  /**
   * The evaluations recorded in {@code candidates.jsonl}, in order (none when it does not exist).
   *
   * @param repair cut a torn last line (left by a killed run) off the file
   */
  public List<Evaluation> readCandidates(boolean repair) throws IOException {
    return CandidatesLog.read(file(RunFiles.CANDIDATES), repair);
  }

  /** Opens {@code candidates.jsonl} for appending after {@code existing} records. */
  public CandidatesLog appendCandidates(int existing) throws IOException {
    return CandidatesLog.open(file(RunFiles.CANDIDATES), existing);
  }

  /** A record as the JSON text its file holds (indented, final newline). */
  public static String json(Object record) throws IOException {
    return RunFiles.PRETTY.writeValueAsString(record) + "\n";
  }
}
