/**
 * The multi-objective search engine: MOEA Framework 5.0 glue around an integer genome. Entry types are
 * {@link org.nas4j.search.strategy.GenomeSpace} (what is searched), {@link
 * org.nas4j.search.strategy.CandidateEvaluator} (how a genome becomes objective values, split into cheap and
 * expensive parts) and {@link org.nas4j.search.strategy.NasSearch} (a surrogate-assisted NSGA-II whose result is a
 * deterministic function of the seed and the evaluation results). Latencies are milliseconds at batch size 1; error
 * is a fraction in [0, 1]. The search is single-threaded and uses MOEA's global {@code PRNG}, so at most one search
 * runs per JVM at a time.
 */
package org.nas4j.search.strategy;
