package org.nas4j.search.dl4j;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nas4j.search.net.NodeOp;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetNode;

/**
 * Builds a trainable Deeplearning4j {@link ComputationGraph} from a {@link NetSpec}: one DL4J layer or vertex per
 * spec node, with the same names. Convolutions are {@link LinearConvolution} layers (DL4J's {@code
 * ConvolutionLayer} with a leaner backward pass; the ones reading the network input compute no input gradient),
 * depthwise ones {@link LinearDepthwiseConvolution} layers (sep/dil convs are depthwise + 1x1; a dilated depthwise
 * conv is a dense depthwise conv of size {@code d(k-1)+1} whose off-grid taps a {@link DilationMaskConstraint} keeps
 * at zero, see {@link #maskedZeroParams} and {@link #onnxDepthwiseWeights}); convs have no bias;
 * BatchNorm uses eps 1e-5 and decay 0.9 (PyTorch momentum 0.1) and runs on {@link NchwBatchNormHelper}; ReLUs are
 * {@link ReluLayer}s; NCHW; explicit padding with {@code Truncate} mode; average pooling excludes
 * padding from the divisor; workspaces enabled; float32.
 *
 * <p>The spec's {@code classifier} node is a {@code DenseLayer} with identity activation producing the logits; it is
 * followed by a parameter-free {@code LossLayer} {@value #LOSS} (softmax + cross-entropy), the graph's output. Get
 * the logits with {@link #logits(ComputationGraph, INDArray)}. Stateless and thread-safe.
 */
public final class Dl4jGraphBuilder {
  /** Name of the graph input. */
  public static final String INPUT = "input";

  /** Name of the loss layer (the graph output, softmax probabilities). */
  public static final String LOSS = "loss";

  private Dl4jGraphBuilder() {}

  /** Builds and initialises the network with Adam(1e-3) and the given seed. */
  public static ComputationGraph build(NetSpec spec, long seed) {
    return build(spec, seed, new Adam(1e-3));
  }

  /** Builds and initialises the network with the given updater and seed (see {@link #initialize}). */
  public static ComputationGraph build(NetSpec spec, long seed, IUpdater updater) {
    return build(spec, seed, updater, 0);
  }

  /**
   * Builds and initialises the network with the given updater, seed and decoupled weight decay (DL4J's {@code
   * WeightDecay} regularisation, applied to weights and biases; 0 = none).
   */
  public static ComputationGraph build(NetSpec spec, long seed, IUpdater updater, double weightDecay) {
    Dl4jRuntime.init();
    ComputationGraph g = new ComputationGraph(configuration(spec, seed, updater, weightDecay));
    g.init();
    NchwBatchNormHelper.install(g);
    initialize(g, spec, seed);
    return g;
  }

  /**
   * A second network with {@code net}'s configuration whose parameters are {@code net}'s parameter array itself (a
   * view, not a copy: an update of either is seen by both) and the same BatchNorm implementation (the {@link
   * NchwBatchNormHelper} when {@code net} has it). Used to compute gradients of parts of a minibatch on other
   * threads; its updater is never used.
   */
  public static ComputationGraph replica(ComputationGraph net) {
    Dl4jRuntime.init();
    ComputationGraph r = new ComputationGraph(net.getConfiguration().clone());
    r.init(net.params(), false);
    if (NchwBatchNormHelper.installedIn(net)) {
      NchwBatchNormHelper.install(r);
    }
    return r;
  }

