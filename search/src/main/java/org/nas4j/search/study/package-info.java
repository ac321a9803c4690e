/**
 * Benchmark studies of the estimator, behind {@code nas benchmark}: {@link org.nas4j.search.study.FidelityStudy} (how
 * well the search's low-budget proxy ranks architectures against longer training, Kendall's tau-b) and {@link
 * org.nas4j.search.study.TrainSpeed} (training throughput of reference networks), with their file formats ({@link
 * org.nas4j.search.study.FidelityLines}, {@link org.nas4j.search.study.GenotypeFiles}). They use {@code estimate};
 * nothing in the search depends on them.
 */
package org.nas4j.search.study;
