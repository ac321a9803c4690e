package org.nas4j.search.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed run directory on real tabular runs. */
class RunDirectoryTest {
  @TempDir Path tmp;

  @Test
  void recordsReadBackAndWriteTheFilesByteForByte() throws Exception {
    Path dir = tmp.resolve("run");
    SearchResult result = SearchRunnerTest.runner().start(SearchRunnerTest.request(40, 20.0), dir, List.of("search"));
    RunDirectory run = new RunDirectory(dir);
    ParetoRecord pareto = run.readPareto().orElseThrow();
    assertThat(RunDirectory.json(pareto)).isEqualTo(Files.readString(dir.resolve(RunFiles.PARETO)));
    assertThat(RunDirectory.json(result.pareto())).isEqualTo(Files.readString(dir.resolve(RunFiles.PARETO)));
    RunRecord record = run.readRun();
    assertThat(RunDirectory.json(record)).isEqualTo(Files.readString(dir.resolve(RunFiles.RUN_JSON)));
    assertThat(record.status()).isEqualTo("finished");
    assertThat(record.settings().constraints()).hasSize(1);
    assertThat(record.provenance().targets()).extracting(Provenance.Target::id).containsExactly("pixel3");
    assertThat(pareto.members()).extracting(ParetoRecord.Member::archId)
        .isEqualTo(result.front().stream().map(e -> e.archId()).toList());
    assertThat(run.readCandidates(false)).hasSize(40);
  }

  @Test
  void aRunJsonInTheOldKeyOrderWithUnknownFieldsStillResumes() throws Exception {
    Path full = tmp.resolve("full");
    SearchRunnerTest.runner().start(SearchRunnerTest.request(60, null), full, List.of());
    Path old = tmp.resolve("old");
    SearchRunnerTest.runner().start(SearchRunnerTest.request(60, null), old, List.of());
    // Earlier versions appended keys as they came: a resumed, unfinished run had resumes after finishedAt and no
    // stopReason. Keep 25 evaluations, as a killed run would.
    ObjectNode run = (ObjectNode) RunFiles.JSON.readTree(old.resolve(RunFiles.RUN_JSON).toFile());
    run.remove("stopReason");
    run.put("status", "running");
    run.putNull("finishedAt");
    ArrayNode resumes = run.putArray("resumes");
    resumes.addObject().put("at", "2026-01-01T00:00:00Z").put("replayedEvaluations", 10).putArray("args");
    run.put("addedByALaterVersion", true);
    RunFiles.writeJson(old.resolve(RunFiles.RUN_JSON), run);
    List<String> lines = Files.readAllLines(old.resolve(RunFiles.CANDIDATES));
    Files.writeString(old.resolve(RunFiles.CANDIDATES), String.join("\n", lines.subList(0, 25)) + "\n");
    Files.delete(old.resolve(RunFiles.PARETO));

    SearchResult r = SearchRunnerTest.runner().resume(old, List.of("search", "--resume", old.toString()));
    assertThat(r.replayed()).isEqualTo(25);
    assertThat(SearchRunnerTest.maskedCandidates(old)).isEqualTo(SearchRunnerTest.maskedCandidates(full));
    assertThat(Files.readString(old.resolve(RunFiles.PARETO))).isEqualTo(Files.readString(full.resolve(RunFiles.PARETO)));
    RunRecord record = new RunDirectory(old).readRun();
    assertThat(record.resumes()).extracting(RunRecord.Resume::replayedEvaluations).containsExactly(10, 25);
    assertThat(record.status()).isEqualTo("finished");
    assertThat(record.stopReason()).isEqualTo("BUDGET");
  }
}
