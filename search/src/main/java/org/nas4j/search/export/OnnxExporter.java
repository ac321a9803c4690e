package org.nas4j.search.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import onnx.Onnx;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetNode;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NodeOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Writes a network as ONNX: IR version {@value #IR_VERSION}, opset {@value #OPSET}, one float input {@code input}
 * of shape {@code 1xCxHxW}, one output {@code logits} of shape {@code 1xclasses}, weights as little-endian raw
 * float data taken from the Deeplearning4j graph, BatchNormalization nodes kept (not folded) with their running
 * statistics, so the float initializer elements equal DL4J's {@code numParams()} and {@link NetSpec#allParams()} of
 * the {@linkplain NetSpec#live() live} spec (the exporter always writes the live part).
 * Constants that are not weights (Slice bounds, the zero scalar) are {@code Constant} nodes, not initializers.
 *
 * <p>Metadata: {@code nas.archId}, {@code nas.genotype}, {@code nas.space}, {@code nas.cells}, {@code nas.channels},
 * {@code nas.input}, {@code nas.classes}, {@code nas.stem}, {@code nas.version}, {@code nas.paramsAll},
 * {@code nas.paramsTrainable}, {@code nas.macs}. The output is deterministic: the same spec and weights give the
 * same bytes. Thread-safe if the graph is not trained concurrently.
 */
public final class OnnxExporter {
  /** The ONNX IR version written (what onnx 1.12's checker and ONNX Runtime both accept). */
  public static final int IR_VERSION = 8;

  /** The default-domain opset written. */
  public static final int OPSET = 13;

  /** Graph input name. */
  public static final String INPUT = "input";

  /** Graph output name. */
  public static final String OUTPUT = "logits";

  private final String version;
  private final Map<String, String> extraMetadata;

  /** An exporter that stamps {@code nas.version} and the producer version with {@code version}. */
  public OnnxExporter(String version) {
    this(version, Map.of());
  }

  private OnnxExporter(String version, Map<String, String> extraMetadata) {
    this.version = version;
    this.extraMetadata = extraMetadata;
  }

  /**
   * An exporter that also writes {@code extra} into {@code metadata_props}, after the standard entries and in the
   * map's order (e.g. a scaled model's {@code nas.runId}, {@code nas.testAccuracy}).
   *
   * @throws IllegalArgumentException if a key is blank or one of the standard keys
   */
  public OnnxExporter withMetadata(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(extraMetadata);
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
        throw new IllegalArgumentException("metadata entries need a key and a value, got " + e);
      }
      all.put(e.getKey(), e.getValue());
    }
    return new OnnxExporter(version, java.util.Collections.unmodifiableMap(all));
  }

  /** The nas4j version of this build (jar manifest), or {@code dev}. */
  public static String buildVersion() {
    String v = OnnxExporter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * Builds, verifies and atomically writes the model.
   *
   * @param spec the network description
   * @param graph a graph built from {@code spec} by {@link Dl4jGraphBuilder} (trained or freshly initialised)
   * @param out the file to write; an existing file is replaced only after verification succeeded
   * @return what was written
   * @throws ExportException if verification fails or the file cannot be written (nothing is left behind)
   */
  public ExportResult export(NetSpec fullSpec, ComputationGraph graph, Path out) {
    NetSpec spec = fullSpec.live();
    Onnx.ModelProto model = toModel(spec, graph);
    byte[] bytes = model.toByteArray();
    OnnxVerifier.verify(model, bytes, spec.macro().input(), spec.macro().classes());
    Path abs = out.toAbsolutePath();
    try {
      AtomicFiles.write(abs, bytes);
    } catch (IOException e) {
      throw new ExportException("cannot write " + out + ": " + e.getMessage(), e);
    }
    return new ExportResult(abs, spec.arch().archId(), spec.allParams(), spec.trainableParams(), spec.macs(),
        model.getGraph().getNodeCount(), bytes.length);
  }

  /** The ONNX model of a spec with the graph's weights (not verified; see {@link OnnxVerifier}). */
  public Onnx.ModelProto toModel(NetSpec fullSpec, ComputationGraph graph) {
    NetSpec spec = fullSpec.live();
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("nas4j_" + spec.arch().space());
    Map<String, String> fused = Dl4jGraphBuilder.separableFusions(spec);
    Map<String, String> pwToDw = new LinkedHashMap<>();
    fused.forEach((dw, pw) -> pwToDw.put(pw, dw));
    NetNode in = spec.nodes().get(0);
    g.addInput(valueInfo(INPUT, 1, in.out().channels(), in.out().height(), in.out().width()));
    String last = spec.output().name();
    for (NetNode n : spec.nodes().subList(1, spec.nodes().size())) {
      String y = n.name().equals(last) ? OUTPUT : n.name();
      List<String> xs = n.inputs();
      switch (n.op()) {
        case RELU -> g.addNode(node("Relu", n.name(), xs, y));
        case CONV -> {
          INDArray w;
          if (fused.containsKey(n.name())) {
            w = depthwiseFromSeparable(graph.getLayer(fused.get(n.name())).getParam("W"), n);
          } else if (pwToDw.containsKey(n.name())) {
            w = graph.getLayer(n.name()).getParam("pW");
          } else if (n.depthwise()) {
            // DL4J DepthwiseConvolution2D: [kH, kW, nIn, multiplier] -> ONNX [nIn * multiplier, 1, kH, kW]
            w = Dl4jGraphBuilder.onnxDepthwiseWeights(graph, n);
          } else {
            w = graph.getLayer(n.name()).getParam("W");
          }
          long[] wShape = {n.out().channels(), n.in().channels() / n.groups(), n.kernel()[0], n.kernel()[1]};
          g.addInitializer(floats(n.name() + ".W", w, wShape));
          Onnx.NodeProto.Builder c = node("Conv", n.name(), List.of(xs.get(0), n.name() + ".W"), y);
          c.addAttribute(ints("kernel_shape", n.kernel()[0], n.kernel()[1]));
          c.addAttribute(ints("strides", n.stride()[0], n.stride()[1]));
          c.addAttribute(ints("pads", n.pad()[0], n.pad()[1], n.pad()[0], n.pad()[1]));
          c.addAttribute(ints("dilations", n.dilation()[0], n.dilation()[1]));
          c.addAttribute(intAttr("group", n.groups()));
          g.addNode(c);
        }
        case BATCH_NORM -> {
          Layer l = graph.getLayer(n.name());
          long[] cShape = {n.out().channels()};
          for (String p : List.of("gamma", "beta", "mean", "var")) {
            g.addInitializer(floats(n.name() + "." + p, l.getParam(p), cShape));
          }
          Onnx.NodeProto.Builder b = node("BatchNormalization", n.name(), List.of(xs.get(0), n.name() + ".gamma",
              n.name() + ".beta", n.name() + ".mean", n.name() + ".var"), y);
          b.addAttribute(floatAttr("epsilon", 1e-5f));
          g.addNode(b);
        }
        case MAX_POOL, AVG_POOL -> {
          Onnx.NodeProto.Builder p = node(n.op() == NodeOp.MAX_POOL ? "MaxPool" : "AveragePool", n.name(), xs, y);
          p.addAttribute(ints("kernel_shape", n.kernel()[0], n.kernel()[1]));
          p.addAttribute(ints("strides", n.stride()[0], n.stride()[1]));
          p.addAttribute(ints("pads", n.pad()[0], n.pad()[1], n.pad()[0], n.pad()[1]));
          if (n.op() == NodeOp.AVG_POOL) {
            p.addAttribute(intAttr("count_include_pad", 0));
          }
          g.addNode(p);
        }
        case CROP_SHIFT -> {
          g.addNode(constant(n.name() + ".starts", longs(n.name() + ".starts", 1, 1)));
          g.addNode(constant(n.name() + ".ends", longs(n.name() + ".ends", Long.MAX_VALUE, Long.MAX_VALUE)));
          g.addNode(constant(n.name() + ".axes", longs(n.name() + ".axes", 2, 3)));
          g.addNode(node("Slice", n.name(), List.of(xs.get(0), n.name() + ".starts", n.name() + ".ends",
              n.name() + ".axes"), y));
        }
        case ADD -> {
          String acc = xs.get(0);
          for (int i = 1; i < xs.size(); i++) {
            String o = i == xs.size() - 1 ? y : n.name() + ".sum" + i;
            g.addNode(node("Add", i == xs.size() - 1 ? n.name() : o, List.of(acc, xs.get(i)), o));
            acc = o;
          }
        }
        case CONCAT -> {
          Onnx.NodeProto.Builder c = node("Concat", n.name(), xs, y);
          c.addAttribute(intAttr("axis", 1));
          g.addNode(c);
        }
        case ZERO -> {
          Onnx.TensorProto zero = Onnx.TensorProto.newBuilder().setName(n.name() + ".zero")
              .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE)
              .setRawData(ByteString.copyFrom(new byte[4])).build();
          g.addNode(constant(n.name() + ".zero", zero));
          g.addNode(node("Mul", n.name(), List.of(xs.get(0), n.name() + ".zero"), y));
        }
        case GLOBAL_AVG_POOL -> {
          g.addNode(node("GlobalAveragePool", n.name() + ".pool", xs, n.name() + ".pool"));
          Onnx.NodeProto.Builder f = node("Flatten", n.name(), List.of(n.name() + ".pool"), y);
          f.addAttribute(intAttr("axis", 1));
          g.addNode(f);
        }
        case LINEAR -> {
          Layer l = graph.getLayer(n.name());
          g.addInitializer(floats(n.name() + ".W", l.getParam("W"), new long[] {n.in().channels(),
              n.out().channels()}));
          g.addInitializer(floats(n.name() + ".b", l.getParam("b"), new long[] {n.out().channels()}));
          g.addNode(node("Gemm", n.name(), List.of(xs.get(0), n.name() + ".W", n.name() + ".b"), y));
        }
        default -> throw new IllegalStateException("unexpected node " + n);
      }
    }
    g.addOutput(valueInfo(OUTPUT, 1, spec.macro().classes()));
    Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("nas4j")
        .setProducerVersion(version)
        .setModelVersion(1)
        .setDocString(spec.arch().space() + " " + spec.arch().toText() + " " + spec.macro().describe())
        .setGraph(g);
    for (Map.Entry<String, String> e : metadata(spec).entrySet()) {
      m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    }
    return m.build();
  }

  /** The metadata_props written for a spec, in file order (counts are of the live network). */
  public Map<String, String> metadata(NetSpec fullSpec) {
    NetSpec spec = fullSpec.live();
    Map<String, String> md = new LinkedHashMap<>();
    md.put("nas.archId", spec.arch().archId());
    md.put("nas.genotype", spec.arch().toText());
    md.put("nas.space", spec.arch().space());
    md.put("nas.cells", Integer.toString(spec.macro().cells()));
    md.put("nas.channels", Integer.toString(spec.macro().channels()));
    md.put("nas.input", spec.macro().input().toString());
    md.put("nas.classes", Integer.toString(spec.macro().classes()));
    md.put("nas.stem", spec.macro().stem().name().toLowerCase(Locale.ROOT));
    md.put("nas.version", version);
    md.put("nas.paramsAll", Long.toString(spec.allParams()));
    md.put("nas.paramsTrainable", Long.toString(spec.trainableParams()));
    md.put("nas.macs", Long.toString(spec.macs()));
    for (Map.Entry<String, String> e : extraMetadata.entrySet()) {
      if (md.containsKey(e.getKey())) {
        throw new IllegalArgumentException("metadata key " + e.getKey() + " is written by the exporter itself");
      }
      md.put(e.getKey(), e.getValue());
    }
    return md;
  }

  private static INDArray depthwiseFromSeparable(INDArray w, NetNode n) {
    // DL4J SeparableConvolution2D depthwise weights: [multiplier, nIn, kH, kW] -> ONNX [nIn * multiplier, 1, kH, kW]
    long[] s = w.shape();
    if (s.length != 4 || s[0] != 1 || s[1] != n.in().channels() || s[2] != n.kernel()[0] || s[3] != n.kernel()[1]) {
      throw new IllegalStateException("unexpected SeparableConvolution2D depthwise weight shape "
          + java.util.Arrays.toString(s) + " for " + n.name());
    }
    return w.permute(1, 0, 2, 3);
  }

  private static Onnx.NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
    return Onnx.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
  }

  private static Onnx.NodeProto.Builder constant(String name, Onnx.TensorProto value) {
    return Onnx.NodeProto.newBuilder().setOpType("Constant").setName(name).addOutput(name)
        .addAttribute(Onnx.AttributeProto.newBuilder().setName("value")
            .setType(Onnx.AttributeProto.AttributeType.TENSOR).setT(value));
  }

  private static Onnx.AttributeProto ints(String name, long... values) {
    Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
        .setType(Onnx.AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static Onnx.AttributeProto intAttr(String name, long value) {
    return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
        .setI(value).build();
  }

  private static Onnx.AttributeProto floatAttr(String name, float value) {
    return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
        .setF(value).build();
  }

  private static Onnx.TensorProto longs(String name, long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return Onnx.TensorProto.newBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.INT64_VALUE)
        .addDims(values.length).setRawData(ByteString.copyFrom(b.array())).build();
  }

  /** A float initializer with the given shape from a DL4J array holding the same elements in row-major order. */
  private static Onnx.TensorProto floats(String name, INDArray a, long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (a.length() != n) {
      throw new IllegalStateException("parameter " + name + " has " + a.length() + " elements, expected " + n);
    }
    float[] v = org.nd4j.linalg.factory.Nd4j.toFlattened('c', a.castTo(DataType.FLOAT)).toFloatVector();
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
        .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(b.array()));
    for (long d : shape) {
      t.addDims(d);
    }
    return t.build();
  }

  private static Onnx.ValueInfoProto valueInfo(String name, long... dims) {
    Onnx.TensorShapeProto.Builder s = Onnx.TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
        Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(s)))
        .build();
  }
}
