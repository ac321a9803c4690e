/**
 * Cell-based search spaces: {@link org.nas4j.search.space.DartsSpace} (DARTS/NASNet cells, genotypes in the DARTS
 * text format) and {@link org.nas4j.search.space.Nb201Space} (NAS-Bench-201 cells, arch strings). Each space maps
 * architectures to and from a fixed-length integer genome, puts them in canonical form, gives them a stable
 * SHA-256 id and samples them uniformly from a seeded {@link java.util.SplittableRandom}. Macro-network settings
 * (cells, channels, input shape, classes, stem) live in {@link org.nas4j.search.space.MacroConfig}. All types here
 * are immutable and thread-safe; bad text or genomes throw {@link
 * org.nas4j.search.space.InvalidSearchSpaceException}.
 */
package org.nas4j.search.space;
