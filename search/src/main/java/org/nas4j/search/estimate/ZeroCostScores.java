package org.nas4j.search.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.data.LabeledImages;
import org.nas4j.search.dl4j.DilationMaskConstraint;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetNode;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NodeOp;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training-free accuracy signals of a network at initialisation, computed on the DL4J graph nas trains:
 *
 * <ul>
 *   <li>{@link #naswot}: the score of Mellor et al. 2021, "Neural Architecture Search without Training": every ReLU
 *       layer's output over one minibatch is turned into binary codes (1 where the unit is active), the kernel
 *       {@code K[i][j]} counts the units on which images i and j agree (units minus Hamming distance, summed over all
 *       ReLU layers), and the score is {@code log |det K|}. BatchNorm uses the minibatch's statistics (training
 *       mode).
 *   <li>{@link #synflow}: Tanaka et al. 2020 as used by Abdelfattah et al. 2021 ("Zero-Cost Proxies for Lightweight
 *       NAS"): the network without its BatchNorm layers, every parameter replaced by its absolute value, one all-ones
 *       input, R = the sum of the logits, score = sum over conv and linear weights (biases excluded) of
 *       {@code |theta * dR/dtheta|}.
 *   <li>{@link #gradNorm}: Abdelfattah et al.'s {@code grad_norm}: the cross-entropy loss (mean over one minibatch,
 *       BatchNorm in training mode) differentiated once; the score is the sum over conv and linear layers of the L2
 *       norm of their weight gradient.
 * </ul>
 *
 * <p>None of them changes the network it is given. Weights that a {@link DilationMaskConstraint} holds at zero are
 * not parameters of the architecture; their gradients are left out of {@link #gradNorm} (synflow's product with a
 * zero weight is zero anyway). Not thread-safe per network; different networks may be scored on different threads.
 */
public final class ZeroCostScores {
  /** Images in the minibatch of {@link #naswot} and {@link #gradNorm} (Mellor et al. use 128). */
  public static final int DEFAULT_BATCH = 128;

  /**
   * The three scores of one network and what each took.
   *
   * @param naswot {@link #naswot}
   * @param synflow {@link #synflow}
   * @param gradNorm {@link #gradNorm}
   * @param naswotSeconds wall seconds of the naswot score
   * @param synflowSeconds wall seconds of synflow, building its BatchNorm-free twin included
   * @param gradNormSeconds wall seconds of the gradient norm
   */
  public record Scores(double naswot, double synflow, double gradNorm, double naswotSeconds,
      double synflowSeconds, double gradNormSeconds) {}

  private ZeroCostScores() {}

  /**
   * All three scores of a freshly initialised network: naswot and the gradient norm on the first {@code batch}
   * images of {@code order} (all of {@code images} in order when null).
   *
   * @param spec the network description the graph was built from
   * @param net the graph (left unchanged)
   * @param images training images
   * @param classes number of classes
   * @param order image indices to take the minibatch from, or null
   * @param batch minibatch size (>= 2)
   */
  public static Scores all(NetSpec spec, ComputationGraph net, LabeledImages images, int classes, int[] order,
      int batch) {
    DataSet minibatch = minibatch(images, classes, order, batch);
    long t0 = System.nanoTime();
    double nw = naswot(spec, net, minibatch.getFeatures());
    long t1 = System.nanoTime();
    double gn = gradNorm(net, minibatch.getFeatures(), minibatch.getLabels());
    long t2 = System.nanoTime();
    double sf = synflow(spec, net);
    long t3 = System.nanoTime();
    return new Scores(nw, sf, gn, (t1 - t0) / 1e9, (t3 - t2) / 1e9, (t2 - t1) / 1e9);
  }

  /**
   * {@link #naswot} on the first {@code batch} images of {@code order} (all of {@code images} in order when null).
   *
   * @param batch minibatch size (>= 2)
   */
  public static double naswot(NetSpec spec, ComputationGraph net, LabeledImages images, int classes, int[] order,
      int batch) {
    return naswot(spec, net, minibatch(images, classes, order, batch).getFeatures());
  }

  /** The first {@code batch} images of {@code order} (all of {@code images} in order when null), checked. */
  private static DataSet minibatch(LabeledImages images, int classes, int[] order, int batch) {
    if (batch < 2 || batch > images.count()) {
      throw new IllegalArgumentException("batch must be in 2.." + images.count() + ", got " + batch);
    }
    return new ImageBatches(images, classes).batch(order, 0, batch);
  }

  /**
   * The "NAS without training" score: {@code log |det K|} of the binary-activation-code kernel of the ReLU layers
   * over the minibatch {@code x} ({@code -Infinity} when K is singular, e.g. two identical images).
   */
  public static double naswot(NetSpec spec, ComputationGraph net, INDArray x) {
    int b = (int) x.size(0);
    Map<String, INDArray> acts = net.feedForward(new INDArray[] {x}, true, false);
    double[][] k = new double[b][b];
    for (NetNode n : spec.live().nodes()) {
      if (n.op() != NodeOp.RELU) {
        continue;
      }
      INDArray codes = acts.get(n.name()).reshape('c', b, -1).gt(0).castTo(DataType.FLOAT);
      INDArray off = codes.rsub(1f);
      INDArray agree = codes.mmul(codes.transpose()).addi(off.mmul(off.transpose()));
      double[][] a = agree.toDoubleMatrix();
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < b; j++) {
          k[i][j] += a[i][j];
        }
      }
    }
    net.clearLayersStates();
    return logAbsDet(k);
  }

  /**
   * {@code log |det a|} by LU decomposition with partial pivoting ({@code -Infinity} for a singular matrix).
   * {@code a} is overwritten.
   */
  static double logAbsDet(double[][] a) {
    int n = a.length;
    double sum = 0;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      if (a[p][c] == 0) {
        return Double.NEGATIVE_INFINITY;
      }
      double[] swap = a[p];
      a[p] = a[c];
      a[c] = swap;
      sum += Math.log(Math.abs(a[c][c]));
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        if (f != 0) {
          for (int j = c + 1; j < n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    return sum;
  }

  /**
   * Abdelfattah et al.'s {@code grad_norm}: sum over conv and linear layers of the L2 norm of the gradient of the
   * minibatch's mean cross-entropy with respect to their weights (biases excluded).
   */
  public static double gradNorm(ComputationGraph net, INDArray x, INDArray labels) {
    Map<String, INDArray> grads = gradients(net, x, labels);
    double sum = 0;
    for (String layer : weightedLayers(net)) {
      Layer l = net.getLayer(layer);
      for (String p : weightParams(l)) {
        INDArray g = grads.get(layer + "_" + p);
        if (g == null) {
          continue;
        }
        // DL4J sums the loss's gradient over the minibatch (its updater divides); the mean loss's is 1/b of it.
        g = g.div(x.size(0));
        if (masked(l)) {
          g.muli(l.getParam(p).neq(0).castTo(g.dataType()));
        }
        sum += g.norm2Number().doubleValue();
      }
    }
    return sum;
  }

  /**
   * Synflow of {@code net} without its BatchNorm layers: all parameters made absolute, an all-ones input of one image,
   * R = sum of the logits; sum over conv and linear weights of {@code |theta * dR/dtheta|}.
   */
  public static double synflow(NetSpec spec, ComputationGraph net) {
    NetSpec plain = withoutBatchNorm(spec.live());
    ComputationGraphConfiguration conf = Dl4jGraphBuilder.configuration(plain, 0, new Sgd(0));
    LossLayer loss = (LossLayer) ((LayerVertex) conf.getVertices().get(Dl4jGraphBuilder.LOSS)).getLayerConf()
        .getLayer();
    loss.setActivationFn(new ActivationIdentity());
    loss.setLossFn(new SumOfOutputs());
    ComputationGraph twin = new ComputationGraph(conf);
    twin.init();
    for (String layer : weightedLayers(twin)) {
      for (Map.Entry<String, INDArray> p : twin.getLayer(layer).paramTable().entrySet()) {
        p.getValue().assign(Transforms.abs(net.getLayer(layer).getParam(p.getKey()), true));
      }
    }
    NetNode in = spec.nodes().get(0);
    INDArray ones = Nd4j.ones(twin.params().dataType(), 1, in.out().channels(), in.out().height(),
        in.out().width());
    INDArray dummy = Nd4j.zeros(twin.params().dataType(), 1, spec.output().out().channels());
    Map<String, INDArray> grads = gradients(twin, ones, dummy);
    double sum = 0;
    for (String layer : weightedLayers(twin)) {
      for (String p : weightParams(twin.getLayer(layer))) {
        INDArray g = grads.get(layer + "_" + p);
        if (g != null) {
          sum += g.mul(twin.getLayer(layer).getParam(p)).norm1Number().doubleValue();
        }
      }
    }
    return sum;
  }

  /** The spec with every BatchNorm node removed (its consumers read its input instead). */
  static NetSpec withoutBatchNorm(NetSpec spec) {
    Map<String, String> replaced = new HashMap<>();
    List<NetNode> nodes = new ArrayList<>();
    for (NetNode n : spec.nodes()) {
      List<String> ins = n.inputs().stream().map(s -> replaced.getOrDefault(s, s)).toList();
      if (n.op() == NodeOp.BATCH_NORM) {
        replaced.put(n.name(), ins.get(0));
      } else {
        nodes.add(new NetNode(n.name(), n.op(), ins, n.in(), n.out(), n.kernel(), n.stride(), n.pad(), n.dilation(),
            n.groups()));
      }
    }
    return new NetSpec(spec.arch(), spec.macro(), nodes);
  }

  /** The gradient of the graph's loss for one minibatch, by DL4J variable name ({@code layer_param}). */
  private static Map<String, INDArray> gradients(ComputationGraph net, INDArray x, INDArray labels) {
    net.setInputs(x);
    net.setLabels(labels);
    net.computeGradientAndScore();
    Gradient g = net.gradient();
    Map<String, INDArray> copy = new HashMap<>();
    g.gradientForVariable().forEach((k, v) -> copy.put(k, v.dup()));
    net.clear();
    return copy;
  }

  /** Names of the conv and linear layers (those with a weight parameter; BatchNorm has none called so). */
  private static List<String> weightedLayers(ComputationGraph net) {
    List<String> names = new ArrayList<>();
    for (Layer l : net.getLayers()) {
      if (!weightParams(l).isEmpty()) {
        names.add(l.conf().getLayer().getLayerName());
      }
    }
    return names;
  }

  /** The weight parameters of a layer: W, and pW of a separable convolution; none for BatchNorm. */
  private static List<String> weightParams(Layer l) {
    return l.paramTable().keySet().stream().filter(p -> p.equals("W") || p.equals("pW")).toList();
  }

  private static boolean masked(Layer l) {
    var constraints = l.conf().getLayer().getConstraints();
    return constraints != null && constraints.stream().anyMatch(c -> c instanceof DilationMaskConstraint);
  }
}
