package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Hazelcast members, each {@code nas worker} or {@code nas search --cluster} in its own JVM on localhost: a
 * 2-worker search equals the local one, a worker killed with SIGKILL mid-run loses nothing and a worker joining
 * mid-run gets work, a coordinator killed mid-run resumes with the cluster, a worker of another build or dataset is
 * refused in one line, no worker reachable exits 4, and a search without --cluster loads no Hazelcast class.
 */
class ClusterIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WORKER_LINE = Pattern.compile("nas worker: (\\S+) in cluster .*, (\\d+) members?");
  private static final String[] TABULAR = {"search", "--space", "nb201", "--table", SearchCommandTest.TABLE,
    "--accuracy-column", "cifar10_test_acc", "--latency-column", "hw_c10_pixel3_latency_ms", "--seed", "11"};
  private static final String[] TRAINING = {"search", "--space", "darts", "--target", "pixel", "--cells", "2",
    "--channels", "4", "--epochs", "1", "--train-images", "128", "--final-train-images", "64",
    "--final-members", "0", "--evaluations", "4", "--population", "2", "--seed", "5",
    "--dataset", "fashion-mnist:embedded"};

  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();
  private final String cluster = "it-" + Long.toHexString(System.nanoTime());
  private final int port = 42000 + new SplittableRandom().nextInt(18000);

  @AfterEach
  void killAll() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private Process launch(Path log, List<String> jvm, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib")
        + "/*", "org.nas4j.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** Starts a worker on {@code port + offset} joining the first worker; returns once it is in a cluster of {@code
   * members}. */
  private Worker worker(String name, int offset, int members, String... extra) throws Exception {
    Path log = tmp.resolve(name + ".log");
    List<String> a = new ArrayList<>(List.of("worker", "--cluster-name", cluster, "--port",
        Integer.toString(port + offset), "--jobs", "1", "--join", "127.0.0.1:" + port));
    a.addAll(List.of(extra));
    Process p = launch(log, List.of(), a.toArray(new String[0]));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = WORKER_LINE.matcher(read(log));
      if (m.find() && Integer.parseInt(m.group(2)) >= members) {
        return new Worker(p, m.group(1), log);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("worker " + name + " did not start: " + read(log));
  }

  private record Worker(Process process, String address, Path log) {}

  private static String read(Path f) throws IOException {
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }

  private String[] clustered(String[] base, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of(base));
    a.addAll(List.of("--out", out.toString(), "-q", "--cluster", "127.0.0.1:" + port, "--cluster-name", cluster,
        "--jobs", "0"));
    a.addAll(List.of(extra));
    if (!a.contains("--cluster-timeout")) {
      a.addAll(List.of("--cluster-timeout", "20s"));
    }
    return a.toArray(new String[0]);
  }

  private static String[] local(String[] base, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of(base));
    a.addAll(List.of("--out", out.toString(), "-q"));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** The local run a clustered one must equal. */
  private Path reference(String[] base, String... extra) {
    Path reference = tmp.resolve("local");
    CliHarness h = CliHarness.run(local(base, reference, extra));
    assertThat(h.code).as(h.err()).isZero();
    return reference;
  }

  /** Waits for a search JVM and asserts its success, showing its log otherwise. */
  private static void succeeds(Process search, Path log) throws Exception {
    assertThat(search.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(search.exitValue()).as(read(log)).isZero();
  }

  /** Waits until the run's log holds {@code k} candidates, while the search runs. */
  private static void awaitLines(Path dir, int k, Process search) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (lines(dir.resolve("candidates.jsonl")) < k && search.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(lines(dir.resolve("candidates.jsonl"))).as("candidates logged while the search runs")
        .isGreaterThanOrEqualTo(k);
  }

  /** The same candidates (as a set, none twice) and byte-equal pareto.json. */
  private static void assertSameRun(Path dir, Path reference, int evaluations) throws Exception {
    assertThat(candidateSet(dir)).hasSize(evaluations).isEqualTo(candidateSet(reference));
    assertThat(Files.readString(dir.resolve("pareto.json"))).isEqualTo(Files.readString(reference.resolve(
        "pareto.json")));
  }

  private static Set<String> candidateSet(Path dir) throws Exception {
    List<String> lines = RunCompare.maskedCandidates(dir);
    Set<String> set = new HashSet<>(lines);
    assertThat(set).as("no candidate recorded twice").hasSameSizeAs(lines);
    return set;
  }

  private static JsonNode pareto(Path dir) throws IOException {
    return RunCompare.maskedPareto(dir);
  }

  private static Set<String> workersOf(Path dir) throws IOException {
    Set<String> w = new HashSet<>();
    for (JsonNode pool : JSON.readTree(dir.resolve("run.json").toFile()).path("pools")) {
      pool.path("tasks").forEach(t -> w.add(t.path("worker").asText()));
    }
    return w;
  }

  @Test
  void twoWorkersTrainTheSameRunAsALocalSearch() throws Exception {
    Path reference = reference(TRAINING, "--jobs", "1");
    Worker a = worker("a", 0, 1);
    Worker b = worker("b", 50, 2);
    Path dir = tmp.resolve("cluster");
    succeeds(launch(tmp.resolve("search.log"), List.of(), clustered(TRAINING, dir)), tmp.resolve("search.log"));
    assertThat(candidateSet(dir)).hasSize(4).isEqualTo(candidateSet(reference));
    assertThat(pareto(dir)).isEqualTo(pareto(reference));
    assertThat(workersOf(dir)).isSubsetOf(a.address(), b.address()).isNotEmpty();
    assertThat(read(a.log()) + read(b.log())).containsPattern("nas worker: done +[0-9a-f]{12} in ");
  }

  @Test
  void aWorkerKilledMidRunLosesNothingAndAJoiningWorkerGetsWork() throws Exception {
    Path reference = reference(TABULAR, "--evaluations", "40");
    Worker a = worker("a", 0, 1);
    Worker b = worker("b", 50, 2);
    Path dir = tmp.resolve("cluster");
    Process search = launch(tmp.resolve("search.log"), List.of(),
        clustered(TABULAR, dir, "--evaluations", "40", "--eval-delay-ms", "400"));
    awaitLines(dir, 6, search);
    assertThat(read(b.log())).as("b has run a task").contains("nas worker: done");
    b.process().destroyForcibly(); // SIGKILL: its running task is queued again when the cluster drops it
    assertThat(b.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
    Worker c = worker("c", 100, 2);
    succeeds(search, tmp.resolve("search.log"));
    assertSameRun(dir, reference, 40);
    assertThat(workersOf(dir)).contains(a.address(), c.address());
    a.process().destroy(); // SIGTERM: a clean stop
    assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(read(a.log())).contains("nas worker: stopped (0 running tasks handed back)");
  }

  @Test
  void aCoordinatorKilledMidRunResumesWithTheCluster() throws Exception {
    Path reference = reference(TABULAR, "--evaluations", "30");
    worker("a", 0, 1);
    Path dir = tmp.resolve("cluster");
    Process search = launch(tmp.resolve("search.log"), List.of(),
        clustered(TABULAR, dir, "--evaluations", "30", "--eval-delay-ms", "300"));
    awaitLines(dir, 8, search);
    assertThat(search.isAlive()).isTrue();
    search.destroyForcibly(); // the worker keeps running the dead coordinator's task; the new session voids it
    assertThat(search.waitFor(20, TimeUnit.SECONDS)).isTrue();
    List<String> resume = new ArrayList<>(List.of("search", "--resume", dir.toString(), "-q", "--cluster",
        "127.0.0.1:" + port, "--cluster-name", cluster, "--jobs", "0", "--cluster-timeout", "20s"));
    succeeds(launch(tmp.resolve("resume.log"), List.of(), resume.toArray(new String[0])), tmp.resolve("resume.log"));
    assertSameRun(dir, reference, 30);
  }

  private static long lines(Path file) throws IOException {
    return read(file).chars().filter(ch -> ch == '\n').count();
  }

  @Test
  void aWorkerOfAnotherBuildOrDatasetIsRefusedInOneLineNamingIt() throws Exception {
    Worker other = worker("other-build", 0, 1, "--pretend-build", "0.0.1+000000000000");
    Process search = launch(tmp.resolve("build.log"), List.of(),
        clustered(TABULAR, tmp.resolve("build"), "--evaluations", "10"));
    assertThat(search.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = read(tmp.resolve("build.log")).strip();
    assertThat(search.exitValue()).as(log).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(log).doesNotContain("\n").startsWith("nas: ").contains("worker " + other.address() + " refused")
        .contains("it runs nas 0.0.1+000000000000");
    other.process().destroyForcibly();
    other.process().waitFor(20, TimeUnit.SECONDS);

    // Same build, but the worker's dataset (the embedded subset) is not the search's (the installed Debian set).
    Worker data = worker("other-data", 0, 1, "--dataset", "fashion-mnist:embedded");
    Process training = launch(tmp.resolve("data.log"), List.of(), clustered(new String[] {"search", "--space",
        "darts", "--cells", "2", "--channels", "4", "--epochs", "1", "--train-images", "128", "--evaluations", "2",
        "--population", "2", "--seed", "5", "--dataset", "fashion-mnist"}, tmp.resolve("data")));
    assertThat(training.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String dataLog = read(tmp.resolve("data.log")).strip();
    assertThat(training.exitValue()).as(dataLog).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(dataLog).doesNotContain("\n").contains("worker " + data.address() + " refused")
        .contains("its data has SHA-256");
  }

  @Test
  void noWorkerReachableIsOneLineAndExitCode4AfterTheTimeout() throws Exception {
    Path out = tmp.resolve("none");
    Process search = launch(tmp.resolve("none.log"), List.of(), clustered(TABULAR, out, "--evaluations", "5",
        "--cluster-timeout", "3s"));
    assertThat(search.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = read(tmp.resolve("none.log")).strip();
    assertThat(search.exitValue()).as(log).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(log).doesNotContain("\n").startsWith("nas: no nas worker reachable at 127.0.0.1:" + port)
        .contains("within 3 s");
    assertThat(out).doesNotExist();
  }

  @Test
  void withoutClusterNoHazelcastClassIsLoaded() throws Exception {
    Path log = tmp.resolve("classes.log");
    Process search = launch(log, List.of("-Xlog:class+load=info"), local(TABULAR, tmp.resolve("plain"),
        "--evaluations", "20"));
    assertThat(search.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(search.exitValue()).isZero();
    String classes = read(log);
    assertThat(classes).contains("org.nas4j.search.strategy.NasSearch").doesNotContain("com.hazelcast")
        .doesNotContain("org.nas4j.cluster");
  }
}
