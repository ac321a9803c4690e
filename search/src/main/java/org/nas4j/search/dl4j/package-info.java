/**
 * Turns an architecture plus {@link org.nas4j.search.space.MacroConfig} into a network. {@link
 * org.nas4j.search.net.NetSpecs} first builds a framework-neutral layer graph ({@link
 * org.nas4j.search.net.NetSpec}, with shapes, parameter and multiply-add counts); {@link
 * org.nas4j.search.dl4j.Dl4jGraphBuilder} turns that into a trainable Deeplearning4j {@code ComputationGraph}, and
 * the ONNX exporter walks the same spec, so both always describe the same network. Every entry point calls {@link
 * org.nas4j.search.dl4j.Dl4jRuntime#init()} first, which switches DL4J's oneDNN layer helpers on.
 */
package org.nas4j.search.dl4j;
