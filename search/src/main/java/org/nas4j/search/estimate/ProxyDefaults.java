package org.nas4j.search.estimate;

import java.time.Duration;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;

/**
 * The recommended low-fidelity proxy for DARTS/NB201-space searches on small images (Fashion-MNIST 28x28): the
 * proxy network's macro configuration and the training budget. One candidate costs about 15 s on the shared 2-core
 * development machine (1 OpenMP thread, see {@link org.nas4j.search.build.Dl4jRuntime}, 1000 validation images),
 * and reaches 57-65 % validation accuracy (a 10x budget: 79-82 %). Batch 16 matters: at batch 64 the same 800 images
 * give only 13 updates and ~18 % accuracy. The ranking quality is NOT established yet: {@code nas benchmark
 * fidelity} only got through a few architectures in the time available (see {@code
 * benchmarks/results/fidelity.md}). Constants only.
 */
public final class ProxyDefaults {
  /** Cells of the proxy network. */
  public static final int CELLS = 3;

  /** Initial channels of the proxy network. */
  public static final int CHANNELS = 8;

  /** Training images per candidate (the first ones of the seeded shuffle of the training split). */
  public static final int TRAIN_IMAGES = 800;

  /** Epochs per candidate. */
  public static final int EPOCHS = 1;

  /** Minibatch size. */
  public static final int BATCH_SIZE = 16;

  /** Initial learning rate of SGD with Nesterov momentum 0.9 (cosine-annealed to 0). */
  public static final double LEARNING_RATE = 0.05;

  /** Weight decay. */
  public static final double WEIGHT_DECAY = 3e-4;

  /** Wall-clock limit per candidate. */
  public static final Duration TIME_LIMIT = Duration.ofMinutes(2);

  private ProxyDefaults() {}

  /** The proxy's training budget with the given seed. */
  public static TrainingBudget budget(long seed) {
    return new TrainingBudget(EPOCHS, TRAIN_IMAGES, BATCH_SIZE, Optimizer.SGD, LEARNING_RATE, 0.9, WEIGHT_DECAY,
        seed, TIME_LIMIT);
  }

  /** The proxy network's macro configuration for an input shape and class count (stem chosen by the input size). */
  public static MacroConfig macro(InputShape input, int classes) {
    return new MacroConfig(CELLS, CHANNELS, input, classes, Stem.auto(input));
  }
}