  /**
   * Overwrites all parameters with PyTorch's default initialisation drawn from a {@link SplittableRandom} seeded
   * with {@code seed}: conv and linear weights and the linear bias uniform in +-1/sqrt(fan-in) (what
   * {@code kaiming_uniform_(a=sqrt(5))} gives), BN gamma 1, beta 0, running mean 0, running variance 1. DL4J's own
   * seeded initialisation differs between JVM runs (observed with M2.1), this one gives the same weights in every
   * process, so exports are reproducible byte for byte.
   */
  public static void initialize(ComputationGraph graph, NetSpec fullSpec, long seed) {
    NetSpec spec = fullSpec.live();
    Map<String, String> fused = separableFusions(spec);
    Map<String, String> pwToDw = new HashMap<>();
    fused.forEach((dw, pw) -> pwToDw.put(pw, dw));
    SplittableRandom root = new SplittableRandom(seed);
    for (NetNode n : spec.nodes()) {
      SplittableRandom rnd = root.split();
      switch (n.op()) {
        case CONV -> {
          int fanIn = n.in().channels() / n.groups() * n.kernel()[0] * n.kernel()[1];
          long[] onnx = {n.out().channels(), n.in().channels() / n.groups(), n.kernel()[0], n.kernel()[1]};
          INDArray w = uniform(rnd, onnx, 1.0 / Math.sqrt(fanIn));
          INDArray target;
          if (fused.containsKey(n.name())) {
            target = graph.getLayer(fused.get(n.name())).getParam("W");
            w = w.permute(1, 0, 2, 3); // [C, 1, kh, kw] -> [1, C, kh, kw]
          } else if (pwToDw.containsKey(n.name())) {
            target = graph.getLayer(n.name()).getParam("pW");
          } else if (n.depthwise()) {
            target = graph.getLayer(n.name()).getParam("W");
            w = toDl4jDepthwise(w, n);
          } else {
            target = graph.getLayer(n.name()).getParam("W");
          }
          target.assign(w);
        }
        case BATCH_NORM -> {
          org.deeplearning4j.nn.api.Layer l = graph.getLayer(n.name());
          l.getParam("gamma").assign(1.0);
          l.getParam("beta").assign(0.0);
          l.getParam("mean").assign(0.0);
          l.getParam("var").assign(1.0);
        }
        case LINEAR -> {
          double bound = 1.0 / Math.sqrt(n.in().channels());
          org.deeplearning4j.nn.api.Layer l = graph.getLayer(n.name());
          l.getParam("W").assign(uniform(rnd, new long[] {n.in().channels(), n.out().channels()}, bound));
          l.getParam("b").assign(uniform(rnd, new long[] {1, n.out().channels()}, bound));
        }
        default -> {
          // no parameters
        }
      }
    }
  }

