package org.nas4j.search.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetNode;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NodeOp;
import org.nas4j.search.net.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Checks the three training-free scores against PyTorch on the same toy network, weights and minibatch: the expected
 * values are what {@code benchmarks/zero_cost_reference.py} prints (float64 PyTorch 1.13); DL4J computes in float32.
 */
class ZeroCostScoresTest {
  private static final int BATCH = 8;
  private static final int H = 6;
  private static final int W = 6;
  private static final int CLASSES = 3;

  // /usr/bin/python3 benchmarks/zero_cost_reference.py
  private static final double NASWOT = 38.30835243535611;
  private static final double SYNFLOW = 94.06254499649944;
  private static final double GRAD_NORM = 0.3625597522853673;

  @Test
  void naswotMatchesPyTorch() {
    ComputationGraph net = toy();
    assertEquals(NASWOT, ZeroCostScores.naswot(spec(), net, inputs()), 1e-6);
  }

  @Test
  void synflowMatchesPyTorch() {
    ComputationGraph net = toy();
    assertEquals(SYNFLOW, ZeroCostScores.synflow(spec(), net), SYNFLOW * 1e-5);
  }

  @Test
  void gradNormMatchesPyTorch() {
    ComputationGraph net = toy();
    assertEquals(GRAD_NORM, ZeroCostScores.gradNorm(net, inputs(), labels()), GRAD_NORM * 1e-4);
  }

  @Test
  void scoringLeavesTheNetworkUnchanged() {
    ComputationGraph net = toy();
    INDArray before = net.params().dup();
    ZeroCostScores.naswot(spec(), net, inputs());
    ZeroCostScores.gradNorm(net, inputs(), labels());
    ZeroCostScores.synflow(spec(), net);
    assertEquals(before, net.params());
  }

  @Test
  void logAbsDetOfSmallMatrices() {
    // det [[4, 2], [2, 3]] = 8; det [[0, 2], [3, 1]] = -6 (needs a row swap); singular -> -inf.
    assertEquals(Math.log(8), ZeroCostScores.logAbsDet(new double[][] {{4, 2}, {2, 3}}), 1e-12);
    assertEquals(Math.log(6), ZeroCostScores.logAbsDet(new double[][] {{0, 2}, {3, 1}}), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, ZeroCostScores.logAbsDet(new double[][] {{1, 2}, {2, 4}}));
  }

  @Test
  void synflowTwinHasNoBatchNorm() {
    NetSpec plain = ZeroCostScores.withoutBatchNorm(spec());
    assertFalse(plain.nodes().stream().anyMatch(n -> n.op() == NodeOp.BATCH_NORM));
    assertEquals(List.of("r1", "r2"), plain.node("add").inputs());
    assertEquals(List.of("pw"), plain.node("r2").inputs());
    assertTrue(plain.node("c1").inputs().contains("input"));
  }

  /** The network of zero_cost_reference.py as a NetSpec. */
  private static NetSpec spec() {
    List<NetNode> n = new ArrayList<>();
    Shape in = Shape.image(1, H, W);
    Shape four = Shape.image(4, H, W);
    Shape pooled = Shape.image(4, H / 2, W / 2);
    Shape six = Shape.image(6, H / 2, W / 2);
    n.add(new NetNode("input", NodeOp.INPUT, List.of(), null, in, null, null, null, null, 1));
    n.add(conv("c1", "input", in, four, 3, 1, 1, 1));
    n.add(simple("b1", NodeOp.BATCH_NORM, "c1", four, four));
    n.add(simple("r1", NodeOp.RELU, "b1", four, four));
    n.add(conv("dw", "r1", four, four, 3, 2, 2, 4));
    n.add(conv("pw", "dw", four, four, 1, 0, 1, 1));
    n.add(simple("b2", NodeOp.BATCH_NORM, "pw", four, four));
    n.add(simple("r2", NodeOp.RELU, "b2", four, four));
    n.add(new NetNode("add", NodeOp.ADD, List.of("r1", "r2"), four, four, null, null, null, null, 1));
    n.add(new NetNode("pool", NodeOp.MAX_POOL, List.of("add"), four, pooled, new int[] {2, 2}, new int[] {2, 2},
        new int[] {0, 0}, new int[] {1, 1}, 1));
    n.add(conv("c3", "pool", pooled, six, 1, 0, 1, 1));
    n.add(simple("b3", NodeOp.BATCH_NORM, "c3", six, six));
    n.add(simple("r3", NodeOp.RELU, "b3", six, six));
    n.add(simple("gap", NodeOp.GLOBAL_AVG_POOL, "r3", six, new Shape(6, 1, 1, true)));
    n.add(simple("fc", NodeOp.LINEAR, "gap", new Shape(6, 1, 1, true), new Shape(CLASSES, 1, 1, true)));
    return new NetSpec(null, null, n);
  }

