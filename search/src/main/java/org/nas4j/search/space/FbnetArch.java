package org.nas4j.search.space;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An architecture of HW-NAS-Bench's FBNet space: one {@link FbnetBlock} for each of the 22 searchable layers. The text
 * form (canonical: every block list is a distinct network) joins the block names with {@code -}, e.g. {@code
 * k5_e6-skip-k3_e1_g2-...}.
 *
 * @param blocks the 22 blocks in layer order
 */
public record FbnetArch(List<FbnetBlock> blocks) {
  /** Searchable layers. */
  public static final int LAYERS = 22;

  /** Validates that there are exactly 22 non-null blocks. */
  public FbnetArch {
    if (blocks == null || blocks.size() != LAYERS || blocks.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidSearchSpaceException("an FBNet architecture needs exactly " + LAYERS + " blocks, got "
          + (blocks == null ? "none" : blocks.size()));
    }
    blocks = List.copyOf(blocks);
  }

  /** The block names joined by {@code -}. */
  public String toText() {
    return blocks.stream().map(FbnetBlock::text).collect(Collectors.joining("-"));
  }

  @Override
  public String toString() {
    return toText();
  }

  /**
   * Parses 22 blocks joined by {@code -}, each a name ({@code k3_e1}) or its index ({@code 0}..{@code 8}, as in the
   * table's {@code op_idx_list}).
   *
   * @throws InvalidSearchSpaceException naming the architecture, the layer and the bad token
   */
  public static FbnetArch parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "empty");
    }
    String[] parts = text.strip().split("-", -1);
    if (parts.length != LAYERS) {
      throw invalid(text, "expected " + LAYERS + " blocks separated by '-', got " + parts.length);
    }
    List<FbnetBlock> blocks = new ArrayList<>();
    FbnetBlock[] all = FbnetBlock.values();
    for (int i = 0; i < LAYERS; i++) {
      String p = parts[i];
      FbnetBlock b = FbnetBlock.byText(p);
      if (b == null && p.matches("\\d{1,9}")) {
        int idx = Integer.parseInt(p);
        if (idx >= all.length) {
          throw invalid(text, "block index " + idx + " at layer " + i + " out of range 0.." + (all.length - 1));
        }
        b = all[idx];
      }
      if (b == null) {
        throw invalid(text, "unknown block '" + p + "' at layer " + i + " (known: " + FbnetBlock.knownNames() + ")");
      }
      blocks.add(b);
    }
    return new FbnetArch(blocks);
  }

  private static InvalidSearchSpaceException invalid(String text, String why) {
    return new InvalidSearchSpaceException("invalid FBNet architecture '" + text + "': " + why);
  }
}
