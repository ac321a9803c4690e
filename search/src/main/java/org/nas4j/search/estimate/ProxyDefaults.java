package org.nas4j.search.estimate;

import java.time.Duration;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;

/**
 * The low-fidelity proxy of DARTS-space searches on small images (Fashion-MNIST 28x28), used by {@code nas search}'s
 * training mode ({@link org.nas4j.search.run.TrainingOptions#defaults}) and {@code nas benchmark fidelity}: 5 cells
 * at 8 channels trained on 1,000 images in batches of 16. One candidate costs about 15-20 s with DL4J on one core of
 * the 2-core development machine. Batch 16 matters: DARTS_V2 reaches 67% validation accuracy after these 1,000
 * images at batch 16 but 26% at batch 32 (45% at 32 with lr 0.1, 17% with Adam 0.003). Why 5 cells: with 3 (reductions at cells 1 and 2) only one normal cell is left and
 * DARTS_V2 stays at 61-64% test accuracy on Fashion-MNIST after 6,000 images, in DL4J and PyTorch alike; 5 cells reach
 * 81% (PyTorch) after 6,000 and 88.1% (DL4J) after 20,000. The ranking quality of this budget is measured by {@code
 * nas benchmark fidelity} (benchmarks/results/fidelity.md). Constants only.
 */
public final class ProxyDefaults {
  /** Cells of the proxy network. */
  public static final int CELLS = 5;

  /** Initial channels of the proxy network. */
  public static final int CHANNELS = 8;

  /** Training images per candidate (the first ones of the seeded shuffle of the training split). */
  public static final int TRAIN_IMAGES = 1000;

  /** Epochs per candidate. */
  public static final int EPOCHS = 1;

  /** Minibatch size. */
  public static final int BATCH_SIZE = 16;

  /** Initial learning rate of SGD with Nesterov momentum 0.9 (cosine-annealed to 0). */
  public static final double LEARNING_RATE = 0.05;

  /** Weight decay. */
  public static final double WEIGHT_DECAY = 3e-4;

  /** Wall-clock limit per candidate. */
  public static final Duration TIME_LIMIT = Duration.ofMinutes(1);

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
