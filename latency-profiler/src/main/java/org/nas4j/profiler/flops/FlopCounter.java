package org.nas4j.profiler.flops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;
import org.nas4j.profiler.onnx.InferredGraph;
import org.nas4j.profiler.onnx.InferredNode;
import org.nas4j.profiler.onnx.TensorInfo;

/**
 * Counts MACs, flops, parameters and activation memory of an {@link InferredGraph}.
 *
 * <p>Conventions (also in {@code docs/profile.md}):
 *
 * <ul>
 *   <li><b>macs</b>: multiply-accumulates of the LINEAR ops only. Conv: {@code N x Cout x prod(outSpatial) x
 *       (Cin/group) x prod(kernel)}. ConvTranspose: {@code N x Cin x prod(inSpatial) x (Cout/group) x
 *       prod(kernel)}. Gemm: {@code M x N x K}. MatMul: {@code prod(broadcast batch) x M x N x K}. Bias additions
 *       are not counted (neither in macs nor in flops).
 *   <li><b>flops</b>: {@code 2 x macs}, plus one flop per output element of every ELEMENTWISE (activations, Clip,
 *       Add/Sub/Mul/Div/Pow, comparisons, Where, Sum/Max/Min/Mean), NORMALISATION (BatchNormalization,
 *       LayerNormalization, InstanceNormalization, LRN, Softmax, LogSoftmax), POOLING (MaxPool, AveragePool,
 *       Global*Pool) and REDUCTION (Reduce*, ArgMax/ArgMin, TopK, CumSum) node. DATA_MOVEMENT ops (Reshape,
 *       Transpose, Concat, Split, Slice, Gather, Pad, Resize, Cast, Identity, Dropout, ...) count zero. See {@link
 *       OpCategory}.
 *   <li><b>folded</b> nodes (all inputs are constants, or all outputs were evaluated during inference: Constant,
 *       Shape arithmetic, Identity of an initializer) count zero macs, flops and activation bytes: an inference
 *       runtime folds them once at load time.
 *   <li><b>params</b>: the number of elements in {@code graph.initializer}, each initializer once however many
 *       nodes use it. Constant node tensors are not params; they are reported as {@code constantElements}. Per node,
 *       an initializer is attributed to the first non-folded node that consumes it (directly or through folded
 *       Identity/Reshape/... nodes).
 *   <li><b>activation bytes</b>: sum of the bytes of every output of every non-folded node (element size from the
 *       data type). <b>Peak</b>: nodes run in graph order; graph inputs are live from the start, a node's outputs
 *       become live when it runs, and a tensor dies after its last consumer unless it is a graph output.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class FlopCounter {
  private FlopCounter() {}

  /** Counts {@code graph}. */
  public static ModelProfile count(InferredGraph graph) {
    GraphProto g = graph.model().getGraph();
    Map<String, Long> initElements = new HashMap<>();
    long params = 0;
    for (TensorProto t : g.getInitializerList()) {
      long n = TensorInfo.count(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
      initElements.put(t.getName(), n);
      params += n;
    }
    // Folded nodes forward initializer ownership: alias output name -> initializer names behind it.
    Map<String, Set<String>> behind = new HashMap<>();
    for (String init : initElements.keySet()) {
      behind.put(init, Set.of(init));
    }
    Set<String> attributed = new HashSet<>();
    long constantElements = 0;
    long macs = 0;
    long flops = 0;
    long activation = 0;
    List<NodeProfile> nodes = new ArrayList<>();
    Map<String, OpTypeProfile> byOp = new LinkedHashMap<>();
    for (InferredNode n : graph.nodes()) {
      NodeProto p = n.node();
      if (p.getOpType().equals("Constant") && n.output() != null) {
        constantElements += n.output().elements();
      }
      long nodeParams = 0;
      if (n.folded()) {
        Set<String> via = new HashSet<>();
        for (String in : p.getInputList()) {
          via.addAll(behind.getOrDefault(in, Set.of()));
        }
        for (String out : p.getOutputList()) {
          behind.put(out, via);
        }
      } else {
        for (String in : p.getInputList()) {
          for (String init : behind.getOrDefault(in, Set.of())) {
            if (attributed.add(init)) {
              nodeParams += initElements.get(init);
            }
          }
        }
      }
      long nodeMacs = n.folded() ? 0 : macs(n);
      OpCategory cat = OpCategory.of(p.getOpType());
      long outElements = 0;
      long outBytes = 0;
      List<long[]> shapes = new ArrayList<>();
      for (TensorInfo t : n.outputs()) {
        if (t != null) {
          shapes.add(t.shape());
          outBytes += t.bytes();
        }
      }
      if (n.output() != null) {
        outElements = n.output().elements();
      }
      long nodeFlops = n.folded() ? 0 : 2 * nodeMacs + cat.flopsPerOutputElement() * outElements;
      if (n.folded()) {
        outBytes = 0;
      }
      NodeProfile np = new NodeProfile(n.label(), p.getOpType(), shapes, nodeMacs, nodeFlops, nodeParams, outBytes,
          n.folded());
      nodes.add(np);
      byOp.merge(p.getOpType(), new OpTypeProfile(p.getOpType(), 1, np.macs(), np.flops(), np.params(),
          np.outputBytes()), (a, b) -> a.plus(np));
      macs += nodeMacs;
      flops += nodeFlops;
      activation += outBytes;
    }
    List<OpTypeProfile> opTypes = new ArrayList<>(byOp.values());
    opTypes.sort(Comparator.comparingLong(OpTypeProfile::flops).reversed()
        .thenComparing(OpTypeProfile::opType));
    Map<String, long[]> inputs = new LinkedHashMap<>();
    graph.inputs().forEach((k, v) -> inputs.put(k, v.shape()));
    int folded = (int) graph.nodes().stream().filter(InferredNode::folded).count();
    return new ModelProfile(graph.name(), graph.model().getIrVersion(), graph.opset(), inputs, macs, flops, params,
        constantElements, activation, peak(graph), graph.nodes().size(), folded, opTypes, nodes);
  }

  /** MACs of one (non-folded) node; zero for non-LINEAR ops. */
  static long macs(InferredNode n) {
    TensorInfo out = n.output();
    switch (n.opType()) {
      case "Conv": {
        TensorInfo w = n.inputs().get(1);
        long perOutput = 1;
        for (int i = 1; i < w.rank(); i++) {
          perOutput *= w.dim(i);
        }
        return out.elements() * perOutput;
      }
      case "ConvTranspose": {
        TensorInfo x = n.inputs().get(0);
        TensorInfo w = n.inputs().get(1);
        long perInput = 1;
        for (int i = 1; i < w.rank(); i++) {
          perInput *= w.dim(i);
        }
        return x.elements() * perInput;
      }
      case "Gemm": {
        TensorInfo a = n.inputs().get(0);
        boolean ta = attr(n.node(), "transA") != 0;
        long k = ta ? a.dim(0) : a.dim(1);
        return out.elements() * k;
      }
      case "MatMul": {
        TensorInfo a = n.inputs().get(0);
        return out.elements() * a.dim(-1);
      }
      default:
        return 0;
    }
  }

  private static long attr(NodeProto p, String name) {
    return p.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(a -> a.getI())
        .findFirst().orElse(0);
  }

  private static long peak(InferredGraph graph) {
    GraphProto g = graph.model().getGraph();
    Map<String, Integer> lastUse = new HashMap<>();
    for (InferredNode n : graph.nodes()) {
      for (String in : n.node().getInputList()) {
        lastUse.put(in, n.index());
      }
    }
    Set<String> outputs = new HashSet<>();
    for (ValueInfoProto o : g.getOutputList()) {
      outputs.add(o.getName());
    }
    Map<String, Long> live = new HashMap<>();
    long current = 0;
    for (Map.Entry<String, TensorInfo> in : graph.inputs().entrySet()) {
      live.put(in.getKey(), in.getValue().bytes());
      current += in.getValue().bytes();
    }
    long peak = current;
    for (InferredNode n : graph.nodes()) {
      if (!n.folded()) {
        for (int k = 0; k < n.node().getOutputCount(); k++) {
          TensorInfo t = n.outputs().get(k);
          if (t != null) {
            live.put(n.node().getOutput(k), t.bytes());
            current += t.bytes();
          }
        }
      }
      peak = Math.max(peak, current);
      for (String in : n.node().getInputList()) {
        Integer last = lastUse.get(in);
        if (last != null && last == n.index() && !outputs.contains(in) && live.containsKey(in)) {
          current -= live.remove(in);
        }
      }
      for (int k = 0; k < n.node().getOutputCount(); k++) {
        String out = n.node().getOutput(k);
        if (!lastUse.containsKey(out) && !outputs.contains(out) && live.containsKey(out)) {
          current -= live.remove(out);
        }
      }
    }
    return peak;
  }
}
