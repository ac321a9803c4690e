package org.nas4j.search.strategy;

import java.util.SplittableRandom;

/**
 * A search space seen as a fixed-length integer genome. Gene {@code i} takes values in {@code [lowerBounds()[i],
 * upperBounds()[i]]} (both inclusive). Implementations are immutable and thread-safe; no method mutates its argument.
 * Methods taking a genome throw {@link IllegalArgumentException} when its length or a gene is out of bounds.
 */
public interface GenomeSpace {

  /** Short name of the space, e.g. {@code nb201}; recorded in run provenance. */
  String name();

  /** Inclusive lower bound of each gene; a fresh array. */
  int[] lowerBounds();

  /** Inclusive upper bound of each gene; a fresh array, same length as {@link #lowerBounds()}. */
  int[] upperBounds();

  /** Number of genes. */
  default int length() {
    return lowerBounds().length;
  }

  /** Whether {@code genome} has the right length, is within bounds and denotes a buildable architecture. */
  boolean isValid(int[] genome);

  /**
   * The canonical representative of the genome's equivalence class: two genomes that denote the same computation
   * (e.g. isomorphic cells) have equal canonical forms. Computed from the architecture alone. Idempotent.
   */
  int[] canonical(int[] genome);

  /** SHA-256 hex of the canonical form's JSON ({@code {"space":name,"genome":[...]}}); stable across runs. */
  String archId(int[] genome);

  /** Human-readable architecture string of this genome (not canonicalised), the inverse of {@link #parse}. */
  String describe(int[] genome);

  /**
   * Parses an architecture string as written by {@link #describe}.
   *
   * @throws org.nas4j.targets.error.InvalidArgumentException if the text is not an architecture of this space
   */
  int[] parse(String arch);

  /** A uniformly random valid genome drawn from {@code random} (which is advanced). */
  int[] sample(SplittableRandom random);

  /**
   * Numeric features of a genome for accuracy surrogates. The default is a one-hot encoding of every gene; spaces may
   * add structural features. Same length for every genome of the space.
   */
  default double[] features(int[] genome) {
    int[] lo = lowerBounds();
    int[] hi = upperBounds();
    int n = 0;
    for (int i = 0; i < lo.length; i++) {
      n += hi[i] - lo[i] + 1;
    }
    double[] f = new double[n];
    int offset = 0;
    for (int i = 0; i < lo.length; i++) {
      f[offset + genome[i] - lo[i]] = 1.0;
      offset += hi[i] - lo[i] + 1;
    }
    return f;
  }
}