  private static NetNode conv(String name, String in, Shape s, Shape out, int k, int pad, int dil, int groups) {
    return new NetNode(name, NodeOp.CONV, List.of(in), s, out, new int[] {k, k}, new int[] {1, 1},
        new int[] {pad, pad}, new int[] {dil, dil}, groups);
  }

  private static NetNode simple(String name, NodeOp op, String in, Shape s, Shape out) {
    return new NetNode(name, op, List.of(in), s, out, null, null, null, null, 1);
  }

  /** The toy network in DL4J with the reference script's weights. */
  private static ComputationGraph toy() {
    ComputationGraph net = Dl4jGraphBuilder.build(spec(), 1, new Sgd(0.1));
    net.getLayer("c1").getParam("W").assign(wave(new long[] {4, 1, 3, 3}, 1));
    // DL4J holds the dilated depthwise kernel as a dense 5x5 one with zeros between the taps: [kh, kw, C, 1].
    INDArray dw = wave(new long[] {4, 1, 3, 3}, 2);
    INDArray dense = net.getLayer("dw").getParam("W");
    dense.assign(0);
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          dense.putScalar(new long[] {2 * i, 2 * j, c, 0}, dw.getDouble(c, 0, i, j));
        }
      }
    }
    net.getLayer("pw").getParam("W").assign(wave(new long[] {4, 4, 1, 1}, 3));
    net.getLayer("c3").getParam("W").assign(wave(new long[] {6, 4, 1, 1}, 4));
    net.getLayer("fc").getParam("W").assign(wave(new long[] {CLASSES, 6}, 5).transpose());
    double[] bias = new double[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      bias[k] = 0.1 * Math.cos(0.5 * k);
    }
    INDArray b = net.getLayer("fc").getParam("b");
    b.assign(Nd4j.create(bias).castTo(b.dataType()).reshape(b.shape()));
    String[] bns = {"b1", "b2", "b3"};
    for (int l = 0; l < bns.length; l++) {
      INDArray gamma = net.getLayer(bns[l]).getParam("gamma");
      INDArray beta = net.getLayer(bns[l]).getParam("beta");
      for (int k = 0; k < gamma.length(); k++) {
        gamma.putScalar(k, 1 + 0.2 * Math.sin(k + l + 1));
        beta.putScalar(k, 0.1 * Math.cos(2 * k + l + 1));
      }
    }
    return net;
  }

  private static INDArray wave(long[] shape, int layer) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    double[] v = new double[(int) n];
    for (int k = 0; k < v.length; k++) {
      v[k] = 0.4 * Math.sin(0.77 * k + 1.3 * layer);
    }
    return Nd4j.create(v, shape, 'c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
  }

  private static INDArray inputs() {
    int n = BATCH * H * W;
    float[] x = new float[n];
    for (int t = 0; t < n; t++) {
      x[t] = (float) (Math.sin(0.61 * t + 0.3) + 0.5 * Math.cos(1.37 * t));
    }
    return Nd4j.create(x, new long[] {BATCH, 1, H, W}, 'c');
  }

  private static INDArray labels() {
    INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, BATCH, CLASSES);
    for (int i = 0; i < BATCH; i++) {
      y.putScalar(i, i % CLASSES, 1);
    }
    return y;
  }
}
