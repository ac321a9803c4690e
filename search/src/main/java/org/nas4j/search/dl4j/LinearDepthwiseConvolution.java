package org.nas4j.search.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code DepthwiseConvolution2D} without activation (NCHW), whose backward pass does not run the forward
 * convolution a second time: DL4J's layer does, only to feed the activation's derivative, which the identity does
 * not read (see {@link LinearConvolution}). Everything else is DL4J's. Immutable once built.
 */
public final class LinearDepthwiseConvolution extends DepthwiseConvolution2D {
  /** For Jackson. */
  private LinearDepthwiseConvolution() {}

  /**
   * A layer with the builder's settings.
   *
   * @throws IllegalArgumentException for an activation other than identity or another data format than NCHW
   */
  public LinearDepthwiseConvolution(DepthwiseConvolution2D.Builder builder) {
    super(builder);
    ConvolutionUtils.validateConvolutionModePadding(getConvolutionMode(), getPadding());
    ConvolutionUtils.validateCnnKernelStridePadding(getKernelSize(), getStride(), getPadding());
    if (!(getActivationFn() instanceof ActivationIdentity) || getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new IllegalArgumentException("LinearDepthwiseConvolution needs identity activation and NCHW, got "
          + getActivationFn() + ", " + getCnn2dDataFormat());
    }
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray paramsView, boolean initializeParams, DataType dataType) {
    return CustomLayers.wire(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearDepthwiseConvolution && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** The layer itself. */
  static final class Impl extends DepthwiseConvolution2DLayer {
    private final EpsilonStandIn standIn = new EpsilonStandIn();

    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      return standIn.backprop(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
    }

    /** In the backward pass epsilon stands in for the output (see {@link EpsilonStandIn}). */
    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
      return standIn.output(forBackprop, () -> super.preOutput4d(training, forBackprop, mgr));
    }
  }
}
