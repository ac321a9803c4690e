package org.nas4j.search.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Paths of a run directory, the shared JSON mapper and atomic file writes. Stateless and thread-safe. */
public final class RunFiles {
  /** {@code run.json}. */
  public static final String RUN_JSON = "run.json";
  /** {@code candidates.jsonl}. */
  public static final String CANDIDATES = "candidates.jsonl";
  /** {@code pareto.json}. */
  public static final String PARETO = "pareto.json";
  /** {@code pareto.png}. */
  public static final String PARETO_PNG = "pareto.png";
  /** {@code convergence.png}. */
  public static final String CONVERGENCE_PNG = "convergence.png";
  /** {@code checkpoint/checkpoint.json}. */
  public static final String CHECKPOINT = "checkpoint/checkpoint.json";
  /** {@code .lock}. */
  public static final String LOCK = ".lock";

  /** Compact JSON (one line), insertion-ordered maps. */
  public static final ObjectMapper JSON = JsonMapper.builder().build();
  /** Indented JSON for the {@code .json} files. */
  public static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private RunFiles() {}

  /** Writes bytes to a temp file next to {@code target}, fsyncs it, and moves it over {@code target} atomically. */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    org.nas4j.profiler.files.AtomicFiles.write(target, bytes);
  }

  /** Writes an object as indented JSON (with a final newline), atomically. */
  public static void writeJson(Path target, Object value) throws IOException {
    String text = PRETTY.writeValueAsString(value) + "\n";
    writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
