package org.nas4j.search.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.data.RunDataset;
import org.nas4j.search.run.EvaluatorFactory;
import org.nas4j.search.run.FrontExporter;
import org.nas4j.search.run.Provenance;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.tabular.Nb201GenomeSpace;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;
import org.nas4j.targets.TargetResolver;

/**
 * Training mode of {@code nas search}: requests get a {@link TrainingEvaluator} and, at the end, the front is
 * retrained and exported by {@link TrainedFrontExporter}. One instance serves one search (it remembers the evaluator
 * it made for the export). Tabular requests are {@code org.nas4j.search.tabular.TabularEvaluatorFactory}'s; {@link
 * EvaluatorFactory#byMode} puts the two together.
 */
public final class TrainingEvaluatorFactory implements EvaluatorFactory, FrontExporter {
  private final String nasVersion;
  private final TrainedFrontExporter.Progress progress;
  private final int jobs;
  private TrainingEvaluator last;
  private String datasetOverride;

  /**
   * @param jobs candidates trained at once (one per core is fastest; each training uses the configured OpenMP thread
   *     count); the search's outcome does not depend on it
   */
  public TrainingEvaluatorFactory(String nasVersion, TrainedFrontExporter.Progress progress, int jobs) {
    this.nasVersion = nasVersion;
    this.progress = progress;
    this.jobs = jobs;
  }

  @Override
  public GenomeSpace space(SearchRequest request) {
    requireTraining(request);
    return switch (request.space()) {
      case "nb201" -> new Nb201GenomeSpace();
      case "darts" -> new ArchitectureGenomeSpace<>(SearchSpaces.byName("darts"));
      default -> throw new InvalidArgumentException("unknown search space '" + request.space()
          + "' for training mode; known: darts, nb201 (fbnet has no trainable builder yet; use it with --table)");
    };
  }

  /**
   * Makes {@link #resumeEvaluator} train on {@code dataset} (a {@code --dataset} text) instead of the run's data; the
   * evaluator's provenance then records it under {@code datasetOverride}, and so does the resume entry of {@code
   * run.json}. Null (the default) continues on the run's own data.
   */
  public TrainingEvaluatorFactory datasetOverride(String dataset) {
    this.datasetOverride = dataset;
    return this;
  }

  /** The {@code --dataset} text given with {@link #datasetOverride(String)}, or null (the run's own data). */
  public String datasetOverride() {
    return datasetOverride;
  }

  @Override
  public CandidateEvaluator evaluator(SearchRequest request, GenomeSpace space) {
    return evaluator(request, space, options -> {
      DatasetSpec spec = DatasetSpec.parse(options.dataset());
      Dataset data = spec.load(RunDataset.searchShape());
      return new RunDataset.Resolved(data, spec, data.train().sha256(), null);
    });
  }

  /** Continues a run on the data it recorded (by checksum), or on the {@link #datasetOverride}. */
  @Override
  public CandidateEvaluator resumeEvaluator(SearchRequest request, GenomeSpace space, Provenance recorded) {
    Object sha = recorded == null || recorded.evaluator() == null ? null : recorded.evaluator().get("datasetSha256");
    return evaluator(request, space, options -> RunDataset.resolve(options.dataset(),
        sha == null ? null : sha.toString(), datasetOverride, RunDataset.searchShape(), "this run",
        RunDataset.OVERRIDE_HINT));
  }

  private CandidateEvaluator evaluator(SearchRequest request, GenomeSpace space,
      Function<TrainingOptions, RunDataset.Resolved> dataset) {
    requireTraining(request);
    TrainingOptions options = request.training() != null ? request.training()
        : TrainingOptions.defaults("fashion-mnist", request.space());
    List<TargetProfile> targets =
        TargetResolver.resolveAll(request.targets(), null, TargetResolver.DEFAULT_TARGET);
    Dl4jRuntime.init();
    RunDataset.Resolved resolved = dataset.apply(options);
    Dataset data = resolved.data();
    Path scratch;
    try {
      scratch = Files.createTempDirectory("nas-search");
      scratch.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    last = new TrainingEvaluator(space, request.space(), options, data, request.seed(), targets, scratch, jobs,
        resolved.override());
    return last;
  }

  private static void requireTraining(SearchRequest request) {
    if (request.tabular()) {
      throw new TargetUnavailableException("this factory serves training mode only; tabular mode (--table FILE) is "
          + "org.nas4j.search.tabular.TabularEvaluatorFactory");
    }
  }

  @Override
  public Result export(Path runDir, List<Evaluation> front, List<String> objectives,
      List<ObjectiveBound> constraints, Duration searchOvertime) {
    if (last == null) {
      return Result.NONE;
    }
    return new TrainedFrontExporter(last, nasVersion, progress).export(runDir, front, objectives, constraints,
        searchOvertime);
  }
}
