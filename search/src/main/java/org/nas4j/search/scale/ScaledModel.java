package org.nas4j.search.scale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.search.data.RunDataset;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * {@code scaled.json} ({@code nas.scaled/v1}): one scaled model of a run's front member, its plan and its training
 * state. Written atomically at planning, after every epoch and at the end; {@code checkpoint.zip} beside it holds the
 * weights. Immutable; the {@code with*} methods return updated copies.
 *
 * @param schema always {@value #SCHEMA}
 * @param name the folder name under {@code DIR/scaled/}
 * @param runId the run's directory name and start time
 * @param archId the member's full archId
 * @param space the search space
 * @param genotype the architecture text (DARTS genotype or NB201 arch string)
 * @param macro the scaled macro network
 * @param dataset the {@code --dataset} text the model is trained on
 * @param datasetSha256 the checksum of the training set it is trained on, at its input size (absent in files
 *     written before it was recorded: those take {@code dataset} unchecked)
 * @param datasetOverride when {@code dataset} was given explicitly instead of the run's: {@code dataset}, {@code
 *     sha256} and the run's {@code runSha256} (absent otherwise)
 * @param preset {@code mobile}, {@code server}, or null for explicit limits
 * @param budget the limits the plan fits
 * @param plan the chosen configuration's costs
 * @param training how it is trained
 * @param status {@code planned}, {@code training} or {@code finished}
 * @param epochsDone epochs finished (the checkpoint's)
 * @param lossCurve mean training loss per finished epoch
 * @param validationAccuracy validation accuracy in [0, 1] when finished, else null
 * @param testAccuracy test accuracy in [0, 1] when finished, else null
 * @param seconds training wall time over all sessions
 */
public record ScaledModel(String schema, String name, String runId, String archId, String space, String genotype,
    Macro macro, String dataset, @JsonInclude(JsonInclude.Include.NON_NULL) String datasetSha256,
    @JsonInclude(JsonInclude.Include.NON_NULL) RunDataset.DatasetOverride datasetOverride, String preset, ScaleBudget budget, Plan plan, Training training, String status,
    int epochsDone, List<Double> lossCurve, Double validationAccuracy, Double testAccuracy, double seconds) {

  public static final String SCHEMA = "nas.scaled/v1";
  public static final String FILE = "scaled.json";
  public static final String CHECKPOINT = "checkpoint.zip";
  public static final String PLANNED = "planned";
  public static final String TRAINING = "training";
  public static final String FINISHED = "finished";

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * The scaled macro network.
   *
   * @param cells DARTS total cells or NB201 cells per stage
   * @param channels initial channels
   * @param input input shape {@code CxHxW}
   * @param classes classes
   * @param stem {@code cifar} or {@code imagenet}
   */
  public record Macro(int cells, int channels, String input, int classes, String stem) {
    public Macro {
      toConfig(cells, channels, input, classes, stem); // validates
    }

    public static Macro of(MacroConfig m) {
      return new Macro(m.cells(), m.channels(), m.input().toString(), m.classes(),
          m.stem().name().toLowerCase(Locale.ROOT));
    }

    public MacroConfig toConfig() {
      return toConfig(cells, channels, input, classes, stem);
    }

    private static MacroConfig toConfig(int cells, int channels, String input, int classes, String stem) {
      if (stem == null || !(stem.equals("cifar") || stem.equals("imagenet"))) {
        throw new IllegalArgumentException("stem must be cifar or imagenet, got " + stem);
      }
      return new MacroConfig(cells, channels, InputShape.parse(input), classes,
          Stem.valueOf(stem.toUpperCase(Locale.ROOT)));
    }
  }

  /**
   * The chosen configuration's costs.
   *
   * @param macs multiply-adds at batch size 1
   * @param params trainable parameters
   * @param latencyMs milliseconds at batch size 1 by target id
   * @param latencySources where each latency came from
   * @param budgetRatio max(value / limit) over the budget's limits
   */
  public record Plan(long macs, long params, Map<String, Double> latencyMs, Map<String, String> latencySources,
      double budgetRatio) {
    public Plan {
      if (macs < 0 || params < 0) {
        throw new IllegalArgumentException("macs and params must be >= 0, got " + macs + ", " + params);
      }
      latencyMs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(latencyMs));
      latencySources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(latencySources));
    }

    public static Plan of(ScaledConfig c) {
      return new Plan(c.macs(), c.params(), c.latencyMs(), c.latencySources(), c.budgetRatio());
    }
  }

  /**
   * Final-model training settings: SGD with Nesterov momentum, one cosine schedule over all epochs.
   *
   * @param epochs epochs in total (>= 1)
   * @param trainImages training images per epoch (0 = the whole training part of the split)
   * @param batchSize minibatch size
   * @param learningRate initial learning rate
   * @param momentum Nesterov momentum
   * @param weightDecay weight decay
   * @param seed seed of the weights and the data order
   * @param validationImages size of the run's validation split (carved out of the training set with the run's seed)
   * @param splitSeed seed of the validation split (the run's seed)
   * @param threads parts each minibatch is split into, trained at once on up to as many cores ({@link
   *     org.nas4j.search.estimate.ShardedFit}); part of the recipe: results depend on it, not on the machine. Files
   *     without it (0) trained on one thread
   */
  public record Training(int epochs, int trainImages, int batchSize, double learningRate, double momentum,
      double weightDecay, long seed, int validationImages, long splitSeed, int threads) {
    public Training {
      toBudget(epochs, trainImages, batchSize, learningRate, momentum, weightDecay, seed); // validates
      if (validationImages < 1) {
        throw new IllegalArgumentException("validationImages must be >= 1, got " + validationImages);
      }
      if (threads == 0) {
        threads = 1; // written before the field existed: trained on one thread
      }
      if (threads < 1 || threads > batchSize) {
        throw new IllegalArgumentException("threads must be in 1.." + batchSize + " (the batch size), got " + threads);
      }
    }

    /** The trainer's budget (no time limit). */
    public TrainingBudget toBudget() {
      return toBudget(epochs, trainImages, batchSize, learningRate, momentum, weightDecay, seed);
    }

    private static TrainingBudget toBudget(int epochs, int trainImages, int batchSize, double learningRate,
        double momentum, double weightDecay, long seed) {
      return new TrainingBudget(epochs, trainImages, batchSize, Optimizer.SGD, learningRate, momentum, weightDecay,
          seed, Duration.ZERO);
    }
  }

  public ScaledModel {
    if (!SCHEMA.equals(schema)) {
      throw new IllegalArgumentException("schema must be " + SCHEMA + ", got " + schema);
    }
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    if (macro == null || plan == null || training == null || genotype == null || space == null) {
      throw new IllegalArgumentException("macro, plan, training, genotype and space are required");
    }
    if (!List.of(PLANNED, TRAINING, FINISHED).contains(status)) {
      throw new IllegalArgumentException("status must be planned, training or finished, got " + status);
    }
    if (epochsDone < 0 || epochsDone > training.epochs()) {
      throw new IllegalArgumentException("epochsDone must be in 0.." + training.epochs() + ", got " + epochsDone);
    }
    lossCurve = lossCurve == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(lossCurve));
  }

  /** A freshly planned model. */
  public static ScaledModel planned(String name, String runId, String archId, String space, String genotype,
      MacroConfig macro, String dataset, String preset, ScaleBudget budget, ScaledConfig plan, Training training) {
    return new ScaledModel(SCHEMA, name, runId, archId, space, genotype, Macro.of(macro), dataset, null, null,
        preset, budget, Plan.of(plan), training, PLANNED, 0, List.of(), null, null, 0);
  }

  /** A copy that records the checksum of its training set and, when the data was given explicitly, the override. */
  public ScaledModel withDataset(String sha256, RunDataset.DatasetOverride override) {
    return new ScaledModel(schema, name, runId, archId, space, genotype, macro, dataset, sha256, override, preset,
        budget, plan, training, status, epochsDone, lossCurve, validationAccuracy, testAccuracy, seconds);
  }

  /** After another finished epoch. */
  public ScaledModel withEpoch(int done, List<Double> curve, double totalSeconds) {
    return new ScaledModel(schema, name, runId, archId, space, genotype, macro, dataset, datasetSha256,
        datasetOverride, preset, budget, plan, training, TRAINING, done, curve, null, null, totalSeconds);
  }

  /** After the last epoch and the final evaluation. */
  public ScaledModel finished(List<Double> curve, double validation, double test, double totalSeconds) {
    return new ScaledModel(schema, name, runId, archId, space, genotype, macro, dataset, datasetSha256,
        datasetOverride, preset, budget, plan, training, FINISHED, training.epochs(), curve, validation, test,
        totalSeconds);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isFinished() {
    return FINISHED.equals(status);
  }

  /** Writes {@code dir/scaled.json} atomically. */
  public void write(Path dir) throws IOException {
    AtomicFiles.write(dir.resolve(FILE), (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads {@code dir/scaled.json}.
   *
   * @throws InvalidArgumentException if it is missing or invalid (unknown keys included)
   */
  public static ScaledModel read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("no scaled model at " + dir + " (no " + FILE + ")");
    }
    try {
      return JSON.readValue(file.toFile(), ScaledModel.class);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(file + " is invalid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
