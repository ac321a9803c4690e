package org.nas4j.search.strategy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Helpers to compute architecture ids: SHA-256 hex of a canonical genome's JSON. Thread-safe. */
public final class ArchIds {
  private ArchIds() {}

  /** The canonical JSON of a genome, {@code {"space":"nb201","genome":[1,2,3]}}. */
  public static String canonicalJson(String space, int[] canonicalGenome) {
    StringBuilder sb = new StringBuilder("{\"space\":\"").append(space).append("\",\"genome\":[");
    for (int i = 0; i < canonicalGenome.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(canonicalGenome[i]);
    }
    return sb.append("]}").toString();
  }

  /** SHA-256 hex of {@link #canonicalJson}. */
  public static String archId(String space, int[] canonicalGenome) {
    return sha256Hex(canonicalJson(space, canonicalGenome).getBytes(StandardCharsets.UTF_8));
  }

  /** SHA-256 hex of bytes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JRE", e);
    }
  }
}
