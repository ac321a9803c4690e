package org.nas4j.search.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU for DL4J's {@code ActivationLayer} that never writes into the layer's input at inference. Networks built now
 * use {@link ReluLayer}; this activation stays so that {@code nas scale} checkpoints written by earlier builds, whose
 * network JSON names it, still restore and resume.
 *
 * <p>It writes into a new array at inference (in the workspace the layer moved its input to) and in place in training
 * (where DL4J's layer hands it a copy); its backward pass works in place on the copy the layer hands it. Stateless.
 */
public final class CopyingRelu extends BaseActivationFunction {
  /** Creates the activation (no parameters; Jackson uses this constructor too). */
  public CopyingRelu() {}

  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    INDArray out = training ? in : alike(in);
    Nd4j.getExecutioner().exec(new RectifiedLinear(in, out));
    return out;
  }

  /** A new array like {@code in}, in the same workspace (the layer has put its input where its output belongs). */
  private static INDArray alike(INDArray in) {
    MemoryWorkspace home = in.isAttached() ? in.data().getParentWorkspace() : null;
    try (MemoryWorkspace ignored = home == null ? Nd4j.getMemoryManager().scopeOutOfWorkspaces()
        : home.notifyScopeBorrowed()) {
      return in.ulike();
    }
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    Nd4j.getExecutioner().exec(new Step(in, in, 0.0));
    return new Pair<>(in.muli(epsilon), null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CopyingRelu;
  }

  @Override
  public int hashCode() {
    return CopyingRelu.class.hashCode();
  }

  @Override
  public String toString() {
    return "relu";
  }
}
