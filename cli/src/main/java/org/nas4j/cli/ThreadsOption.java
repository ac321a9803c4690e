package org.nas4j.cli;

import java.util.Locale;
import org.nas4j.search.estimate.ShardedFit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --threads} option of the commands that train one network ({@code nas train}, {@code nas scale}). */
final class ThreadsOption {
  static final String DESCRIPTION = "Split each minibatch into N parts trained at once on up to N cores (data "
      + "parallelism). BatchNorm normalises each part on its own, as PyTorch's DistributedDataParallel does, so N is "
      + "part of the recipe: the same N gives bit-identical results on any machine (default: one per core, at most "
      + ShardedFit.MAX_DEFAULT_SHARDS + ", at least " + ShardedFit.MIN_DEFAULT_SHARD_IMAGES + " images per part).";

  private ThreadsOption() {}

  /**
   * The number of parts: {@code threads} when given, else {@link ShardedFit#defaultShards}.
   *
   * @throws ParameterException unless it is in 1..batchSize
   */
  static int resolve(CommandSpec spec, Integer threads, int batchSize) {
    return threads == null ? ShardedFit.defaultShards(batchSize) : checkParts(spec, "--threads", threads, batchSize);
  }

  /**
   * {@code parts}, the value of {@code option}: the parts a minibatch of {@code batchSize} images is split into.
   *
   * @throws ParameterException unless it is in 1..batchSize
   */
  static int checkParts(CommandSpec spec, String option, int parts, int batchSize) {
    if (parts < 1 || parts > batchSize) {
      throw new ParameterException(spec.commandLine(), option + " must be in 1.." + batchSize + " (the batch size), "
          + "got " + parts);
    }
    return parts;
  }

  /** "1 thread", "2 threads (minibatch in 2 parts)". */
  static String describe(int shards) {
    return shards == 1 ? "1 thread" : String.format(Locale.ROOT, "%d threads (minibatch in %d parts)", shards, shards);
  }
}
