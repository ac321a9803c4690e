/**
 * Training mode of the search: architectures of a real search space ({@link
 * org.nas4j.search.train.ArchitectureGenomeSpace}) evaluated by training a proxy network with DL4J on a real dataset
 * and by the targets' latency sources ({@link org.nas4j.search.train.TrainingEvaluator}); the front is retrained at
 * a larger budget, tested and exported as verified ONNX files ({@link org.nas4j.search.train.TrainedFrontExporter}).
 * Evaluators are single-threaded: DL4J training uses both cores, and ONNX Runtime latency is measured only after a
 * training run has finished (never concurrently).
 */
package org.nas4j.search.train;
