package org.nas4j.profiler.onnx;

/** A shape rule found a problem with one node; the caller adds the file and node names. Internal. */
final class ShapeException extends RuntimeException {
  ShapeException(String message) {
    super(message);
  }
}
