package org.nas4j.search.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ReLU layer: DL4J's {@code ActivationLayer} with ReLU, whose passes read the input once and write a new array.
 *
 * <p>DL4J's layer copies its input before applying the activation in place (in training, and again in the backward
 * pass), so that the input, which other layers may also read, stays intact. This one writes {@code max(x, 0)} into a
 * new array in one pass and never writes into its input; its backward pass is {@code dL/dx = (x > 0) * dL/dy} in two
 * vectorised native ops into a new array (DL4J's copies the input, then its {@code relu_bp} evaluates a C++ {@code
 * std::function} per element). Immutable once built.
 */
public final class ReluLayer extends ActivationLayer {
  /** A ReLU layer (Jackson uses this constructor too). */
  public ReluLayer() {
    super(Activation.RELU);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray paramsView, boolean initializeParams, DataType dataType) {
    return CustomLayers.wire(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReluLayer && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** The layer itself. */
  static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer {
    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
      assertInputSet(false);
      INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
      Nd4j.getExecutioner().exec(new RectifiedLinear(input, out));
      return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
      assertInputSet(true);
      INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
      Nd4j.getExecutioner().exec(new Step(input, dx, 0.0));
      return new Pair<>(new DefaultGradient(), dx.muli(epsilon));
    }
  }
}
