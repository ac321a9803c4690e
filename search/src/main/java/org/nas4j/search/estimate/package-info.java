/**
 * Accuracy estimation by brief, deterministic training with Deeplearning4j: {@link
 * org.nas4j.search.estimate.TrainingBudget} says how much, {@link org.nas4j.search.estimate.Dl4jProxyTrainer} trains
 * a {@code ComputationGraph} on a {@link org.nas4j.search.data.Dataset.Split} and returns a {@link
 * org.nas4j.search.estimate.TrainingResult}. Failures (divergence, out of memory, time limit) are results, not
 * exceptions. Trainers are not thread-safe: train one candidate at a time (DL4J uses both cores).
 */
package org.nas4j.search.estimate;
