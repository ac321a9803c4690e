package org.nas4j.profiler.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;
import org.nas4j.profiler.InvalidModelException;
import org.nd4j.shade.protobuf.CodedInputStream;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Loads ONNX model files and checks that they are structurally sound, so that callers (profile, bench, export)
 * can rely on a graph that has nodes, declared inputs and outputs, an IR version and opset we understand, and no
 * dangling tensor names.
 *
 * <p>All methods are thread-safe and static. Every problem is reported as an {@link InvalidModelException} whose
 * one-line message starts with the file name. Nothing here loads ND4J or ONNX Runtime native code.
 */
public final class OnnxModels {
  /** Lowest ONNX IR version accepted (the first with opset imports). */
  public static final long MIN_IR_VERSION = 3;
  /** Highest ONNX IR version accepted (IR 10 goes with opset 21). */
  public static final long MAX_IR_VERSION = 10;
  /** Lowest default-domain opset accepted. */
  public static final long MIN_OPSET = 7;
  /** Highest default-domain opset accepted. */
  public static final long MAX_OPSET = 21;

  private static final int MAX_PROTO_BYTES = Integer.MAX_VALUE;

  private OnnxModels() {}

  /**
   * Reads {@code file} and returns its model after {@link #check structural checks}.
   *
   * <p>The file is memory-mapped and large byte fields (initializer {@code raw_data}) alias the mapping instead of
   * being copied to the heap, so a 500 MB model does not need 500 MB of heap. Replace a model file by writing a new
   * file and renaming it (as nas does), not by rewriting it in place while a loaded model is still in use.
   *
   * @throws InvalidModelException if the file is missing, a directory, empty, not ONNX protobuf (truncated, random
   *     bytes), or structurally invalid
   */
  public static ModelProto load(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new InvalidModelException(name + ": is a directory, not an ONNX model file");
    }
    if (!Files.exists(file)) {
      throw new InvalidModelException(name + ": no such file");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new InvalidModelException(name + ": cannot read: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new InvalidModelException(name + ": empty file, not an ONNX model");
    }
    if (size > MAX_PROTO_BYTES) {
      throw new InvalidModelException(name + ": " + size + " bytes is larger than the 2 GiB protobuf limit"
          + " (models with external data must keep the graph file itself under 2 GiB)");
    }
    ModelProto model;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      // Parse from a read-only mapping with aliasing: raw_data of large initializers is not copied.
      ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      CodedInputStream coded = CodedInputStream.newInstance(mapped);
      coded.enableAliasing(true);
      coded.setSizeLimit(MAX_PROTO_BYTES);
      coded.setRecursionLimit(200);
      model = ModelProto.parseFrom(coded);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidModelException(name + ": not a valid ONNX protobuf (truncated or corrupt file): "
          + firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new InvalidModelException(name + ": cannot read: " + e.getMessage(), e);
    }
    check(model, name);
    return model;
  }

  /**
   * Checks the structure of a parsed model: IR version and default-domain opset in the supported range, a graph
   * with at least one node, input and output, non-empty op types, unique tensor names, every node input produced
   * earlier (ONNX requires topological order) and every graph output produced.
   *
   * @param name the file name (or other label) that starts every error message
   * @throws InvalidModelException describing the first problem found
   */
  public static void check(ModelProto model, String name) {
    long ir = model.getIrVersion();
    if (ir == 0 || !model.hasGraph()) {
      throw new InvalidModelException(name + ": not an ONNX model (no " + (ir == 0 ? "ir_version" : "graph")
          + " in the protobuf message; random or non-ONNX bytes?)");
    }
    if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
      throw new InvalidModelException(name + ": unsupported ONNX IR version " + ir + " (supported: "
          + MIN_IR_VERSION + " to " + MAX_IR_VERSION + ")");
    }
    long opset = defaultOpset(model, name);
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      throw new InvalidModelException(name + ": unsupported opset " + opset + " for the default ONNX domain"
          + " (supported: " + MIN_OPSET + " to " + MAX_OPSET + ")");
    }
    GraphProto g = model.getGraph();
    if (g.getNodeCount() == 0) {
      throw new InvalidModelException(name + ": the graph has no nodes");
    }
    if (g.getOutputCount() == 0) {
      throw new InvalidModelException(name + ": the graph declares no outputs");
    }
    Set<String> known = new HashSet<>();
    for (TensorProto t : g.getInitializerList()) {
      if (t.getName().isEmpty()) {
        throw new InvalidModelException(name + ": an initializer has no name");
      }
      known.add(t.getName());
    }
    for (ValueInfoProto in : g.getInputList()) {
      known.add(in.getName());
    }
    if (g.getInputCount() == 0 && g.getInitializerCount() == 0) {
      throw new InvalidModelException(name + ": the graph declares no inputs");
    }
    Set<String> produced = new LinkedHashSet<>();
    for (NodeProto n : g.getNodeList()) {
      for (String out : n.getOutputList()) {
        if (!out.isEmpty()) {
          produced.add(out);
        }
      }
    }
    Set<String> seen = new HashSet<>(known);
    for (int i = 0; i < g.getNodeCount(); i++) {
      NodeProto n = g.getNode(i);
      String label = nodeLabel(n, i);
      if (n.getOpType().isEmpty()) {
        throw new InvalidModelException(name + ": node " + label + " has no op_type");
      }
      if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
        throw new InvalidModelException(name + ": node " + label + " (" + n.getOpType() + ") has no first output");
      }
      for (String in : n.getInputList()) {
        if (in.isEmpty() || seen.contains(in)) {
          continue;
        }
        if (produced.contains(in)) {
          throw new InvalidModelException(name + ": node " + label + " (" + n.getOpType() + ") uses '" + in
              + "' before the node that produces it; nodes must be in topological order");
        }
        throw new InvalidModelException(name + ": node " + label + " (" + n.getOpType() + ") has dangling input '"
            + in + "': no graph input, initializer or node output has that name");
      }
      for (String out : n.getOutputList()) {
        if (out.isEmpty()) {
          continue;
        }
        if (!seen.add(out)) {
          throw new InvalidModelException(name + ": tensor '" + out + "' is produced twice (node " + label + ")");
        }
      }
    }
    for (ValueInfoProto out : g.getOutputList()) {
      if (!seen.contains(out.getName())) {
        throw new InvalidModelException(name + ": graph output '" + out.getName()
            + "' is not produced by any node, input or initializer");
      }
    }
  }

  /**
   * The opset version of the default ONNX domain ({@code ""} or {@code "ai.onnx"}).
   *
   * @throws InvalidModelException if the model imports no default-domain opset
   */
  public static long defaultOpset(ModelProto model, String name) {
    for (OperatorSetIdProto op : model.getOpsetImportList()) {
      if (op.getDomain().isEmpty() || op.getDomain().equals("ai.onnx")) {
        return op.getVersion();
      }
    }
    throw new InvalidModelException(name + ": the model imports no opset for the default ONNX domain");
  }

  /** A node's name for messages: its name, or {@code #index} if it has none. */
  static String nodeLabel(NodeProto n, int index) {
    return n.getName().isEmpty() ? "#" + index : "'" + n.getName() + "'";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "parse error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
