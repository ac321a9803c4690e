package org.nas4j.cli;

import org.nas4j.search.run.TrainingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code nas search}'s training mode: the dataset, the proxy network and budget, and the final stage. */
final class TrainingModeOptions {
  @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "fashion-mnist",
      description = "Training mode: fashion-mnist, fashion-mnist:embedded, fashion-mnist:DIR, mnist:DIR, "
          + "cifar10:DIR or folder:DIR (default: ${DEFAULT-VALUE}). With --resume the run continues on its own "
          + "data (found by checksum); --dataset then overrides it and is recorded as such.")
  String dataset;

  @Option(names = "--cells", paramLabel = "N", description = "Training mode: cells of the proxy network.")
  Integer cells;

  @Option(names = "--channels", paramLabel = "C", description = "Training mode: channels of the proxy network.")
  Integer channels;

  @Option(names = "--epochs", paramLabel = "E", description = "Training mode: epochs per candidate.")
  Integer epochs;

  @Option(names = "--train-images", paramLabel = "N", description = "Training mode: training images per candidate.")
  Integer trainImages;

  @Option(names = "--final-members", paramLabel = "K",
      description = "Training mode: front members the final stage trains, all with the same budget (default: "
          + TrainingOptions.DEFAULT_FINAL_MEMBERS + ": both ends of the latency range, the knee and members in "
          + "between; 0: no final stage; more than the front holds: all of it).")
  Integer finalMembers;

  @Option(names = "--final-time", paramLabel = "DURATION",
      description = "Training mode: time of the final stage, less what the search phase ran over --time (default: "
          + "10m30s; with the default --time of 8m the README's main command stays within 20 minutes).")
  String finalTime;

  @Option(names = "--final-epochs", paramLabel = "E",
      description = "Training mode: epochs of every trained member's final training (with --final-train-images).")
  Integer finalEpochs;

  @Option(names = "--final-train-images", paramLabel = "N",
      description = "Training mode: training images per epoch of every trained member (default: as many as fit the "
          + "final stage's time; 0 = all; more than the training split holds become more epochs).")
  Integer finalTrainImages;

  @Option(names = "--accuracy-signal", paramLabel = "SIGNAL",
      description = "Training mode: what the search ranks accuracy by: proxy (the proxy training's validation error, "
          + "the default) or proxy+naswot (that error blended with the NASWOT score of the untrained network, "
          + "standardised on the initial population: objective signalError; it ranks candidates closer to longer "
          + "training but gave worse trained fronts on the main job: benchmarks/results/strategy.md).")
  String accuracySignal;

  /** Training-mode options: the defaults for the space, overridden by what was given. */
  TrainingOptions options(CommandSpec spec, String sp) {
    TrainingOptions d = TrainingOptions.defaults(dataset, sp);
    try {
      return new TrainingOptions(dataset, cells != null ? cells : d.cells(), channels != null ? channels : d.channels(),
          epochs != null ? epochs : d.epochs(), trainImages != null ? trainImages : d.trainImages(), d.batchSize(),
          d.learningRate(), d.weightDecay(), d.validationImages(), d.finalBatchSize(),
          finalEpochs != null ? finalEpochs : d.finalEpochs(),
          finalTrainImages != null ? finalTrainImages : d.finalTrainImages(),
          finalMembers != null ? finalMembers : d.finalMembers(),
          d.candidateTimeLimitSeconds(),
          finalTime != null ? (int) Durations.seconds(spec, "--final-time", finalTime) : d.finalTimeLimitSeconds(),
          accuracySignal != null ? accuracySignal : d.accuracySignal());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
