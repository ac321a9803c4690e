/**
 * The Deeplearning4j backend: {@link org.nas4j.search.dl4j.Dl4jGraphBuilder} turns a {@link
 * org.nas4j.search.net.NetSpec} into a trainable {@code ComputationGraph}, with our layers (linear convolutions, ReLU,
 * the NCHW batch-norm helper) and the worker threads that train candidates at once ({@link
 * org.nas4j.search.dl4j.TrainingWorkers}). {@link org.nas4j.search.dl4j.Dl4jRuntime#init()} is DL4J's one start-up
 * (oneDNN layer helpers on); every entry point below {@code cli} that builds, trains or reads a network calls it, and
 * it is idempotent.
 */
package org.nas4j.search.dl4j;
