package org.nas4j.search.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.nas4j.search.strategy.ObjectiveBound;

/**
 * {@code run.json} (schema {@value RunDirectory#RUN_SCHEMA}): the request, the settings it resolved to, provenance,
 * status and the sessions that resumed it. Immutable; the {@code with*} methods return updated copies.
 *
 * @param schema the schema id
 * @param status {@code running} or {@code finished}
 * @param request the search request
 * @param settings what the request resolved to
 * @param provenance what produced the run
 * @param finishedAt when the last session finished (ISO-8601), or null
 * @param stopReason why the search stopped, once finished
 * @param resumes the sessions that continued the run, oldest first (absent when none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schema", "status", "request", "settings", "provenance", "finishedAt", "stopReason", "resumes"})
public record RunRecord(
    String schema,
    String status,
    SearchRequest request,
    Settings settings,
    Provenance provenance,
    String finishedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String stopReason,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Resume> resumes) {

  /** Copies the list. */
  public RunRecord {
    resumes = resumes == null ? List.of() : List.copyOf(resumes);
  }

  /**
   * The resolved settings.
   *
   * @param objectives the searched objective names
   * @param constraints the hard bounds
   * @param poolFactor offspring bred per evaluation when screening
   */
  public record Settings(List<String> objectives, List<ObjectiveBound> constraints, int poolFactor) {}

  /**
   * One resuming session.
   *
   * @param at when it started (ISO-8601)
   * @param args its command line
   * @param replayedEvaluations evaluations it took from {@code candidates.jsonl}
   */
  public record Resume(String at, List<String> args, int replayedEvaluations) {}

  /** A copy that records one more session, running again. */
  public RunRecord withResume(Resume resume) {
    List<Resume> all = new ArrayList<>(resumes);
    all.add(resume);
    return new RunRecord(schema, "running", request, settings, provenance, null, stopReason, all);
  }

  /** A copy marked finished. */
  public RunRecord finished(String reason, String at) {
    return new RunRecord(schema, "finished", request, settings, provenance, at, reason, resumes);
  }
}