  private static INDArray uniform(SplittableRandom rnd, long[] shape, double bound) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    }
    return Nd4j.create(v, shape, 'c');
  }

  /**
   * The graph configuration of a spec: of its {@linkplain NetSpec#live() live part}, so {@code numParams()} of the
   * graph equals {@code spec.live().allParams()}.
   */
  public static ComputationGraphConfiguration configuration(NetSpec fullSpec, long seed, IUpdater updater) {
    return configuration(fullSpec, seed, updater, 0);
  }

  /** As {@link #configuration(NetSpec, long, IUpdater)}, with weight decay (0 = none). */
  public static ComputationGraphConfiguration configuration(NetSpec fullSpec, long seed, IUpdater updater,
      double weightDecay) {
    Dl4jRuntime.init();
    NetSpec spec = fullSpec.live();
    NetNode in = spec.nodes().get(0);
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder();
    if (weightDecay > 0) {
      base.weightDecay(weightDecay, true);
    }
    ComputationGraphConfiguration.GraphBuilder gb = base
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(updater)
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Truncate)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .graphBuilder()
        .addInputs(INPUT)
        .setInputTypes(InputType.convolutional(in.out().height(), in.out().width(), in.out().channels(),
            CNN2DFormat.NCHW));
    Map<String, String> alias = new HashMap<>();
    alias.put("input", INPUT);
    Map<String, String> fused = separableFusions(spec);
    for (NetNode n : spec.nodes().subList(1, spec.nodes().size())) {
      String[] ins = n.inputs().stream().map(s -> alias.getOrDefault(s, s)).toArray(String[]::new);
      if (fused.containsKey(n.name())) {
        continue; // emitted as part of the SeparableConvolution2D named after its pointwise node
      }
      if (fused.containsValue(n.name())) {
        NetNode dw = spec.node(n.inputs().get(0));
        String[] dwIns = dw.inputs().stream().map(s -> alias.getOrDefault(s, s)).toArray(String[]::new);
        gb.addLayer(n.name(), new SeparableConvolution2D.Builder(dw.kernel(), dw.stride(), dw.pad())
            .dilation(dw.dilation()).depthMultiplier(1).nIn(dw.in().channels()).nOut(n.out().channels())
            .hasBias(false).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate)
            .dataFormat(CNN2DFormat.NCHW).build(), dwIns);
        continue;
      }
      switch (n.op()) {
        case RELU -> gb.addLayer(n.name(), new ReluLayer(), ins);
        case CONV -> gb.addLayer(n.name(), conv(n, n.inputs().contains(in.name())), ins);
        case BATCH_NORM -> gb.addLayer(n.name(), new BatchNormalization.Builder().nIn(n.out().channels())
            .nOut(n.out().channels()).eps(1e-5).decay(0.9).useLogStd(false).dataFormat(CNN2DFormat.NCHW).build(),
            ins);
        case MAX_POOL, AVG_POOL -> gb.addLayer(n.name(), new SubsamplingLayer.Builder(
            n.op() == NodeOp.MAX_POOL ? PoolingType.MAX : PoolingType.AVG, n.kernel(), n.stride(), n.pad())
            .convolutionMode(ConvolutionMode.Truncate).avgPoolIncludePadInDivisor(false)
            .dataFormat(CNN2DFormat.NCHW).build(), ins);
        case CROP_SHIFT -> gb.addLayer(n.name(), new Cropping2D.Builder(1, 0, 1, 0).dataFormat(CNN2DFormat.NCHW)
            .build(), ins);
        case ADD -> gb.addVertex(n.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), ins);
        case CONCAT -> gb.addVertex(n.name(), new MergeVertex(), ins);
        case ZERO -> gb.addVertex(n.name(), new ScaleVertex(0.0), ins);
        case GLOBAL_AVG_POOL -> gb.addLayer(n.name(), new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), ins);
        case LINEAR -> gb.addLayer(n.name(), new DenseLayer.Builder().nIn(n.in().channels())
            .nOut(n.out().channels()).activation(Activation.IDENTITY).hasBias(true).build(), ins);
        default -> throw new IllegalStateException("unexpected node " + n);
      }
    }
    gb.addLayer(LOSS, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
        .build(), spec.output().name());
    gb.setOutputs(LOSS);
    return gb.build();
  }

  /**
   * Depthwise convolutions that DL4J runs fused with the following 1x1 convolution as one {@code
   * SeparableConvolution2D}, mapped from the depthwise node's name to the pointwise node's name. Always empty now:
   * dilated depthwise convolutions are dense {@code DepthwiseConvolution2D} layers with a {@link
   * DilationMaskConstraint} (about 3x faster to train than the fused layer); kept for callers that handle both.
   */
  public static Map<String, String> separableFusions(NetSpec fullSpec) {
    return Map.of();
  }

  /**
   * The number of extra, always-zero weights the DL4J graph of {@code spec} holds: the masked taps of its dilated
   * depthwise convolutions. {@code graph.numParams() == spec.live().allParams() + maskedZeroParams(spec)}.
   */
  public static long maskedZeroParams(NetSpec fullSpec) {
    long extra = 0;
    for (NetNode n : fullSpec.live().nodes()) {
      if (n.op() == NodeOp.CONV && n.depthwise() && dilated(n)) {
        long big = (long) DilationMaskConstraint.denseKernel(n.kernel()[0], n.dilation()[0])
            * DilationMaskConstraint.denseKernel(n.kernel()[1], n.dilation()[1]);
        extra += n.out().channels() * (big - (long) n.kernel()[0] * n.kernel()[1]);
      }
    }
    return extra;
  }

  /**
   * The weights of a depthwise conv node in ONNX layout [C, 1, kh, kw], read from the graph's {@code
   * DepthwiseConvolution2D} layer ([kH, kW, C, 1]; for dilated nodes the dense kernel's taps at multiples of the
   * dilation). A detached copy.
   */
  public static INDArray onnxDepthwiseWeights(ComputationGraph graph, NetNode n) {
    INDArray w = graph.getLayer(n.name()).getParam("W");
    if (!dilated(n)) {
      return w.permute(2, 3, 0, 1).dup('c');
    }
    int kh = n.kernel()[0];
    int kw = n.kernel()[1];
    int dh = n.dilation()[0];
    int dw = n.dilation()[1];
    int c = n.in().channels();
    float[] out = new float[c * kh * kw];
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          out[(ch * kh + i) * kw + j] = w.getFloat(i * dh, j * dw, ch, 0);
        }
      }
    }
    return Nd4j.create(out, new long[] {c, 1, kh, kw}, 'c');
  }

  /** ONNX-layout depthwise weights [C, 1, kh, kw] to the DL4J layer's layout (dense kernel when dilated). */
  private static INDArray toDl4jDepthwise(INDArray onnx, NetNode n) {
    if (!dilated(n)) {
      return onnx.permute(2, 3, 0, 1); // [C, 1, kh, kw] -> [kh, kw, C, 1]
    }
    int kh = n.kernel()[0];
    int kw = n.kernel()[1];
    int dh = n.dilation()[0];
    int dw = n.dilation()[1];
    int bh = DilationMaskConstraint.denseKernel(kh, dh);
    int bw = DilationMaskConstraint.denseKernel(kw, dw);
    int c = n.in().channels();
    float[] out = new float[bh * bw * c];
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          out[((i * dh) * bw + j * dw) * c + ch] = onnx.getFloat(ch, 0, i, j);
        }
      }
    }
    return Nd4j.create(out, new long[] {bh, bw, c, 1}, 'c');
  }

  private static boolean dilated(NetNode n) {
    return n.dilation() != null && (n.dilation()[0] > 1 || n.dilation()[1] > 1);
  }

  private static org.deeplearning4j.nn.conf.layers.Layer conv(NetNode n, boolean readsInput) {
    if (n.depthwise() && dilated(n)) {
      int[] k = {DilationMaskConstraint.denseKernel(n.kernel()[0], n.dilation()[0]),
          DilationMaskConstraint.denseKernel(n.kernel()[1], n.dilation()[1])};
      return new LinearDepthwiseConvolution(new DepthwiseConvolution2D.Builder(k, n.stride(), n.pad())
          .depthMultiplier(1).nIn(n.in().channels()).nOut(n.out().channels()).hasBias(false)
          .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate)
          .constrainWeights(new DilationMaskConstraint(n.kernel()[0], n.dilation()[0]))
          .dataFormat(CNN2DFormat.NCHW));
    }
    if (n.depthwise()) {
      return new LinearDepthwiseConvolution(new DepthwiseConvolution2D.Builder(n.kernel(), n.stride(), n.pad())
          .dilation(n.dilation()).depthMultiplier(1).nIn(n.in().channels()).nOut(n.out().channels())
          .hasBias(false).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate)
          .dataFormat(CNN2DFormat.NCHW));
    }
    return new LinearConvolution(new ConvolutionLayer.Builder(n.kernel(), n.stride(), n.pad())
        .dilation(n.dilation()).nIn(n.in().channels()).nOut(n.out().channels()).hasBias(false)
        .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW),
        !readsInput);
  }

  /**
   * The logits (the {@code classifier} layer's output, before softmax) for a batch, in inference mode.
   *
   * @param graph a graph built by this class
   * @param x input of shape [batch, C, H, W]
   * @return a detached [batch, classes] array
   */
  public static INDArray logits(ComputationGraph graph, INDArray x) {
    Map<String, INDArray> acts = graph.feedForward(new INDArray[] {x}, false, true);
    return acts.get("classifier").detach();
  }
}
