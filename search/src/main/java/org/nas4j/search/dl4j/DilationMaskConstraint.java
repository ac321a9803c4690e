package org.nas4j.search.dl4j;

import java.util.Set;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps a dense {@code DepthwiseConvolution2D} kernel equal to a dilated one: after every parameter update it zeroes
 * all taps of the [K, K, C, 1] weight except those at multiples of the dilation, where {@code K = dilation * (kernel
 * - 1) + 1}. Because SGD, momentum, Adam and weight decay act element by element, the kept taps evolve exactly as
 * the weights of a dilated convolution would. Used by {@link Dl4jGraphBuilder} for {@code dil_conv} edges, since
 * libnd4j M2.1's oneDNN depthwise op rejects dilation and {@code SeparableConvolution2D} is several times slower.
 * Not thread-safe (caches its mask).
 */
public final class DilationMaskConstraint extends BaseConstraint {
  private int kernel;
  private int dilation;
  private transient INDArray mask;

  /** For JSON deserialisation of network configurations. */
  public DilationMaskConstraint() {
    super(Set.of("W"));
  }

  /**
   * @param kernel the dilated kernel's size (3 or 5 in DARTS)
   * @param dilation the dilation (>= 1)
   */
  public DilationMaskConstraint(int kernel, int dilation) {
    super(Set.of("W"));
    if (kernel < 1 || dilation < 1) {
      throw new IllegalArgumentException("kernel and dilation must be >= 1, got " + kernel + " and " + dilation);
    }
    this.kernel = kernel;
    this.dilation = dilation;
  }

  /** The dense kernel size {@code dilation * (kernel - 1) + 1}. */
  public static int denseKernel(int kernel, int dilation) {
    return dilation * (kernel - 1) + 1;
  }

  /** The dilated kernel's size. */
  public int getKernel() {
    return kernel;
  }

  /** Sets the dilated kernel's size (JSON). */
  public void setKernel(int kernel) {
    this.kernel = kernel;
  }

  /** The dilation. */
  public int getDilation() {
    return dilation;
  }

  /** Sets the dilation (JSON). */
  public void setDilation(int dilation) {
    this.dilation = dilation;
  }

  @Override
  public void apply(INDArray w) {
    if (mask == null || !java.util.Arrays.equals(mask.shape(), w.shape()) || mask.dataType() != w.dataType()) {
      mask = mask(w.shape(), w.dataType());
    }
    w.muli(mask);
  }

  private INDArray mask(long[] shape, DataType type) {
    int big = denseKernel(kernel, dilation);
    if (shape.length != 4 || shape[0] != big || shape[1] != big) {
      throw new IllegalStateException("expected a [" + big + ", " + big + ", C, m] depthwise weight, got "
          + java.util.Arrays.toString(shape));
    }
    int inner = Math.toIntExact(shape[2] * shape[3]);
    float[] m = new float[big * big * inner];
    for (int a = 0; a < big; a += dilation) {
      for (int b = 0; b < big; b += dilation) {
        java.util.Arrays.fill(m, (a * big + b) * inner, (a * big + b + 1) * inner, 1f);
      }
    }
    return Nd4j.create(m, shape, 'c').castTo(type);
  }

  @Override
  public DilationMaskConstraint clone() {
    return new DilationMaskConstraint(kernel, dilation);
  }
}
