/**
 * The framework-neutral description of a network: {@link org.nas4j.search.net.NetSpecs} turns an architecture plus
 * {@link org.nas4j.search.space.MacroConfig} into a layer graph ({@link org.nas4j.search.net.NetSpec} of {@link
 * org.nas4j.search.net.NetNode}s, with shapes, parameter and multiply-add counts). The DL4J backend ({@code
 * org.nas4j.search.dl4j}), the ONNX exporter and the latency lowering all walk the same spec, so they always describe
 * the same network. No DL4J here.
 */
package org.nas4j.search.net;
