package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code nas} example in README.md, docs/*.md (fenced code blocks) and every command's {@code --help} footer
 * runs, in one fresh working directory, in the order a reader would run them (later examples use files that earlier
 * ones wrote: runs/x, model.onnx, base.json, ...). Each example is run as written, or as a fast variant that the
 * scenario below states next to it (a tiny training budget instead of a 15-minute search, a real member id instead of
 * the README's illustrative one). An example found in the documentation but missing from the scenario fails the test,
 * and so does a scenario entry no longer found in the documentation, so examples cannot rot. The one example that
 * needs hardware CI does not have (a phone over adb) is parsed by picocli only. Synopsis lines ({@code [--opt]},
 * {@code MODEL...}) are not examples.
 */
class DocExamplesIT {
  private static final Path REPO = Path.of(System.getProperty("nas.repo.dir", "..")).toAbsolutePath().normalize();
  /** The CLI as the build packages it (jar and lib/), run from another working directory. */
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Pattern NAS_LINE = Pattern.compile("^\\s*(?:\\$ )?(?:bin/)?(nas .*|source <\\(nas .*)$");
  private static final String NB201_ARCH =
      "'|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|'";
  /** Options that shrink the README's training search from 15 minutes to about one. */
  private static final String TINY_SEARCH = " --evaluations 4 --population 2 --epochs 1 --train-images 128"
      + " --final-epochs 1 --final-train-images 128 --final-members 2 --cells 2 --channels 4 --seed 1";

  @TempDir Path cwd;
  private String member = "";

  /** How one example runs. */
  private record Step(String example, String variant, UnaryOperator<String> change, Set<Integer> exits) {
    static Step asWritten(String example) {
      return new Step(example, null, s -> s, Set.of(0));
    }

    static Step fast(String example, String why, UnaryOperator<String> change) {
      return new Step(example, why, change, Set.of(0));
    }

    Step exits(Integer... codes) {
      return new Step(example, variant, change, Set.of(codes));
    }
  }

