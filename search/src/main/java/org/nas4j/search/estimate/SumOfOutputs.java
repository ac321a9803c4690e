package org.nas4j.search.estimate;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The "loss" whose gradient with respect to the network's output is 1 everywhere: the sum of the outputs, labels
 * ignored. With an identity output activation, backpropagating it gives {@code dR/dtheta} for R = the sum of the
 * logits, which synflow needs ({@link ZeroCostScores#synflow}). Masks are not supported (synflow uses none).
 */
final class SumOfOutputs implements ILossFunction {
  @Override
  public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    double sum = activationFn.getActivation(preOutput.dup(), true).sumNumber().doubleValue();
    return average ? sum / preOutput.size(0) : sum;
  }

  @Override
  public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    return activationFn.getActivation(preOutput.dup(), true).sum(1);
  }

  @Override
  public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    INDArray ones = preOutput.ulike().assign(1);
    return activationFn.backprop(preOutput.dup(), ones).getFirst();
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask, boolean average) {
    return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  @Override
  public String name() {
    return "SumOfOutputs";
  }
}
