package org.nas4j.profiler.onnx;

import java.util.List;
import java.util.Map;
import org.nas4j.profiler.InvalidModelException;

/**
 * The model uses op types that shape inference has no rule for. The message names every such op type and the
 * nodes that use it; {@link #nodesByOpType()} has the same information for programs.
 */
public class UnsupportedOperatorException extends InvalidModelException {
  private final transient Map<String, List<String>> nodesByOpType;

  /**
   * @param message one-line message naming the file, op types and nodes
   * @param nodesByOpType node names per unsupported op type (domain-qualified when not the default domain)
   */
  public UnsupportedOperatorException(String message, Map<String, List<String>> nodesByOpType) {
    super(message);
    this.nodesByOpType = Map.copyOf(nodesByOpType);
  }

  /** Node names per unsupported op type. */
  public Map<String, List<String>> nodesByOpType() {
    return nodesByOpType;
  }
}