  /** The scenario, in the order it runs. */
  private List<Step> scenario() {
    return List.of(
        Step.asWritten("nas targets list"),
        Step.asWritten("nas targets list --format json"),
        Step.asWritten("nas targets show pixel"),
        Step.asWritten("nas targets show host"),
        Step.asWritten("nas tables list"),
        Step.asWritten("nas tables list --format json"),
        Step.asWritten("source <(nas completion bash)"),
        Step.fast("nas completion bash > ~/.local/share/bash-completion/completions/nas", "writes under the test"
            + " directory instead of the home directory", s -> s.replace("~/", "home/")),
        Step.fast("nas completion zsh > ~/.nas-completion.zsh && echo 'source ~/.nas-completion.zsh' >> ~/.zshrc",
            "writes under the test directory; the .zshrc line is not appended",
            s -> s.substring(0, s.indexOf(" &&")).replace("~/", "home/")),
        Step.asWritten("nas search --space nb201 --table nb201 --accuracy-column cifar10_test_acc"
            + " --latency-column hw_c10_pixel3_latency_ms --evaluations 300 --seed 1 --out runs/x"),
        Step.asWritten("nas show runs/x --json"),
        Step.asWritten("nas report runs/x"),
        Step.fast("nas search --target pixel", "tiny training budget and --out runs/darts (the README's run takes"
            + " 15 minutes)", s -> s + TINY_SEARCH + " --out runs/darts"),
        Step.fast("nas scale --space darts --genotype DARTS_V2 --input 3x224x224 --classes 1000 --preset mobile",
            "--plan-only (the example shows the plan; training an ImageNet-sized network is hours)",
            s -> s + " --plan-only"),
        Step.fast("nas train runs/x --member 3f9a0c", "the tiny DARTS run's first member (trained by its final stage"
            + " or now)", this::withMember),
        Step.fast("nas scale runs/x --member 3f9a0c --target pixel --max-latency-ms 15 --plan-only",
            "the tiny DARTS run's first member", this::withMember),
        Step.fast("nas scale runs/x --member 3f9a0c --preset mobile --epochs 10",
            "the tiny DARTS run's first member, 1 epoch on 128 images", s -> withMember(s)
                .replace("--epochs 10", "--epochs 1 --train-images 128")),
        Step.fast("nas scale runs/x --resume 3f9a0c1b2d4e-mobile", "the tiny DARTS run's first member",
            this::withMember),
        Step.fast("nas export runs/x --member 3f9a0c --scaled 3f9a0c1b2d4e-mobile --out mobile.onnx",
            "the tiny DARTS run's first member", this::withMember),
        Step.asWritten("nas bench mobile.onnx --target host --save-baseline mobile.json"),
        Step.fast("nas train --space darts --genotype DARTS_V2 --cells 8 --channels 16 --dataset"
            + " fashion-mnist --epochs 3 --out darts-v2.onnx", "1 epoch on 256 images",
            s -> s.replace("--epochs 3", "--epochs 1 --train-images 256 --validation-images 200")),
        Step.asWritten("nas export --space darts --genotype DARTS_V2 --cells 8 --channels 16 --input 1x28x28"
            + " --classes 10 --out darts.onnx"),
        Step.asWritten("nas export --space darts --genotype DARTS_V2 --cells 8 --channels 16 --input 1x28x28"
            + " --out darts.onnx"),
        Step.asWritten("nas export --space nb201 --arch " + NB201_ARCH + " --out nb201.onnx --format json"),
        Step.asWritten("nas export --space nb201 --arch " + NB201_ARCH + " --out nb201.onnx"),
        // mobilenet_v2.onnx and resnet18_dynbatch.onnx: torchvision exports (the profiler's fixture script).
        Step.asWritten("nas profile mobilenet_v2.onnx"),
        Step.asWritten("nas profile resnet18_dynbatch.onnx").exits(2),
        Step.asWritten("nas profile resnet18_dynbatch.onnx --shape input=8x3x224x224 --json --per-node"
            + " > resnet18.json"),
        Step.fast("nas profile model.onnx --shape input=1x3x224x224 --per-node --json",
            "model.onnx is the DARTS model exported above; its input is 1x28x28", s -> s.replace("1x3x224x224",
                "1x1x28x28")),
        Step.asWritten("nas bench model.onnx --target host"),
        Step.asWritten("nas bench model.onnx --target host --json"),
        Step.asWritten("nas bench model.onnx --target host --save-baseline base.json"),
        // A verdict either way is a run of the example: 3 = regression found, 5 = inconclusive (the machine's load
        // can change).
        Step.asWritten("nas bench model.onnx --target host --baseline base.json --junit bench.xml").exits(0, 3, 5),
        Step.asWritten("nas bench model.onnx --target host --baseline base.json --markdown > comment.md")
            .exits(0, 3, 5),
        Step.asWritten("nas bench model.onnx --target host --save-baseline baseline/base.json"),
        Step.fast("nas bench new/model.onnx --target host --baseline baseline/base.json --max-regression-pct 5"
            + " --junit bench.xml", "new/model.onnx is model.onnx again", s -> s.replace("new/model.onnx",
                "model.onnx")).exits(0, 3, 5),
        Step.fast("nas bench \"$MODEL\" --target host --baseline baseline/base.json --max-regression-pct 5 --junit"
            + " bench.xml --markdown > bench.md", "$MODEL is model.onnx", s -> s.replace("\"$MODEL\"",
                "model.onnx")).exits(0, 3, 5),
        Step.asWritten("nas bench new.onnx --compare old.onnx --target host").exits(0, 3),
        Step.asWritten("nas predict --target pixel --space nb201 --arch " + NB201_ARCH),
        Step.asWritten("nas predict --target pixel model.onnx"),
        Step.fast("nas targets calibrate --target host --space darts --samples 200 --seed 1 --out"
            + " host-predictor.json", "8 samples, 3 folds, 20 timed runs each", s -> s.replace("--samples 200",
                "--samples 8 --folds 3 --runs 20 --warmup-runs 5")),
        Step.asWritten("nas predict --target-file host-predictor.json --space darts --arch DARTS_V2 --cells 8"
            + " --channels 16"),
        Step.asWritten("nas targets fit --space darts --table host-predictor.csv --arch-column arch"
            + " --latency-column latencyMs --cells 5 --channels 8 --seed 1 --out host-predictor.json"),
        Step.asWritten("nas targets fit --space nb201 --table nb201 --arch-column arch --latency-column"
            + " hw_c10_raspi4_latency_ms --device 'Raspberry Pi 4' --out raspi4.json"),
        Step.asWritten("nas targets fit --space nb201 --table nb201 --arch-column arch --latency-column"
            + " hw_c10_raspi4_latency_ms --device \"Raspberry Pi 4\" --runtime \"TFLite float32 CPU\" --seed 1"
            + " --out raspi4.json"),
        Step.asWritten("nas predict --target-file raspi4.json --space nb201 --arch-file archs.txt"),
        Step.fast("nas benchmark fidelity --architectures 4 --train-images 500 --factor 2",
            "3 architectures on 200 images", s -> s.replace("--architectures 4 --train-images 500",
                "--architectures 3 --train-images 200 --validation-images 200")),
        Step.fast("nas benchmark signals --genotypes benchmarks/results/fidelity-search-candidates.jsonl --seed 1"
            + " --validation-images 10000", "the study's first 2 architectures, 1 initialisation, 500 validation"
            + " images", s -> s.replace("benchmarks/results/fidelity-search-candidates.jsonl", "candidates2.jsonl")
                .replace("--validation-images 10000", "--validation-images 500 --inits 1")));
  }

