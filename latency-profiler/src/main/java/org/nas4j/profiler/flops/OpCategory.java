package org.nas4j.profiler.flops;

import java.util.Map;
import java.util.HashMap;

/** How an op type is counted; see {@link FlopCounter}. */
public enum OpCategory {
  /** Conv, ConvTranspose, Gemm, MatMul: MACs counted; flops = 2 x MACs. */
  LINEAR(0),
  /** Element-wise arithmetic and activations: one flop per output element. */
  ELEMENTWISE(1),
  /** BatchNormalization, LayerNormalization, InstanceNormalization, LRN, Softmax-like: one flop per output element. */
  NORMALISATION(1),
  /** Max/average/global pooling: one flop per output element. */
  POOLING(1),
  /** ReduceMean and the other reductions, ArgMax/ArgMin: one flop per output element. */
  REDUCTION(1),
  /** Reshape, Transpose, Concat, Slice, Gather, Resize, Cast, ...: no flops. */
  DATA_MOVEMENT(0);

  private final int flopsPerOutputElement;

  OpCategory(int flopsPerOutputElement) {
    this.flopsPerOutputElement = flopsPerOutputElement;
  }

  /** Flops counted per output element (0 for LINEAR, whose flops come from MACs). */
  public int flopsPerOutputElement() {
    return flopsPerOutputElement;
  }

  private static final Map<String, OpCategory> BY_OP = new HashMap<>();

  static {
    for (String op : new String[] {"Conv", "ConvTranspose", "Gemm", "MatMul"}) {
      BY_OP.put(op, LINEAR);
    }
    for (String op : new String[] {"BatchNormalization", "LayerNormalization", "InstanceNormalization", "LRN",
        "MeanVarianceNormalization", "Softmax", "LogSoftmax", "Hardmax"}) {
      BY_OP.put(op, NORMALISATION);
    }
    for (String op : new String[] {"MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool",
        "GlobalLpPool"}) {
      BY_OP.put(op, POOLING);
    }
    for (String op : new String[] {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
        "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin", "TopK", "CumSum"}) {
      BY_OP.put(op, REDUCTION);
    }
    for (String op : new String[] {"Identity", "Dropout", "Cast", "CastLike", "Concat", "Split", "Slice", "Reshape",
        "Flatten", "Transpose", "Gather", "GatherElements", "ScatterND", "ScatterElements", "Shape", "Size",
        "Constant", "ConstantOfShape", "Squeeze", "Unsqueeze", "Expand", "Tile", "Range", "Pad", "Resize", "Upsample",
        "DepthToSpace", "SpaceToDepth", "EyeLike", "Trilu"}) {
      BY_OP.put(op, DATA_MOVEMENT);
    }
  }

  /** The category of an op type; anything not listed (activations, arithmetic, comparisons, Where) is ELEMENTWISE. */
  public static OpCategory of(String opType) {
    return BY_OP.getOrDefault(opType, ELEMENTWISE);
  }
}
