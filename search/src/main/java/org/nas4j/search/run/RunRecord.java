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
 * @param pools per session that ran its evaluations in a pool worth recording (a cluster), the pool's report: its
 *     workers and each candidate's worker and queue wait (absent when none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schema", "status", "request", "settings", "provenance", "finishedAt", "stopReason", "resumes", "pools"})
public record RunRecord(
    String schema,
    String status,
    SearchRequest request,
    Settings settings,
    Provenance provenance,
    String finishedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String stopReason,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Resume> resumes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<java.util.Map<String, Object>> pools) {

  /** Copies the lists. */
  public RunRecord {
    resumes = resumes == null ? List.of() : List.copyOf(resumes);
    pools = pools == null ? List.of() : List.copyOf(pools);
  }

  /** A record without pool reports. */
  public RunRecord(String schema, String status, SearchRequest request, Settings settings, Provenance provenance,
      String finishedAt, String stopReason, List<Resume> resumes) {
    this(schema, status, request, settings, provenance, finishedAt, stopReason, resumes, List.of());
  }

  /** A copy with one more session's pool report. */
  public RunRecord withPool(java.util.Map<String, Object> report) {
    List<java.util.Map<String, Object>> all = new ArrayList<>(pools);
    all.add(report);
    return new RunRecord(schema, status, request, settings, provenance, finishedAt, stopReason, resumes, all);
  }

  /**
   * The resolved settings.
   *
   * @param objectives the searched objective names
   * @param constraints the hard bounds
   * @param poolFactor offspring bred per evaluation when screening
   * @param signalBlend when the accuracy objective is {@code signalError}: its formula and the constants the initial
   *     population fixed ({@code SignalBlend#toJson}), once known; absent otherwise
   */
  public record Settings(List<String> objectives, List<ObjectiveBound> constraints, int poolFactor,
      @JsonInclude(JsonInclude.Include.NON_NULL) java.util.Map<String, Object> signalBlend) {
    /** Settings without a blend (or before its constants are known). */
    public Settings(List<String> objectives, List<ObjectiveBound> constraints, int poolFactor) {
      this(objectives, constraints, poolFactor, null);
    }
  }

  /**
   * One resuming session.
   *
   * @param at when it started (ISO-8601)
   * @param args its command line
   * @param replayedEvaluations evaluations it took from {@code candidates.jsonl}
   * @param datasetOverride when the session trained on other data than the run's on purpose: {@code dataset},
   *     {@code sha256} and the run's {@code runSha256} (absent otherwise)
   */
  public record Resume(String at, List<String> args, int replayedEvaluations,
      @JsonInclude(JsonInclude.Include.NON_NULL) Object datasetOverride) {
    /** A session on the run's own data. */
    public Resume(String at, List<String> args, int replayedEvaluations) {
      this(at, args, replayedEvaluations, null);
    }
  }

  /** A copy that records one more session, running again. */
  public RunRecord withResume(Resume resume) {
    List<Resume> all = new ArrayList<>(resumes);
    all.add(resume);
    return new RunRecord(schema, "running", request, settings, provenance, null, stopReason, all, pools);
  }

  /** A copy whose settings record the accuracy blend's constants. */
  public RunRecord withSignalBlend(java.util.Map<String, Object> blend) {
    return new RunRecord(schema, status, request, new Settings(settings.objectives(), settings.constraints(),
        settings.poolFactor(), blend), provenance, finishedAt, stopReason, resumes, pools);
  }

  /** A copy marked finished. */
  public RunRecord finished(String reason, String at) {
    return new RunRecord(schema, "finished", request, settings, provenance, at, reason, resumes, pools);
  }
}