  private static final String CLUSTER_TRY = "the one-machine cluster try-out: ClusterIT runs the same set-up (workers in"
      + " their own JVMs on loopback, a coordinator with --jobs 0) for real";

  /**
   * Examples that need hardware or machines a CI machine does not have: parsed by picocli only (a trailing {@code &}
   * of a background job dropped).
   */
  private static final Map<String, String> PARSE_ONLY = Map.of(
      "nas targets calibrate --target-file phone.json --device R58M123ABC --space nb201 --samples 100 --out"
          + " phone-predictor.json", "needs an Android phone over adb",
      "nas worker --cluster-name lab --bind 10.0.0.7 --join 10.0.0.6:5701,10.0.0.7:5701 --jobs 2",
      "binds to another machine's address",
      "nas search --space darts --seed 7 --out runs/lab1 --cluster 10.0.0.6:5701,10.0.0.7:5701 --cluster-name lab"
          + " --bind 10.0.0.5 --jobs 0", "needs workers on other machines",
      "nas worker --cluster-name lab --join 10.0.0.5:5701,10.0.0.6:5701 --bind 10.0.0.7",
      "binds to another machine's address",
      "nas worker --cluster-name try --port 5801 --jobs 1 &", CLUSTER_TRY,
      "nas worker --cluster-name try --port 5851 --jobs 1 --join 127.0.0.1:5801 &", CLUSTER_TRY,
      "nas search --space nb201 --table nb201 --accuracy-column cifar10_test_acc --latency-column"
          + " hw_c10_pixel3_latency_ms --evaluations 100 --seed 1 --out runs/try --cluster 127.0.0.1:5801"
          + " --cluster-name try --jobs 0", CLUSTER_TRY);

  private String withMember(String s) {
    return s.replace("runs/x", "runs/darts").replace("3f9a0c1b2d4e", member).replace("3f9a0c", member);
  }

  @Test
  void everyDocumentedExampleRuns() throws Exception {
    Map<String, String> found = extract();
    List<Step> steps = scenario();
    Set<String> known = new LinkedHashSet<>();
    steps.forEach(s -> known.add(s.example()));
    known.addAll(PARSE_ONLY.keySet());
    assertThat(known).as("examples in the scenario but no longer in the documentation")
        .isSubsetOf(found.keySet());
    assertThat(found.keySet()).as("documented examples missing from this test's scenario (add them)")
        .isSubsetOf(known);

    prepareInputs();
    StringBuilder log = new StringBuilder();
    for (Step step : steps) {
      String line = step.change().apply(step.example());
      long t0 = System.nanoTime();
      Result r = runLine(line);
      log.append(String.format("%-4d %6.1f s  %s%s%n", r.code, (System.nanoTime() - t0) / 1e9, line, step.variant() == null ? "" : "   [fast variant: "
          + step.variant() + "]"));
      assertThat(step.exits()).as("exit code of '%s' (from %s)%nstdout: %s%nstderr: %s", line,
          found.get(step.example()), r.out, r.err).contains(r.code);
      if (step.example().equals("nas search --target pixel")) {
        member = new ObjectMapper().readTree(cwd.resolve("runs/darts/pareto.json").toFile()).path("members").get(0)
            .path("archId").asText().substring(0, 12);
      }
    }
    for (String line : PARSE_ONLY.keySet()) {
      CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
      List<String> words = new ArrayList<>(tokens(line).subList(1, tokens(line).size()));
      if (words.get(words.size() - 1).equals("&")) {
        words.remove(words.size() - 1);
      }
      cl.parseArgs(words.toArray(new String[0]));
      log.append("parsed ").append(line).append("   [").append(PARSE_ONLY.get(line)).append("]\n");
    }
    Path report = Path.of("target", "doc-examples.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, log.toString(), StandardCharsets.UTF_8);
  }

  /** Files that examples take as given: a model to bench and profile, torchvision exports, an arch list. */
  private void prepareInputs() throws Exception {
    Result r = runLine("nas export --space darts --genotype DARTS_V2 --cells 8 --channels 16 --input 1x28x28"
        + " --classes 10 --out model.onnx");
    assertThat(r.code).as(r.err).isZero();
    Files.copy(cwd.resolve("model.onnx"), cwd.resolve("old.onnx"));
    Files.copy(cwd.resolve("model.onnx"), cwd.resolve("new.onnx"));
    Files.writeString(cwd.resolve("archs.txt"), NB201_ARCH.replace("'", "") + "\n");
    // The signals example's study, cut to its setup line and first two architectures.
    List<String> study = Files.readAllLines(REPO.resolve("benchmarks/results/fidelity-search-candidates.jsonl"));
    Files.write(cwd.resolve("candidates2.jsonl"), study.subList(0, 3));
    Path fixtures = REPO.resolve("latency-profiler/target/fixtures");
    if (!Files.isRegularFile(fixtures.resolve("resnet18_dynbatch.onnx"))) {
      Process p = new ProcessBuilder(System.getProperty("nas.python", "/usr/bin/python3"),
          REPO.resolve("latency-profiler/src/test/python/make_fixtures.py").toString(), fixtures.toString())
          .redirectErrorStream(true).redirectOutput(cwd.resolve("fixtures.log").toFile()).start();
      assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(cwd.resolve("fixtures.log"))).isZero();
    }
    Files.copy(fixtures.resolve("mobilenet_v2.onnx"), cwd.resolve("mobilenet_v2.onnx"));
    Files.copy(fixtures.resolve("resnet18_dynbatch.onnx"), cwd.resolve("resnet18_dynbatch.onnx"));
  }

