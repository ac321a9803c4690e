package org.nas4j.search.dl4j;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@code ConvolutionLayer} for convolutions without activation (NCHW, {@code Truncate} mode), as the graph
 * builder makes them, with a leaner backward pass:
 * <ul>
 *   <li>DL4J's layer runs the forward convolution a second time in its backward pass, to feed the activation's
 *       derivative; the identity's derivative does not read it, so this layer skips that pass.
 *   <li>A layer that reads the network's input ({@code inputGradient = false}) computes only its weight gradient
 *       (im2col, one batched matrix product, a sum over the batch) and returns no input gradient. DL4J's oneDNN path
 *       always computes the input gradient, and for the 1-channel input of a stem convolution oneDNN 2.3 picks a
 *       Winograd kernel that took 12x as long as the layer's forward pass (16.6 ms of a 116 ms step on the plain
 *       28x28 reference network).
 * </ul>
 * Everything else (forward pass, oneDNN helper, parameters, JSON form) is DL4J's. Immutable once built.
 */
public final class LinearConvolution extends ConvolutionLayer {
  @JsonProperty("inputGradient")
  private boolean inputGradient = true;

  /** For Jackson. */
  private LinearConvolution() {}

  /**
   * A layer with the builder's settings.
   *
   * @param inputGradient false for a layer that reads the network's input: its input gradient is never used
   * @throws IllegalArgumentException for an activation other than identity, another data format than NCHW or
   *     another convolution mode than {@code Truncate}
   */
  public LinearConvolution(ConvolutionLayer.Builder builder, boolean inputGradient) {
    super(builder);
    ConvolutionUtils.validateConvolutionModePadding(getConvolutionMode(), getPadding());
    ConvolutionUtils.validateCnnKernelStridePadding(getKernelSize(), getStride(), getPadding());
    if (!(getActivationFn() instanceof ActivationIdentity) || getCnn2dDataFormat() != CNN2DFormat.NCHW
        || getConvolutionMode() != ConvolutionMode.Truncate) {
      throw new IllegalArgumentException("LinearConvolution needs identity activation, NCHW and Truncate mode, got "
          + getActivationFn() + ", " + getCnn2dDataFormat() + ", " + getConvolutionMode());
    }
    this.inputGradient = inputGradient;
  }

  /** Whether the backward pass computes the gradient with respect to the layer's input. */
  public boolean inputGradient() {
    return inputGradient;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray paramsView, boolean initializeParams, DataType dataType) {
    return CustomLayers.wire(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearConvolution other && super.equals(o) && inputGradient == other.inputGradient;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
  }

  /** The layer itself. */
  static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    private final EpsilonStandIn standIn = new EpsilonStandIn();

    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      if (!((LinearConvolution) layerConf()).inputGradient()) {
        return weightGradients(epsilon, workspaceMgr);
      }
      return standIn.backprop(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
    }

    /** In the backward pass epsilon stands in for the output (see {@link EpsilonStandIn}). */
    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
      return standIn.output(forBackprop, () -> super.preOutput4d(training, forBackprop, mgr));
    }

    /** dL/dW (and dL/db) only: dW[o, c*kh*kw] = sum over images and output positions of dy[o] * patch[c*kh*kw]. */
    private Pair<Gradient, INDArray> weightGradients(INDArray epsilon, LayerWorkspaceMgr mgr) {
      assertInputSet(true);
      INDArray x = input.castTo(dataType);
      INDArray dy = epsilon.castTo(dataType);
      ConvolutionLayer c = layerConf();
      int[] k = c.getKernelSize();
      int[] s = c.getStride();
      int[] p = c.getPadding();
      int[] d = c.getDilation();
      long n = x.size(0);
      long channels = x.size(1);
      long out = dy.size(1);
      long oh = dy.size(2);
      long ow = dy.size(3);
      long taps = channels * k[0] * k[1];
      INDArray patches = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
          new long[] {n, channels, k[0], k[1], oh, ow}, 'c');
      Convolution.im2col(x, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], false, patches);
      // per image: dW_i[o, taps] = dy_i[o, positions] x patches_i[taps, positions]^T; dW = sum over images
      INDArray perImage = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {n, out, taps}, 'c');
      Nd4j.matmul(dy.reshape('c', n, out, oh * ow), patches.reshape('c', n, taps, oh * ow), perImage, false, true,
          false);
      INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
      INDArray weightGrad2d = Objects.requireNonNull(Shape.newShapeNoCopy(weightGrad, new long[] {out, taps}, false),
          "the weight gradient view is not contiguous");
      perImage.sum(weightGrad2d, 0);
      Gradient g = new DefaultGradient();
      if (c.hasBias()) {
        INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        dy.sum(biasGrad, 0, 2, 3);
        g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
      }
      g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
      weightNoiseParams.clear();
      return new Pair<>(g, null);
    }
  }
}
