package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.estimate.ProxyDefaults;
import org.nas4j.search.study.GenotypeFiles;
import org.nas4j.search.study.SignalStudy;
import org.nas4j.search.estimate.ZeroCostScores;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nas benchmark signals}: the training-free accuracy signals (parameters, MACs, NASWOT, synflow, gradient
 * norm) of the architectures of a fidelity study, one JSON line each, for benchmarks/signals_tau.py to rank against
 * the study's trained accuracies.
 */
@Command(
    name = "signals",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Compute the training-free signals of DARTS architectures at initialisation (proxy network, "
        + "initialised exactly as 'nas benchmark fidelity' initialises architecture i: seed + i): trainable "
        + "parameters, MACs, the NASWOT score, synflow and the gradient norm. One JSON line per architecture after a "
        + "setup line.",
    footer = {"%nExample (the 20 search candidates of benchmarks/results/fidelity.md):",
        "  nas benchmark signals --genotypes benchmarks/results/fidelity-search-candidates.jsonl --seed 1 "
            + "--validation-images 10000"})
final class SignalsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--genotypes", paramLabel = "FILE", required = true,
      description = "The architectures: a 'nas benchmark fidelity' output (its rows' genotypes, in order) or a text "
          + "file with one DARTS genotype per line (blank lines and # comments skipped).")
  Path genotypesFile;

  @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "fashion-mnist",
      description = "Dataset (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "The fidelity study's seed: split, initialisations, minibatch (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--validation-images", paramLabel = "N", defaultValue = "2000",
      description = "Validation images the study carved out of the training set; minibatches come from the rest "
          + "(default: ${DEFAULT-VALUE}).")
  int validationImages;

  @Option(names = "--inits", paramLabel = "N", defaultValue = "2",
      description = "Initialisations per architecture, each with its own seed and minibatch (default: "
          + "${DEFAULT-VALUE}).")
  int inits;

  @Option(names = "--batch-size", paramLabel = "B", defaultValue = "" + ZeroCostScores.DEFAULT_BATCH,
      description = "Minibatch of NASWOT and the gradient norm (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() throws Exception {
    if (inits < 1 || batchSize < 2 || validationImages < 1) {
      throw new ParameterException(spec.commandLine(), "--inits and --validation-images must be >= 1, "
          + "--batch-size >= 2");
    }
    List<DartsGenotype> genotypes = GenotypeFiles.forSignals(genotypesFile);
    Dataset data = DatasetSpec.parse(dataset).load(new int[] {1, 28, 28});
    if (validationImages >= data.train().count()) {
      throw new ParameterException(spec.commandLine(), "--validation-images must be below "
          + data.train().count() + ", got " + validationImages);
    }
    Dataset.Split split = data.split(validationImages, seed);
    if (batchSize > split.train().count()) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be at most " + split.train().count());
    }
    int[] shape = data.imageShape();
    MacroConfig macro = ProxyDefaults.macro(new InputShape(shape[0], shape[1], shape[2]), data.classes());
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("macro", macro.describe());
    setup.put("dataset", data.source());
    setup.put("validationImages", validationImages);
    setup.put("seed", seed);
    setup.put("inits", inits);
    setup.put("batchSize", batchSize);
    setup.put("threads", Dl4jRuntime.threads());
    setup.put("genotypes", genotypesFile.toString());
    out.println(json.writeValueAsString(Map.of("setup", setup)));
    out.flush();
    new SignalStudy(split, data.classes(), macro).run(genotypes, seed, inits, batchSize, row -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("index", row.index());
      j.put("genotype", row.genotype().toText());
      j.put("trainableParams", row.trainableParams());
      j.put("macs", row.macs());
      j.put("naswot", row.inits().stream().map(ZeroCostScores.Scores::naswot).toList());
      j.put("synflow", row.inits().stream().map(ZeroCostScores.Scores::synflow).toList());
      j.put("gradNorm", row.inits().stream().map(ZeroCostScores.Scores::gradNorm).toList());
      j.put("naswotSeconds", row.inits().stream().map(ZeroCostScores.Scores::naswotSeconds).toList());
      j.put("synflowSeconds", row.inits().stream().map(ZeroCostScores.Scores::synflowSeconds).toList());
      j.put("gradNormSeconds", row.inits().stream().map(ZeroCostScores.Scores::gradNormSeconds).toList());
      j.put("buildSeconds", row.buildSeconds() / row.inits().size());
      try {
        out.println(json.writeValueAsString(j));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
    });
    return 0;
  }
}
