package org.nas4j.search.latency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.search.net.NetNode;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NodeOp;

/**
 * Lowers any {@link NetSpec} (DARTS, NB201 with any macro settings) to the ops a mobile runtime would execute, with
 * the conventions of the NB201 lowering: BatchNorm is folded into the convolution before it (and never a kernel of
 * its own: a BN after a concat of convolutions or after an Add is folded or fused by converters), a ReLU directly
 * after a convolution whose only consumer it is is fused into that convolution, other ReLUs are stand-alone
 * ({@code .dup} when another ReLU already applied to the same tensor), n-ary Add ({@code ADDn}), concatenation
 * ({@code CONCAT}), the shifted crop of FactorizedReduce ({@code SLICE}), pooling, global pooling and the linear
 * layer. A zero node ({@code x*0}) is a {@code MUL}; ops whose result cannot reach the output are {@code .dead}, ops
 * whose inputs do not depend on the network input are {@code .const}. Stateless and thread-safe.
 *
 * <p>Convolutions: groups equal to the channels is {@code DEPTHWISE} (dilation only changes padding, not the work),
 * a dense 1x1 is {@code POINTWISE}, other dense ones {@code CONV} with kernel size {@code round(sqrt(kh * kw))} (so
 * that the MAC count of a 1x7 conv is close), other grouped ones {@code GROUP_CONV}.
 *
 * <p>NB201 networks with no {@code none} edge and no alias node lower to exactly the ops of the table lowering
 * ({@code Nb201Ops}; checked for all 3,072 such cells). Two differences remain, both because a {@link NetSpec} is
 * the network we export rather than the one HW-NAS-Bench converted to TFLite: the TFLite models keep one {@code x*0}
 * per {@code none} edge ({@code MUL.dead}) while a NetSpec drops them, and when node 1 is just {@code skip(node 0)}
 * it is the same tensor, so a second ReLU on it is a {@code .dup} here but not in the per-node table lowering. The
 * Pixel 3 predictor was fitted with the table lowering, so NB201 arch strings in the default macro keep it.
 */
public final class NetSpecLowering {
  private NetSpecLowering() {}

  /** The runtime ops of a network in topological order. */
  public static List<OpSpec> lower(NetSpec spec) {
    List<NetNode> nodes = spec.nodes();
    Map<String, NetNode> byName = new HashMap<>();
    Map<String, Integer> consumers = new HashMap<>();
    for (NetNode n : nodes) {
      byName.put(n.name(), n);
      for (String in : n.inputs()) {
        consumers.merge(in, 1, Integer::sum);
      }
    }
    // Liveness: a zero node does not need its input (a converter folds x*0 to a constant).
    Set<String> needed = new HashSet<>();
    needed.add(spec.output().name());
    for (int i = nodes.size() - 1; i >= 0; i--) {
      NetNode n = nodes.get(i);
      if (needed.contains(n.name()) && n.op() != NodeOp.ZERO) {
        needed.addAll(n.inputs());
      }
    }
    Map<String, Boolean> variable = new HashMap<>();
    Set<String> reluApplied = new HashSet<>();
    Set<String> zeroApplied = new HashSet<>();
    List<OpSpec> ops = new ArrayList<>();
    for (NetNode n : nodes) {
      boolean var = n.op() == NodeOp.INPUT
          || n.op() != NodeOp.ZERO && n.inputs().stream().anyMatch(variable::get);
      variable.put(n.name(), var);
      OpSpec op = kernel(n, byName, consumers, reluApplied, zeroApplied);
      if (op == null) {
        continue;
      }
      boolean constant = n.op() == NodeOp.ZERO || !n.inputs().stream().anyMatch(variable::get);
      ops.add(constant ? op.asConstant() : needed.contains(n.name()) ? op : op.asDead());
    }
    return List.copyOf(ops);
  }

  private static OpSpec kernel(NetNode n, Map<String, NetNode> byName, Map<String, Integer> consumers,
      Set<String> reluApplied, Set<String> zeroApplied) {
    int h = n.in() == null ? 1 : n.in().height();
    int w = n.in() == null ? 1 : n.in().width();
    int c = n.in() == null ? 1 : n.in().channels();
    int co = n.out().channels();
    return switch (n.op()) {
      case INPUT, BATCH_NORM -> null;
      case RELU -> {
        if (fusedIntoConv(n.inputs().get(0), byName, consumers)) {
          yield null;
        }
        OpSpec r = OpSpec.of(KernelType.RELU, h, w, c, c, 1, 1, 1);
        yield reluApplied.add(n.inputs().get(0)) ? r : r.asDuplicate();
      }
      case ZERO -> {
        OpSpec z = OpSpec.of(KernelType.MUL, h, w, c, c, 1, 1, 1);
        yield zeroApplied.add(n.inputs().get(0)) ? z : z.asDuplicate();
      }
      case CONV -> conv(n, h, w, c, co);
      case MAX_POOL, AVG_POOL -> OpSpec.of(KernelType.POOL, h, w, c, co, n.kernel()[0], n.stride()[0], 1);
      case CROP_SHIFT -> OpSpec.of(KernelType.SLICE, h, w, c, co, 1, 1, 1);
      case ADD -> new OpSpec(KernelType.ADD, h, w, c, co, 1, 1, 1, n.inputs().size(), false, false, false);
      case CONCAT -> {
        int k = n.inputs().size();
        int per = co % k == 0 ? co / k : co;
        yield new OpSpec(KernelType.CONCAT, n.out().height(), n.out().width(), per, co, 1, 1, 1, k, false, false,
            false);
      }
      case GLOBAL_AVG_POOL -> OpSpec.of(KernelType.GLOBAL_POOL, h, w, c, c, 1, 1, 1);
      case LINEAR -> OpSpec.of(KernelType.LINEAR, 1, 1, c, co, 1, 1, 1);
    };
  }

  private static OpSpec conv(NetNode n, int h, int w, int c, int co) {
    int kh = n.kernel()[0];
    int kw = n.kernel()[1];
    int stride = n.stride()[0];
    if (n.groups() > 1 && n.groups() == c && c == co) {
      return OpSpec.of(KernelType.DEPTHWISE, h, w, c, co, kh, stride, n.groups());
    }
    if (n.groups() > 1) {
      return OpSpec.of(KernelType.GROUP_CONV, h, w, c, co, kh, stride, n.groups());
    }
    if (kh == 1 && kw == 1) {
      return OpSpec.of(KernelType.POINTWISE, h, w, c, co, 1, stride, 1);
    }
    int k = kh == kw ? kh : (int) Math.round(Math.sqrt((double) kh * kw));
    return OpSpec.of(KernelType.CONV, h, w, c, co, k, stride, 1);
  }

  /** Whether a ReLU on {@code input} fuses into the convolution (+BN) that produces it and feeds only the ReLU. */
  private static boolean fusedIntoConv(String input, Map<String, NetNode> byName, Map<String, Integer> consumers) {
    NetNode p = byName.get(input);
    if (consumers.getOrDefault(p.name(), 0) != 1) {
      return false;
    }
    if (p.op() == NodeOp.BATCH_NORM) {
      p = byName.get(p.inputs().get(0));
      if (consumers.getOrDefault(p.name(), 0) != 1) {
        return false;
      }
    }
    return p.op() == NodeOp.CONV;
  }
}
