package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.scale.ScaledModel;
import org.nas4j.search.scale.ScaledTrainer;
import org.nas4j.search.testing.IdxFolders;

/**
 * {@code nas scale} and {@code nas export DIR --scaled} end to end on a real (tiny) training-mode run: real
 * Fashion-MNIST images (600 training, 200 test, written as IDX files), real DL4J training, a real SIGKILL of a
 * training JVM and a resume, and an ONNX file that ONNX Runtime loads.
 */
class ScaleCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static Path run;
  private static String member;

  @BeforeAll
  static void tinyRun() throws Exception {
    Path data = tmp.resolve("fmnist");
    var full = DatasetSpec.embeddedFashionMnist();
    IdxFolders.write(data, full, 600, 200);
    run = tmp.resolve("run");
    CliHarness h = CliHarness.run("-q", "search", "--space", "darts", "--target", "pixel", "--dataset",
        "fashion-mnist:" + data, "--cells", "2", "--channels", "4", "--epochs", "1", "--train-images", "64",
        "--final-epochs", "1", "--final-train-images", "64", "--evaluations", "2", "--population", "2", "--seed",
        "3", "--out", run.toString());
    assertThat(h.code).as(h.err()).isZero();
    member = JSON.readTree(run.resolve("pareto.json").toFile()).at("/members/0/archId").asText().substring(0, 8);
  }

  /** Scale arguments: the mobile preset's MACs budget with 3 cells (8 would not fit every random member at 28 px). */
  private static List<String> scale(String name, String... more) {
    List<String> a = new ArrayList<>(List.of("scale", run.toString(), "--member", member, "--preset", "mobile",
        "--cells", "3", "--train-images", "200", "--name", name));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void scaleTrainsWithCheckpointsResumesAfterAKillAndExports() throws Exception {
    // Two threads (minibatch in two parts): the kill and resume below also check that data-parallel training resumes
    // exactly.
    CliHarness a = CliHarness.run(scale("a", "--epochs", "2", "--threads", "2").toArray(new String[0]));
    assertThat(a.code).as(a.err()).isZero();
    assertThat(a.out()).contains("a  ").contains("test accuracy").contains("predicted:pixel3-cpu-fp32.json");
    Path folderA = run.resolve("scaled/a");
    JsonNode s = JSON.readTree(folderA.resolve("scaled.json").toFile());
    assertThat(s.get("schema").asText()).isEqualTo("nas.scaled/v1");
    assertThat(s.get("status").asText()).isEqualTo("finished");
    assertThat(s.get("archId").asText()).startsWith(member);
    assertThat(s.at("/macro/cells").asInt()).isEqualTo(3);
    assertThat(s.at("/plan/macs").asLong()).isPositive().isLessThanOrEqualTo(s.at("/budget/maxMacs").asLong());
    assertThat(s.at("/budget/maxMacs").asLong()).isEqualTo(9_375_000L);
    assertThat(s.get("lossCurve")).hasSize(2);
    assertThat(s.at("/training/threads").asInt()).isEqualTo(2);
    assertThat(s.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(folderA.resolve("checkpoint.zip")).isRegularFile();

    // The same model in a child JVM, SIGKILLed once the first epoch's checkpoint is written, then resumed here.
    Path folderB = run.resolve("scaled/b");
    Process p = launch(scale("b", "--epochs", "2", "--threads", "2"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (epochsDone(folderB) < 1 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(p.isAlive()).as("training finished before it could be killed").isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(epochsDone(folderB)).isEqualTo(1);

    CliHarness early = CliHarness.run("export", run.toString(), "--scaled", "b", "--out",
        tmp.resolve("b.onnx").toString());
    assertThat(early.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(early.err().lines().toList()).hasSize(1);
    assertThat(early.err()).contains("has not finished training (1 of 2 epochs)").contains("--resume b");

    CliHarness otherThreads = CliHarness.run("-q", "scale", run.toString(), "--resume", "b", "--threads", "1");
    assertThat(otherThreads.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(otherThreads.err()).contains("b trains with --threads 2");
    CliHarness resumed = CliHarness.run("-q", "scale", run.toString(), "--resume", "b");
    assertThat(resumed.code).as(resumed.err()).isZero();
    ComputationGraph ga = ScaledTrainer.readCheckpoint(folderA.resolve("checkpoint.zip"));
    ComputationGraph gb = ScaledTrainer.readCheckpoint(folderB.resolve("checkpoint.zip"));
    assertThat(gb.params()).isEqualTo(ga.params());
    ScaledModel ma = ScaledModel.read(folderA);
    ScaledModel mb = ScaledModel.read(folderB);
    assertThat(mb.lossCurve()).isEqualTo(ma.lossCurve());
    assertThat(mb.testAccuracy()).isEqualTo(ma.testAccuracy());

    Path onnx = tmp.resolve("a.onnx");
    CliHarness x = CliHarness.run("export", run.toString(), "--member", member, "--scaled", "a", "--out",
        onnx.toString());
    assertThat(x.code).as(x.err()).isZero();
    try (OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
      Map<String, String> md = session.getMetadata().getCustomMetadata();
      assertThat(md).containsEntry("nas.scaled.name", "a")
          .containsEntry("nas.cells", "3")
          .containsEntry("nas.channels", Integer.toString(ma.macro().channels()))
          .containsEntry("nas.resolution", "28x28")
          .containsEntry("nas.dataset", "fashion-mnist:" + tmp.resolve("fmnist"))
          .containsEntry("nas.testAccuracy", Double.toString(ma.testAccuracy()))
          .containsKeys("nas.runId", "nas.genotype", "nas.latencyMs.pixel", "nas.archId");
      assertThat(md.get("nas.runId")).startsWith("run@");
      // Rationale: DARTS cells are outside the Pixel 3 tables' families, so the source carries the transfer band
      assertThat(md.get("nas.latencySource.pixel")).startsWith("predicted:pixel3-cpu-fp32.json (predicted,"
          + " uncalibrated for this space (typical error ±");
      assertThat(md.get("nas.archId")).isEqualTo(ma.archId());
    }
  }

  @Test
  void planOnlyWritesNothingAndBadInputIsOneLineExitTwo() {
    CliHarness plan = CliHarness.run(scale("p", "--plan-only").toArray(new String[0]));
    assertThat(plan.code).as(plan.err()).isZero();
    assertThat(plan.out()).contains("budget: macs <= 9.4M (preset mobile)");
    assertThat(run.resolve("scaled/p")).doesNotExist();

    CliHarness unknown = CliHarness.run("scale", run.toString(), "--member", "ffffffff", "--preset", "mobile");
    assertThat(unknown.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err().lines().toList()).hasSize(1);
    assertThat(unknown.err()).startsWith("nas: no front member").contains("front members: " + member);

    CliHarness infeasible = CliHarness.run("scale", run.toString(), "--member", member, "--max-macs", "1000");
    assertThat(infeasible.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(infeasible.err().lines().toList()).hasSize(1);
    assertThat(infeasible.err()).startsWith("nas: nothing fits the budget: the smallest configuration N=5 C=8 28x28");

    CliHarness preset = CliHarness.run("scale", run.toString(), "--member", member, "--preset", "huge");
    assertThat(preset.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(preset.err()).startsWith("nas: unknown preset 'huge'; expected mobile or server");

    CliHarness noDir = CliHarness.run("scale", tmp.resolve("missing").toString(), "--member", member, "--preset",
        "mobile");
    assertThat(noDir.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noDir.err()).contains("no such directory");

    CliHarness noPareto = CliHarness.run("scale", tmp.toString(), "--all", "--preset", "mobile");
    assertThat(noPareto.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noPareto.err()).contains("is not a run directory");

    CliHarness noBudget = CliHarness.run("scale", run.toString(), "--member", member);
    assertThat(noBudget.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noBudget.err()).startsWith("nas: give --preset mobile|server or a limit");

    CliHarness help = CliHarness.run("scale", "--help");
    assertThat(help.code).isZero();
    assertThat(help.out()).contains("--preset=PRESET").contains("--max-latency-ms=MS").contains("--resume");
  }

  @Test
  void aLatencyLimitHoldsOnEveryNamedTargetPredictedAndMeasured() {
    CliHarness h = CliHarness.run("scale", run.toString(), "--member", member, "--target", "pixel,host",
        "--max-latency-ms", "6", "--cells", "3", "--resolution", "28", "--plan-only", "--name", "t");
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out()).contains("ms pixel").contains("ms host");
    String row = h.out().lines().filter(l -> l.startsWith("t ")).findFirst().orElseThrow();
    String[] f = row.trim().split("\\s+");
    // model N C resolution MACs params ms-pixel ms-host sources...
    // 6 ms: the transfer model prices the smallest N=3 C=8 28x28 network at 3.8 ms on pixel
    assertThat(Double.parseDouble(f[6])).isPositive().isLessThanOrEqualTo(6.0);
    assertThat(Double.parseDouble(f[7])).isPositive().isLessThanOrEqualTo(6.0);
    assertThat(row).contains("predicted:pixel3-cpu-fp32.json").contains("measured:onnxruntime-cpu");
  }

  @Test
  void namedArchitecturePlanReproducesDartsMobile() {
    CliHarness h = CliHarness.run("scale", "--space", "darts", "--genotype", "DARTS_V2", "--input", "3x224x224",
        "--classes", "1000", "--preset", "mobile");
    assertThat(h.code).as(h.err()).isZero();
    String row = h.out().lines().filter(l -> l.contains("-mobile")).findFirst().orElseThrow();
    assertThat(row.split("\\s+")).startsWith(row.split("\\s+")[0], "14", "48", "224x224");
    assertThat(row).contains("4.719M");
  }

  private static int epochsDone(Path folder) throws IOException {
    Path f = folder.resolve("scaled.json");
    if (!Files.exists(f)) {
      return 0;
    }
    try {
      return JSON.readTree(f.toFile()).path("epochsDone").asInt();
    } catch (IOException e) {
      return 0; // never half-written (atomic), but a rename may race with the read on some file systems
    }
  }

  private static Process launch(List<String> args) throws IOException {
    return ChildNas.start(tmp.resolve("child-" + System.nanoTime() + ".log"), args.toArray(String[]::new));
  }
}
