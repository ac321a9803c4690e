/**
 * Table-backed evaluation for benchmarking the search itself: {@link org.nas4j.search.tabular.TableEvaluator} reads
 * accuracy and latency columns of a CSV benchmark table (NAS-Bench-201, HW-NAS-Bench FBNet) instead of training, and
 * {@link org.nas4j.search.tabular.Nb201GenomeSpace} / {@link org.nas4j.search.tabular.FbnetGenomeSpace} are the small
 * genome spaces of those tables. Latencies are milliseconds as stored in the table. All types are immutable after
 * construction and thread-safe.
 */
package org.nas4j.search.tabular;
