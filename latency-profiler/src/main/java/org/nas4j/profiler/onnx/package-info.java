/**
 * Reading, validating and shape-inferring ONNX models with the protobuf classes {@code onnx.Onnx.*} that ship in
 * nd4j-api (shaded protobuf; no ND4J or ONNX Runtime native code is touched). {@link
 * org.nas4j.profiler.onnx.OnnxModels#load} parses a file and checks its structure; {@link
 * org.nas4j.profiler.onnx.ShapeInference#infer} computes the static shape of every tensor, folding the small
 * integer tensors (Shape/Gather/Concat chains) that exporters use for shape arithmetic. Everything here is
 * stateless and thread-safe; problems with the model are {@link org.nas4j.profiler.InvalidModelException}s whose
 * message starts with the file name.
 */
package org.nas4j.profiler.onnx;
