package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.ReferenceNets;
import org.nas4j.search.study.TrainSpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nas benchmark train-speed}: images/s of DL4J training on the reference networks. */
@Command(
    name = "train-speed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Train the reference networks on random data with DL4J (SGD, momentum 0.9) and print images/s "
        + "per network as JSON lines (median of --windows windows after --warmup-steps untimed steps). "
        + "benchmarks/train-speed.sh runs it interleaved with the PyTorch twin.",
    footer = "%nNetworks: plain-HxWxC, dwsep-HxWxC, darts_v2-HxWxC, darts_nodil-HxWxC (DARTS: 8 cells, C=16).")
final class TrainSpeedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--nets", paramLabel = "LIST", defaultValue = ReferenceNets.DEFAULT_NAMES, split = ",",
      description = "Comma-separated reference networks (default: ${DEFAULT-VALUE}).")
  List<String> nets;

  @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Minibatch size.")
  int batchSize;

  @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "" + TrainSpeed.DEFAULT_WARMUP_STEPS,
      description = "Untimed training steps first (default: ${DEFAULT-VALUE}; DL4J sizes its workspaces over the "
          + "first steps).")
  int warmupSteps;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "2", description = "Length of one window.")
  double seconds;

  @Option(names = "--windows", paramLabel = "N", defaultValue = "3", description = "Timed windows.")
  int windows;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
      description = "Copies of each network trained at once, each on its own thread with -Dnas4j.dl4j.threads "
          + "OpenMP threads, as the search trains its candidates; prints their summed images/s (default: "
          + "${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
      description = "Split each minibatch into N parts computed at once on N threads, as 'nas train --threads N' "
          + "does (default: ${DEFAULT-VALUE}).")
  int shards;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || !(seconds > 0) || windows < 1 || warmupSteps < 0 || jobs < 1) {
      throw new ParameterException(spec.commandLine(),
          "--batch-size, --windows and --jobs must be >= 1, --warmup-steps >= 0 and --seconds > 0");
    }
    ThreadsOption.checkParts(spec, "--shards", shards, batchSize);
    List<NetSpec> specs = new ArrayList<>();
    for (String n : nets) {
      specs.add(ReferenceNets.of(n.trim()));
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < specs.size(); i++) {
      TrainSpeed.Result r = TrainSpeed.measure(specs.get(i), batchSize, warmupSteps, seconds, windows, jobs,
          shards);
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("net", nets.get(i).trim());
      j.put("framework", "dl4j");
      j.put("imagesPerSecond", r.imagesPerSecond());
      j.put("windowImagesPerSecond", r.windowImagesPerSecond());
      j.put("macsPerImage", r.macsPerImage());
      j.put("batchSize", batchSize);
      j.put("warmupSteps", warmupSteps);
      j.put("threads", Dl4jRuntime.threads());
      j.put("jobs", jobs);
      j.put("shards", shards);
      j.put("helpers", Dl4jRuntime.helpersActive());
      out.println(json.writeValueAsString(j));
      out.flush();
    }
    return 0;
  }
}
