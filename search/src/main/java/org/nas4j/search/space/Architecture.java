package org.nas4j.search.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One architecture of a search space: the cell description only, without macro settings (cells, channels, input).
 * Implementations are immutable records and thread-safe.
 */
public interface Architecture {
  /** The name of the space this architecture belongs to, e.g. {@code darts} or {@code nb201}. */
  String space();

  /** The literature text form (DARTS genotype text, NB201 arch string), which the space's parser reads back. */
  String toText();

  /**
   * The canonical JSON of this architecture: compact, fixed key order, computed on the canonical form, so that
   * equivalent encodings (e.g. the two inputs of a DARTS node swapped) give the same text.
   */
  String canonicalJson();

  /** The stable id: lower-case hex SHA-256 of {@link #canonicalJson()} in UTF-8 (64 characters). */
  default String archId() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The first 12 hex characters of {@link #archId()}, for people. */
  default String shortId() {
    return archId().substring(0, 12);
  }
}
