package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.run.EvaluatorFactory;
import org.nas4j.search.run.ProgressListener;
import org.nas4j.search.run.SearchRunner;
import org.nas4j.search.scale.ScaleJob;
import org.nas4j.search.scale.ScaledModel;
import org.nas4j.search.tabular.TabularEvaluatorFactory;
import org.nas4j.search.testing.IdxFolders;
import org.nas4j.search.train.TrainedFrontExporter;
import org.nas4j.search.train.TrainingEvaluatorFactory;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * Issue 18, "same data everywhere": what continues a training-mode run uses the run's data, found by the checksum
 * run.json recorded. The run here is a real tiny search on the embedded Fashion-MNIST subset whose run.json says
 * {@code fashion-mnist}, exactly what a search writes on a machine without Debian's files; on this machine (and
 * {@code .ci/run}'s) Debian's files are installed, so {@code fashion-mnist} now reads other data.
 */
class RunDatasetIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static Path run;
  private static String member;
  private static String embeddedSha;
  private static Path small;

  @BeforeAll
  static void tinyRunOnTheEmbeddedSubset() throws Exception {
    var embedded = DatasetSpec.embeddedFashionMnist();
    embeddedSha = embedded.train().sha256();
    small = tmp.resolve("small");
    IdxFolders.write(small, embedded, 400, 100);
    run = tmp.resolve("run");
    CliHarness h = CliHarness.run("-q", "search", "--space", "darts", "--target", "pixel", "--dataset",
        "fashion-mnist:embedded", "--cells", "2", "--channels", "4", "--epochs", "1", "--train-images", "64",
        "--final-epochs", "1", "--final-train-images", "64", "--final-members", "2", "--evaluations",
        "3", "--population", "2", "--seed", "3", "--jobs", "1", "--out", run.toString());
    assertThat(h.code).as(h.err()).isZero();
    // A search on `fashion-mnist` where it resolved to the embedded subset writes exactly this run.json.
    Path runJson = run.resolve("run.json");
    Files.writeString(runJson, Files.readString(runJson).replace("\"fashion-mnist:embedded\"", "\"fashion-mnist\""));
    JsonNode r = JSON.readTree(runJson.toFile());
    assertThat(r.at("/request/training/dataset").asText()).isEqualTo("fashion-mnist");
    assertThat(r.at("/provenance/evaluator/datasetSha256").asText()).isEqualTo(embeddedSha);
    member = JSON.readTree(run.resolve("pareto.json").toFile()).at("/members/0/archId").asText().substring(0, 8);
  }

  @Test
  void resumeContinuesOnTheRecordedDataAndEndsLikeTheRun() throws Exception {
    Path cut = copy(run, "cut");
    List<String> lines = Files.readAllLines(cut.resolve("candidates.jsonl"));
    assertThat(lines).hasSize(3);
    Files.writeString(cut.resolve("candidates.jsonl"), lines.get(0) + "\n");
    Files.delete(cut.resolve("pareto.json"));
    CliHarness h = CliHarness.run("-q", "search", "--resume", cut.toString(), "--jobs", "1");
    assertThat(h.code).as(h.err()).isZero();
    // Two candidates trained again: on Debian's 60,000 images they would score differently.
    assertThat(RunCompare.maskedCandidates(cut)).isEqualTo(RunCompare.maskedCandidates(run));
    JsonNode resume = JSON.readTree(cut.resolve("run.json").toFile()).at("/resumes/0");
    assertThat(resume.get("replayedEvaluations").asInt()).isEqualTo(1);
    assertThat(resume.has("datasetOverride")).isFalse();
  }

  @Test
  void anOverrideOnResumeIsRecordedInTheResumeEntry() throws Exception {
    Path ov = copy(run, "override");
    List<String> lines = Files.readAllLines(ov.resolve("candidates.jsonl"));
    Files.writeString(ov.resolve("candidates.jsonl"), lines.get(0) + "\n" + lines.get(1) + "\n");
    Files.delete(ov.resolve("pareto.json"));
    String text = "fashion-mnist:" + small;
    TrainingEvaluatorFactory training =
        new TrainingEvaluatorFactory("test", TrainedFrontExporter.Progress.NONE, 1).datasetOverride(text);
    new SearchRunner(EvaluatorFactory.byMode(new TabularEvaluatorFactory(1), training), ProgressListener.NONE,
        training, "test").resume(ov, List.of("search", "--resume", ov.toString(), "--dataset", text));
    JsonNode o = JSON.readTree(ov.resolve("run.json").toFile()).at("/resumes/0/datasetOverride");
    assertThat(o.get("dataset").asText()).isEqualTo(text);
    assertThat(o.get("sha256").asText())
        .isEqualTo(DatasetSpec.parse(text).load(new int[] {3, 32, 32}).train().sha256());
    assertThat(o.get("runSha256").asText()).isEqualTo(embeddedSha);
  }

  @Test
  void scaleTrainsOnTheRecordedDataAndAnOverrideIsRecorded() throws Exception {
    Path dir = copy(run, "scale");
    CliHarness h = CliHarness.run(scale(dir, "e").toArray(new String[0]));
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.err()).contains("on embedded subset");
    JsonNode s = JSON.readTree(dir.resolve("scaled/e/scaled.json").toFile());
    assertThat(s.get("dataset").asText()).isEqualTo("fashion-mnist");
    assertThat(s.get("datasetSha256").asText()).isEqualTo(embeddedSha);
    assertThat(s.has("datasetOverride")).isFalse();
    // Continuing or exporting the scaled model reads the same data again.
    ScaledModel m = ScaledModel.read(dir.resolve("scaled/e"));
    assertThat(ScaleJob.data(m).train().sha256()).isEqualTo(embeddedSha);

    String text = "fashion-mnist:" + small;
    List<String> args = scale(dir, "o");
    args.addAll(List.of("--dataset", text));
    CliHarness o = CliHarness.run(args.toArray(new String[0]));
    assertThat(o.code).as(o.err()).isZero();
    JsonNode so = JSON.readTree(dir.resolve("scaled/o/scaled.json").toFile());
    String smallSha = DatasetSpec.parse(text).load(new int[] {3, 32, 32}).train().sha256();
    assertThat(so.get("dataset").asText()).isEqualTo(text);
    assertThat(so.get("datasetSha256").asText()).isEqualTo(smallSha);
    assertThat(so.at("/datasetOverride/dataset").asText()).isEqualTo(text);
    assertThat(so.at("/datasetOverride/sha256").asText()).isEqualTo(smallSha);
    assertThat(so.at("/datasetOverride/runSha256").asText()).isEqualTo(embeddedSha);

    // A scaled model whose data is gone: one line naming it.
    Path folder = dir.resolve("scaled/e");
    ObjectNode edited = (ObjectNode) JSON.readTree(folder.resolve("scaled.json").toFile());
    edited.put("datasetSha256", "0".repeat(64));
    Files.writeString(folder.resolve("scaled.json"), edited.toString());
    assertThatThrownBy(() -> ScaleJob.data(ScaledModel.read(folder)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageNotContaining("\n")
        .hasMessageContaining("scaled model e was searched on fashion-mnist with training-set sha256 "
            + "0".repeat(64));
  }

  @Test
  void aChecksumNoDataHasIsOneLineExitTwoAndWritesNothing() throws Exception {
    Path bad = copy(run, "bad");
    Path runJson = bad.resolve("run.json");
    ObjectNode r = (ObjectNode) JSON.readTree(runJson.toFile());
    ((ObjectNode) r.at("/provenance/evaluator")).put("datasetSha256", "f".repeat(64));
    Files.writeString(runJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    Files.delete(bad.resolve("pareto.json"));
    Map<String, String> before = snapshot(bad);

    CliHarness resume = CliHarness.run("search", "--resume", bad.toString());
    assertThat(resume.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(resume.err().lines().toList()).as(resume.err()).hasSize(1);
    assertThat(resume.err()).contains("was searched on fashion-mnist with training-set sha256 " + "f".repeat(64))
        .contains("fashion-mnist:embedded has " + embeddedSha.substring(0, 12)).doesNotContain("Exception");
    assertThat(snapshot(bad)).isEqualTo(before);

    Files.writeString(bad.resolve("pareto.json"), Files.readString(run.resolve("pareto.json")));
    before = snapshot(bad);
    CliHarness scale = CliHarness.run(scale(bad, "x").toArray(new String[0]));
    assertThat(scale.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(scale.err().lines().toList()).as(scale.err()).hasSize(1);
    assertThat(scale.err()).contains("run " + bad + " was searched on fashion-mnist with training-set sha256 "
        + "f".repeat(64)).contains("pass --dataset DATASET");
    assertThat(snapshot(bad)).isEqualTo(before);
  }

  private static List<String> scale(Path dir, String name) {
    return new ArrayList<>(List.of("scale", dir.toString(), "--member", member, "--preset", "mobile", "--cells", "3",
        "--epochs", "1", "--train-images", "64", "--name", name));
  }

  /** Every file under {@code dir} with its content. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }

  private static Path copy(Path from, String name) throws IOException {
    Path to = tmp.resolve(name);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    return to;
  }
}
