package org.nas4j.search.latency;

import java.util.ArrayList;
import java.util.List;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Nb201Op;

/**
 * NB201 arch string to runtime ops, in the NB201 CIFAR-10 skeleton: stem conv3x3 3->16; three stages of five cells
 * at 16@32x32, 32@16x16, 64@8x8 joined by stride-2 ResNet blocks; BN+ReLU, global pooling, linear 64->10.
 *
 * <p>How a cell is lowered (chosen by held-out error on the Pixel 3 table, see the report): {@code none} edges are
 * kept as zero-multiplications (the NB201 exporter keeps {@code x*0}); each {@code nor_conv} is a stand-alone ReLU
 * and a fused Conv+BN; a second ReLU of the same node is a duplicate (converters may share it); each node with
 * {@code n > 1} non-zero inputs is one n-ary Add; ops whose result cannot reach the cell output are marked dead.
 * A cell whose output does not depend on its input makes the whole network constant, and the converter folds it
 * away: such networks lower to no ops at all.
 */
final class Nb201Ops {

  private Nb201Ops() {}

  static List<OpSpec> lower(String arch) {
    Nb201Op[] edge = Nb201Arch.parse(arch).ops().toArray(Nb201Op[]::new);
    boolean[] live = new boolean[4];
    live[0] = true;
    for (int k = 0; k < 6; k++) {
      if (edge[k] != Nb201Op.NONE && live[Nb201Arch.FROM[k]]) {
        live[Nb201Arch.TO[k]] = true;
      }
    }
    boolean connected = live[3];
    boolean[] reaches = new boolean[4];
    reaches[3] = connected;
    for (int k = 6 - 1; k >= 0; k--) {
      if (edge[k] != Nb201Op.NONE && reaches[Nb201Arch.TO[k]]) {
        reaches[Nb201Arch.FROM[k]] = true;
      }
    }
    // Once a cell's output no longer depends on its input, everything after it is constant and everything before
    // it is dead: stem and first cell are dead, later ops constant.
    Net net = new Net(connected);
    net.add(OpSpec.of(KernelType.CONV, 32, 32, 3, 16, 3, 1, 1), false);
    int c = 16;
    int h = 32;
    for (int stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        net.add(OpSpec.of(KernelType.RELU, h, h, c, c, 1, 1, 1), true);
        net.add(OpSpec.of(KernelType.CONV, h, h, c, 2 * c, 3, 2, 1), true);
        net.add(OpSpec.of(KernelType.CONV, h / 2, h / 2, 2 * c, 2 * c, 3, 1, 1), true);
        net.add(OpSpec.of(KernelType.POOL, h, h, c, c, 2, 2, 1), true);
        net.add(OpSpec.of(KernelType.POINTWISE, h / 2, h / 2, c, 2 * c, 1, 1, 1), true);
        net.add(new OpSpec(KernelType.ADD, h / 2, h / 2, 2 * c, 2 * c, 1, 1, 1, 2, false, false, false), true);
        c *= 2;
        h /= 2;
      }
      for (int cell = 0; cell < 5; cell++) {
        cell(edge, live, reaches, c, h, net, stage == 0 && cell == 0);
      }
    }
    net.add(OpSpec.of(KernelType.RELU, h, h, c, c, 1, 1, 1), true);
    net.add(OpSpec.of(KernelType.GLOBAL_POOL, h, h, c, c, 1, 1, 1), true);
    net.add(OpSpec.of(KernelType.LINEAR, 1, 1, c, 10, 1, 1, 1), true);
    return List.copyOf(net.ops);
  }

  /** Collects ops; in a disconnected network marks ops after the first cell constant and the rest dead. */
  private static final class Net {
    final boolean connected;
    final List<OpSpec> ops = new ArrayList<>();

    Net(boolean connected) {
      this.connected = connected;
    }

    void add(OpSpec op, boolean afterFirstCell) {
      if (connected) {
        ops.add(op);
      } else {
        ops.add(afterFirstCell ? op.asConstant() : op.asDead());
      }
    }
  }

  private static void cell(Nb201Op[] edge, boolean[] live, boolean[] reaches, int c, int h, Net net,
      boolean firstCell) {
    boolean afterFirst = !firstCell;
    boolean[] reluDone = new boolean[4];
    boolean[] mulDone = new boolean[4];
    for (int k = 0; k < 6; k++) {
      int from = Nb201Arch.FROM[k];
      int to = Nb201Arch.TO[k];
      boolean constant = !live[from];
      boolean dead = !reaches[to];
      OpSpec op = null;
      OpSpec relu = null;
      switch (edge[k]) {
        case NONE -> {
          op = OpSpec.of(KernelType.MUL, h, h, c, c, 1, 1, 1);
          op = mulDone[from] ? op.asDuplicate() : op;
          mulDone[from] = true;
          dead = true;
        }
        case NOR_CONV_1X1, NOR_CONV_3X3 -> {
          relu = OpSpec.of(KernelType.RELU, h, h, c, c, 1, 1, 1);
          relu = reluDone[from] ? relu.asDuplicate() : relu;
          reluDone[from] = true;
          boolean k3 = edge[k] == Nb201Op.NOR_CONV_3X3;
          op = OpSpec.of(k3 ? KernelType.CONV : KernelType.POINTWISE, h, h, c, c, k3 ? 3 : 1, 1, 1);
        }
        case AVG_POOL_3X3 -> op = OpSpec.of(KernelType.POOL, h, h, c, c, 3, 1, 1);
        case SKIP_CONNECT -> { } // no kernel
      }
      for (OpSpec o : new OpSpec[] {relu, op}) {
        if (o != null) {
          net.add(mark(o, constant, dead), afterFirst);
        }
      }
      if (k == 0 || k == 2 || k == 5) {
        addNode(edge, live, reaches, to, c, h, net, afterFirst);
      }
    }
  }

  private static OpSpec mark(OpSpec op, boolean constant, boolean dead) {
    return constant ? op.asConstant() : dead ? op.asDead() : op;
  }

  /** The n-ary Add of node {@code node} (emitted after its last incoming edge). */
  private static void addNode(Nb201Op[] edge, boolean[] live, boolean[] reaches, int node, int c, int h, Net net,
      boolean afterFirst) {
    int inputs = 0;
    int all = 0;
    for (int k = 0; k < 6; k++) {
      if (Nb201Arch.TO[k] == node && edge[k] != Nb201Op.NONE) {
        all++;
        if (live[Nb201Arch.FROM[k]]) {
          inputs++;
        }
      }
    }
    if (!live[node]) {
      if (all > 1) {
        net.add(new OpSpec(KernelType.ADD, h, h, c, c, 1, 1, 1, all, false, false, true), afterFirst);
      }
    } else if (inputs > 1) {
      net.add(new OpSpec(KernelType.ADD, h, h, c, c, 1, 1, 1, inputs, false, !reaches[node], false), afterFirst);
    }
  }
}
