package org.nas4j.search.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.RunDataset;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.latency.LatencyOracle;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.MeasureMode;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * {@code nas scale}'s application work: what to scale ({@link Source}: a run directory's front members with their
 * dataset, or one architecture), the budget, the plan of each model ({@link #plan}) and the training of the planned
 * models ({@link #start}, {@link #train}). Bad input throws {@link InvalidArgumentException} before anything is
 * written. DL4J starts where a dataset is read or a network built (see {@code org.nas4j.search.dl4j}). Not thread-safe.
 */
public final class ScaleJob {
  private ScaleJob() {}

  /**
   * One model to plan and maybe train.
   *
   * @param id the short id that names it by default
   * @param archId its architecture's id
   * @param arch its architecture
   */
  public record Model(String id, String archId, Architecture arch) {}

  /**
   * What is scaled.
   *
   * @param run the run directory, or null for a single architecture (plan only)
   * @param models the models
   * @param input the input shape
   * @param classes the number of classes
   * @param dataset the dataset text, or null without a run
   * @param data the dataset read at {@code input}, or null without a run
   * @param resolved how the dataset was found (the run's by checksum, or an override), or null without a run
   */
  public record Source(SearchRunDir run, List<Model> models, InputShape input, int classes, String dataset,
      Dataset data, RunDataset.Resolved resolved) {
    /** Copies the list. */
    public Source {
      models = List.copyOf(models);
    }

    /**
     * Front members of a finished training-mode run, and its dataset (or {@code dataset}) read at {@code input}. The
     * run's dataset is the one with the checksum it recorded ({@link SearchRunDir#dataset}); {@code dataset} is an
     * override, recorded as such in every {@code scaled.json}.
     *
     * @param dataset an explicit {@code --dataset}, or null for the run's
     * @param member an archId prefix, or null with {@code all}
     * @param input the input shape, or null for the dataset's
     * @param classes the number of classes, or null for the dataset's
     */
    public static Source ofRun(Path dir, String member, boolean all, String dataset, InputShape input,
        Integer classes) {
      SearchRunDir run = SearchRunDir.read(dir);
      if (run.members().isEmpty()) {
        throw new InvalidArgumentException(dir + ": the front is empty; nothing to scale");
      }
      List<Model> models = new ArrayList<>();
      for (SearchRunDir.Member m : all ? run.members() : List.of(run.member(member))) {
        models.add(new Model(m.shortId(), m.archId(), run.architecture(m)));
      }
      String text = dataset != null ? dataset : run.training().dataset();
      RunDataset.Resolved resolved = run.dataset(dataset);
      Dataset data = input == null ? resolved.data() : resolved.at(shape(input));
      int[] s = data.imageShape();
      InputShape in = new InputShape(s[0], s[1], s[2]);
      if (input != null && !input.equals(in)) {
        throw new InvalidArgumentException("--input " + input + " does not match the " + text + " images (" + in
            + "); only folder datasets are resized");
      }
      if (classes != null && classes != data.classes()) {
        throw new InvalidArgumentException("--classes " + classes + " does not match the " + data.classes()
            + " classes of " + text);
      }
      return new Source(run, models, in, data.classes(), text, data, resolved);
    }

    /** One architecture, to plan without training. */
    public static Source ofArchitecture(Architecture a, InputShape input, Integer classes) {
      return new Source(null, List.of(new Model(a.shortId(), a.archId(), a)), input, classes != null ? classes : 10,
          null, null, null);
    }
  }

  /**
   * The plan.
   *
   * @param source what is scaled
   * @param targetIds the targets whose latency is planned for
   * @param budget the budget
   * @param preset the preset, or null for explicit limits
   * @param names each model's name
   * @param configs each model's planned configuration
   */
  public record Plan(Source source, List<String> targetIds, ScaleBudget budget, ScalePreset preset,
      List<String> names, List<ScaledConfig> configs) {}

  /**
   * The explicit limits when any is given, else the preset's MACs budget.
   *
   * @throws InvalidArgumentException without preset and limits, or for a limit that is not a positive number
   */
  public static ScaleBudget budget(ScalePreset preset, InputShape in, List<String> targetIds, Double maxLatencyMs,
      Double maxMacs, Double maxParams) {
    if (maxLatencyMs == null && maxMacs == null && maxParams == null) {
      if (preset == null) {
        throw new InvalidArgumentException("give --preset mobile|server or a limit (--max-macs, --max-params, "
            + "--max-latency-ms)");
      }
      return ScaleBudget.macs(preset.macsBudget(in));
    }
    for (Double v : new Double[] {maxLatencyMs, maxMacs, maxParams}) {
      if (v != null && !(v > 0 && Double.isFinite(v))) {
        throw new InvalidArgumentException("--max-latency-ms, --max-macs and --max-params must be positive numbers, "
            + "got " + v);
      }
    }
    Map<String, Double> latency = new LinkedHashMap<>();
    if (maxLatencyMs != null) {
      for (String t : targetIds) {
        latency.put(t, maxLatencyMs);
      }
    }
    return new ScaleBudget(maxMacs == null ? null : Math.round(maxMacs),
        maxParams == null ? null : Math.round(maxParams), latency);
  }

  /**
   * Plans every model of {@code source}: the largest configuration of the grid within the budget.
   *
   * @param cells fixed depth, or null
   * @param channels fixed channels, or null
   * @param resolution fixed resolution, or null
   * @param name the model's name (one model only), or null for {@code <id>-<preset or custom>}
   */
  public static Plan plan(Source source, List<TargetProfile> targets, ScaleBudget budget, ScalePreset preset,
      Integer cells, Integer channels, Integer resolution, String name) throws IOException {
    String space = source.models().get(0).arch().space();
    InputShape in = source.input();
    ScaleGrid grid = ScaleGrid.of(space, in, cells, resolution);
    if (preset != null) {
      int depth = cells != null ? cells : preset.cells(space, in);
      grid = grid.fixed(depth, resolution != null ? grid.inputs().get(0) : in);
    }
    if (channels != null) {
      grid = new ScaleGrid(grid.cells(), List.of(channels), grid.inputs());
    }
    Path scratch = Files.createTempDirectory("nas-scale");
    scratch.toFile().deleteOnExit();
    List<LatencyOracle> oracles = new ArrayList<>();
    for (TargetProfile t : targets) {
      if (t.measure() != MeasureMode.PREDICT) {
        Dl4jRuntime.init();
      }
      oracles.add(LatencyOracle.of(t, scratch));
    }
    String label = preset == null ? "custom" : preset.label();
    List<ScaledConfig> configs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Model m : source.models()) {
      configs.add(new ScalePlanner(m.arch(), source.classes(), budget, oracles).plan(grid));
      names.add(name != null ? name : m.id() + "-" + label);
    }
    return new Plan(source, targets.stream().map(TargetProfile::id).toList(), budget, preset, names, configs);
  }

  /** The folder of a scaled model of a run. */
  public static Path folder(Path runDir, String name) {
    return runDir.resolve("scaled").resolve(name);
  }

  /** How a training goes, for progress output. */
  public interface Listener extends Dl4jProxyTrainer.Progress {
    /** A model's training starts on {@code split} of {@code data}. */
    void starting(ScaledModel model, Path folder, Dataset data, Dataset.Split split);

    /** A model finished. */
    void finished(ScaledModel model);
  }

  /**
   * Writes every planned model of a run under {@code DIR/scaled/NAME} and trains them one after another.
   *
   * @param recipe the training recipe ({@code seed} null: the run's)
   * @throws InvalidArgumentException if a model's folder exists already (before anything is written)
   */
  public static List<ScaledModel> start(Plan plan, Recipe recipe, Listener listener) throws IOException {
    SearchRunDir run = plan.source().run();
    for (String n : plan.names()) {
      Path folder = folder(run.dir(), n);
      if (Files.exists(folder.resolve(ScaledModel.FILE))) {
        throw new InvalidArgumentException(folder + " already exists; continue it with 'nas scale " + run.dir()
            + " --resume " + n + "' or choose another --name");
      }
    }
    long trainSeed = recipe.seed() != null ? recipe.seed() : run.seed();
    List<ScaledModel> done = new ArrayList<>();
    for (int i = 0; i < plan.names().size(); i++) {
      Model j = plan.source().models().get(i);
      ScaledConfig c = plan.configs().get(i);
      MacroConfig macro = new MacroConfig(c.cells(), c.channels(), c.input(), plan.source().classes(), null);
      ScaledModel.Training training = new ScaledModel.Training(recipe.epochs(), recipe.trainImages(),
          recipe.batchSize(), recipe.learningRate(), 0.9, run.training().weightDecay(), trainSeed,
          run.training().validationImages(), run.seed(), recipe.shards());
      Dataset data = plan.source().resolved().at(shape(c.input()));
      ScaledModel planned = ScaledModel.planned(plan.names().get(i), run.runId(), j.archId(), j.arch().space(),
          j.arch().toText(), macro, plan.source().dataset(), plan.preset() == null ? null : plan.preset().label(),
          plan.budget(), c, training).withDataset(data.train().sha256(), plan.source().resolved().override());
      Path folder = folder(run.dir(), plan.names().get(i));
      planned.write(folder);
      done.add(train(folder, planned, data, listener));
    }
    return done;
  }

  /**
   * The training recipe of new models.
   *
   * @param epochs epochs, one cosine schedule
   * @param trainImages training images (0 = all)
   * @param batchSize minibatch size
   * @param learningRate initial learning rate
   * @param seed seed of weights and data order, or null for the run's
   * @param shards parts each minibatch is split into
   */
  public record Recipe(int epochs, int trainImages, int batchSize, double learningRate, Long seed, int shards) {}

  /**
   * Trains (or continues) a scaled model on {@code loaded} when that is its dataset at its input size, else on its
   * dataset read again ({@link #data}).
   */
  public static ScaledModel train(Path folder, ScaledModel m, Dataset loaded, Listener listener) throws IOException {
    InputShape in = InputShape.parse(m.macro().input());
    Dataset data = loaded != null && Arrays.equals(loaded.imageShape(),
        shape(in)) ? loaded : data(m);
    int[] s = data.imageShape();
    if (s[0] != in.channels() || s[1] != in.height() || s[2] != in.width()) {
      throw new InvalidArgumentException("the scaled model's input is " + in + " but " + m.dataset() + " has "
          + s[0] + "x" + s[1] + "x" + s[2] + " images (only folder datasets are resized); fix --resolution");
    }
    int validation = Math.min(m.training().validationImages(), data.train().count() / 2);
    Dataset.Split split = data.split(validation, m.training().splitSeed());
    listener.starting(m, folder, data, split);
    ScaledModel done = new ScaledTrainer(folder, data, split).train(m, listener);
    listener.finished(done);
    return done;
  }

  /**
   * A scaled model's dataset at its input size: the data with the checksum its {@code scaled.json} recorded
   * ({@code datasetSha256}; files without one take {@code dataset} unchecked).
   *
   * @throws InvalidArgumentException (one line) when that data is not available here
   */
  public static Dataset data(ScaledModel m) {
    return RunDataset.resolve(m.dataset(), m.datasetSha256(), null, shape(InputShape.parse(m.macro().input())),
        "scaled model " + m.name(), "make that data available again to continue or export it").data();
  }

  private static int[] shape(InputShape in) {
    return new int[] {in.channels(), in.height(), in.width()};
  }
}
