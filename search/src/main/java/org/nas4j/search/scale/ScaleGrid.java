package org.nas4j.search.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.Nb201Space;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The configurations the planner tries: depths (DARTS total cells, NB201 cells per stage), initial channels
 * (ascending; cost grows with them) and input shapes. Immutable.
 *
 * @param cells depth candidates, ascending
 * @param channels channel candidates, ascending
 * @param inputs input shapes, largest first
 */
public record ScaleGrid(List<Integer> cells, List<Integer> channels, List<InputShape> inputs) {
  /** DARTS depth candidates (total cells; DARTS' CIFAR network has 20, its ImageNet network 14). */
  public static final List<Integer> DARTS_CELLS = List.of(5, 8, 11, 14, 17, 20);

  /** Input sizes tried for ImageNet-sized input (each divisible by 32, as the ImageNet stem needs). */
  public static final List<Integer> IMAGENET_SIZES = List.of(224, 192, 160, 128);

  /** Inputs at least this many pixels high and wide are ImageNet-sized: smaller resolutions are tried too. */
  public static final int IMAGENET_SIZED_MIN_PIXELS = 128;

  public ScaleGrid {
    cells = List.copyOf(cells);
    channels = List.copyOf(channels);
    inputs = List.copyOf(inputs);
    if (cells.isEmpty() || channels.isEmpty() || inputs.isEmpty()) {
      throw new IllegalArgumentException("cells, channels and inputs must not be empty, got " + cells + ", "
          + channels + ", " + inputs);
    }
    for (int i = 1; i < channels.size(); i++) {
      if (channels.get(i) <= channels.get(i - 1)) {
        throw new IllegalArgumentException("channels must be ascending, got " + channels);
      }
    }
  }

  /**
   * The default grid of a space for a native input shape. Depth: DARTS {5, 8, ..., 20} total cells, NB201 1..6 cells
   * per stage, unless {@code fixedCells} is given. Channels: multiples of 4 from 8 (NB201: 4) to 512. Inputs: the
   * native shape, and for ImageNet-sized input (>= 128 px) also 224, 192, 160, 128 square up to the native size;
   * {@code fixedResolution} (pixels, square) replaces them.
   *
   * @throws InvalidArgumentException for an unknown space or a resolution larger than the native input
   */
  public static ScaleGrid of(String space, InputShape nativeInput, Integer fixedCells, Integer fixedResolution) {
    boolean darts = DartsSpace.NAME.equals(space);
    if (!darts && !Nb201Space.NAME.equals(space)) {
      throw new InvalidArgumentException("cannot scale space '" + space + "'; scalable spaces: darts, nb201");
    }
    if (fixedCells != null && fixedCells < 1) {
      throw new InvalidArgumentException("cells must be >= 1, got " + fixedCells);
    }
    List<Integer> cells = fixedCells != null ? List.of(fixedCells)
        : darts ? DARTS_CELLS : IntStream.rangeClosed(1, 6).boxed().toList();
    List<Integer> channels = IntStream.iterate(darts ? 8 : 4, c -> c <= 512, c -> c + 4).boxed().toList();
    List<InputShape> inputs = new ArrayList<>();
    int side = Math.min(nativeInput.height(), nativeInput.width());
    if (fixedResolution != null) {
      if (fixedResolution < 1 || fixedResolution > side) {
        throw new InvalidArgumentException("resolution must be in 1.." + side + " (the input " + nativeInput
            + "), got " + fixedResolution);
      }
      inputs.add(new InputShape(nativeInput.channels(), fixedResolution, fixedResolution));
    } else {
      inputs.add(nativeInput);
      if (side >= IMAGENET_SIZED_MIN_PIXELS) {
        for (int r : IMAGENET_SIZES) {
          InputShape s = new InputShape(nativeInput.channels(), r, r);
          if (r <= side && !s.equals(nativeInput)) {
            inputs.add(s);
          }
        }
      }
    }
    return new ScaleGrid(cells, channels, inputs);
  }

  /** A copy with one depth and the native input only (a preset fixes both). */
  public ScaleGrid fixed(int depth, InputShape input) {
    return new ScaleGrid(List.of(depth), channels, List.of(input));
  }
}
