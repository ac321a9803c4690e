package org.nas4j.search.scale;

import java.util.Locale;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.Stem;

/**
 * The two model sizes of the DARTS/NASNet papers. A preset fixes depth (and the planner keeps the input size) and
 * gives a default MACs budget; the channels are chosen to fit it.
 *
 * <ul>
 *   <li>{@link #MOBILE}: DARTS 14 cells for ImageNet-sized input (ImageNet stem), 5 for small input (two
 *       reductions with a normal cell before, between and after them: the search's proxy depth); NB201 3 cells per
 *       stage; 600M multiply-adds at 224x224, scaled by the input's pixel count (the same compute per pixel: 9.4M
 *       at 28x28).
 *   <li>{@link #SERVER}: DARTS 20 cells for ImageNet-sized input, 8 for small input (the DARTS search network's
 *       depth); NB201 5 cells per stage; 4x the mobile MACs.
 * </ul>
 *
 * <p>Small inputs get shallower presets than the papers' CIFAR setting (20 cells, 528M MACs at 32x32) because the
 * per-pixel budget leaves too few channels for so many cells, and because DL4J's training time grows with the number
 * of layers more than with their width.
 */
public enum ScalePreset {
  MOBILE,
  SERVER;

  /** The mobile MACs budget at 224x224: DARTS/NASNet's "under 600M multiply-adds". */
  public static final long MOBILE_MACS_224 = 600_000_000L;

  /** The preset's depth: DARTS total cells, NB201 cells per stage. */
  public int cells(String space, InputShape input) {
    boolean darts = DartsSpace.NAME.equals(space);
    if (this == MOBILE) {
      return darts ? (Stem.auto(input) == Stem.IMAGENET ? 14 : 5) : 3;
    }
    return darts ? (Stem.auto(input) == Stem.IMAGENET ? 20 : 8) : 5;
  }

  /** The default MACs budget for an input: 600M x H x W / 224^2 (mobile), 4x that (server). */
  public long macsBudget(InputShape input) {
    double mobile = MOBILE_MACS_224 * (double) input.height() * input.width() / (224.0 * 224.0);
    return Math.round(this == MOBILE ? mobile : 4 * mobile);
  }

  /** The target a latency limit refers to unless one is named: {@code pixel} (mobile) or {@code host} (server). */
  public String defaultTarget() {
    return this == MOBILE ? "pixel" : "host";
  }

  /** Lower-case name as used on the command line and in file names. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code mobile} or {@code server} (case-insensitive). */
  public static ScalePreset parse(String text) {
    for (ScalePreset p : values()) {
      if (p.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return p;
      }
    }
    throw new org.nas4j.targets.error.InvalidArgumentException("unknown preset '" + text
        + "'; expected mobile or server");
  }
}
