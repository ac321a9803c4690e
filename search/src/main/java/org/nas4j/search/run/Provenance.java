package org.nas4j.search.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The {@code provenance} object of {@code run.json}: what produced a run (see docs/file-formats.md).
 *
 * @param nasVersion nas's version
 * @param gitCommit the working directory's commit, or null
 * @param javaVersion {@code java.version}
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param versions library versions by name
 * @param space the search space's name
 * @param seed the run's seed
 * @param evaluator the evaluator's own provenance
 * @param latencyBands per latency objective, the error band that applies to its predictions (which band, why, and
 *     the caveat printed with it); absent when no latency is predicted
 * @param datasetSha256 the table's SHA-256 in tabular mode, else null
 * @param targets one entry per latency objective's target
 * @param args the command line
 * @param startedAt when the run started (ISO-8601)
 */
public record Provenance(
    String nasVersion,
    String gitCommit,
    String javaVersion,
    String osName,
    String osArch,
    Map<String, String> versions,
    String space,
    long seed,
    Map<String, Object> evaluator,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Object>> latencyBands,
    Object datasetSha256,
    List<Target> targets,
    List<String> args,
    String startedAt) {

  /**
   * A latency objective's target.
   *
   * @param id the target id
   * @param profile its built-in profile, or null (a tabular target)
   * @param profileSha256 the profile's hash when there is a profile
   * @param note why there is no profile, when there is none
   */
  public record Target(
      String id,
      JsonNode profile,
      @JsonInclude(JsonInclude.Include.NON_NULL) String profileSha256,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}
}
