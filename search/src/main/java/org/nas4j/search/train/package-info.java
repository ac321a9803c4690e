/**
 * Training mode of the search: architectures of a real search space ({@link
 * org.nas4j.search.train.ArchitectureGenomeSpace}) evaluated by training a proxy network with DL4J on a real dataset
 * and by the targets' latency sources ({@link org.nas4j.search.train.TrainingEvaluator}); the front is retrained at
 * a larger budget, tested and exported as verified ONNX files ({@link org.nas4j.search.train.TrainedFrontExporter}).
 * A {@link org.nas4j.search.train.TrainingEvaluator} trains up to {@code --jobs} candidates at once, one per core
 * (each with the configured OpenMP thread count, bit-identical to training one after the other); ONNX Runtime
 * latency is measured only while no training runs.
 */
package org.nas4j.search.train;
