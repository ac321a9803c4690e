/**
 * ONNX export of networks built from a search space. {@link org.nas4j.search.export.OnnxExporter} walks a {@link
 * org.nas4j.search.net.NetSpec} together with the Deeplearning4j graph that holds its weights and writes an
 * inference-mode ONNX model (IR 8, opset 13, input {@code input}, output {@code logits}, BatchNorm not folded);
 * {@link org.nas4j.search.export.OnnxVerifier} checks structure and shapes and runs the model once in ONNX Runtime
 * before the file is moved into place. ONNX Runtime sessions are single-threaded (1 intra-op thread).
 */
package org.nas4j.search.export;
