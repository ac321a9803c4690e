package org.nas4j.search.export;

import java.nio.file.Path;

/**
 * What an export wrote.
 *
 * @param file the ONNX file
 * @param archId full SHA-256 architecture id
 * @param allParams float initializer elements (= DL4J numParams, BN running statistics included)
 * @param trainableParams parameters by the PyTorch/DARTS convention (BN running statistics excluded)
 * @param macs conv + linear multiply-adds per example
 * @param nodes ONNX nodes in the graph
 * @param fileBytes size of the file in bytes
 */
public record ExportResult(Path file, String archId, long allParams, long trainableParams, long macs, int nodes,
    long fileBytes) {}