  private record Result(int code, String out, String err) {}

  /** Runs one example line in {@code cwd} in a fresh JVM (relative paths are the working directory's). */
  private Result runLine(String line) throws IOException, InterruptedException {
    boolean source = line.startsWith("source <(");
    List<String> t = tokens(source ? line.substring("source <(".length(), line.length() - 1) : line);
    Path stdout = cwd.resolve(".stdout");
    int redirect = t.indexOf(">");
    if (redirect >= 0) {
      stdout = cwd.resolve(t.get(redirect + 1));
      Files.createDirectories(stdout.getParent());
      t = t.subList(0, redirect);
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true",
        // A bounded heap: the examples are small, and the build machine is shared (an unbounded JVM was OOM-killed).
        "-Xmx1536m", "-Dnas.cache.dir=" + System.getProperty("nas.cache.dir",
            cwd.resolve(".cache").toString()), "-cp", TARGET.resolve("nas4j-cli.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
        Main.class.getName()));
    cmd.addAll(t.subList(1, t.size()));
    Path stderr = cwd.resolve(".stderr");
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("'" + line + "' ran for 10 minutes");
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    int code = p.exitValue();
    if (source && code == 0) {
      // The completion script must load in bash and register the command.
      Process b = new ProcessBuilder("bash", "-c", "source \"$1\" && complete -p nas", "bash", stdout.toString())
          .redirectErrorStream(true).start();
      String said = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      code = b.waitFor() == 0 && said.contains("nas") ? 0 : 1;
      out = said;
    }
    return new Result(code, out.length() > 2000 ? out.substring(0, 2000) : out, Files.readString(stderr));
  }

  /** Shell-like words: single and double quotes, {@code #} comments, {@code >} as its own word. */
  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else if (c == '#' && !inWord) {
        break;
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  /** Example line (comment and prompt removed, continuations joined, spaces collapsed) to where it was found. */
  static Map<String, String> extract() throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    List<Path> docs = new ArrayList<>(List.of(REPO.resolve("README.md")));
    try (Stream<Path> s = Files.list(REPO.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    for (Path doc : docs) {
      List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
      boolean fenced = false;
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.strip().startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (!fenced) {
          continue;
        }
        StringBuilder full = new StringBuilder(l);
        while (full.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
          String t = full.toString().stripTrailing();
          full = new StringBuilder(t.substring(0, t.length() - 1)).append(' ').append(lines.get(++i).strip());
        }
        add(found, full.toString(), REPO.relativize(doc) + ":" + (i + 1));
      }
    }
    CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    for (CommandLine cl : all) {
      String footer = String.format(String.join("%n", cl.getCommandSpec().usageMessage().footer()));
      for (String l : footer.split("\\R")) {
        add(found, l, "nas " + cl.getCommandSpec().qualifiedName().replaceFirst("^nas ?", "") + " --help");
      }
    }
    return found;
  }

  private static void add(Map<String, String> found, String raw, String where) {
    var m = NAS_LINE.matcher(raw);
    if (!m.matches()) {
      return;
    }
    String line = m.group(1);
    List<String> t = tokens(line);
    if (t.stream().anyMatch(w -> w.startsWith("[") || w.endsWith("...") || w.contains("...]"))) {
      return; // a synopsis, not an example
    }
    // Drop a trailing comment, keep quotes as written.
    int hash = line.indexOf("  #");
    String clean = (hash >= 0 ? line.substring(0, hash) : line).strip().replaceAll("\\s+", " ");
    found.putIfAbsent(clean, where);
  }

  private static void collect(CommandLine cl, List<CommandLine> into) {
    into.add(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!into.contains(sub)) {
        collect(sub, into);
      }
    }
  }
}
