package org.nas4j.search.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nas4j.search.space.DartsCell;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Nb201Op;

/**
 * Inline SVG drawings of architectures, laid out here (no drawing library): a DARTS cell as a graph with op-labelled
 * edges from the two cell inputs through the intermediate nodes to the concatenated output (as in the DARTS and NASNet
 * papers), the NAS-Bench-201 cell as its four-node graph, and an FBNet network as its list of 22 blocks. Stateless and
 * thread-safe; every method returns one {@code <svg>} element.
 */
public final class ArchDrawings {
  private ArchDrawings() {}

  /**
   * The drawing for an architecture string of a search space, or a short note when the space has no drawing or the
   * string does not parse.
   */
  public static String draw(String space, String arch) {
    try {
      return switch (space) {
        case "darts" -> {
          DartsGenotype g = DartsGenotype.parse(arch);
          yield "<figure><figcaption>normal cell</figcaption>" + dartsCell(g.normal(), "normal") + "</figure>"
              + "<figure><figcaption>reduction cell</figcaption>" + dartsCell(g.reduce(), "reduce") + "</figure>";
        }
        case "nb201" -> "<figure><figcaption>NAS-Bench-201 cell</figcaption>" + nb201Cell(Nb201Arch.parse(arch))
            + "</figure>";
        case "fbnet" -> "<figure><figcaption>FBNet blocks (22 layers)</figcaption>" + fbnetBlocks(arch)
            + "</figure>";
        default -> "<p class=\"note\">no drawing for space " + Html.escape(space) + "</p>";
      };
    } catch (IllegalArgumentException e) {
      return "<p class=\"note\">cannot draw " + Html.escape(arch) + ": " + Html.escape(e.getMessage()) + "</p>";
    }
  }

  /** The colour class of an op: conv, sep, dil, pool, skip or none. */
  static String opClass(String op) {
    if (op.startsWith("sep_conv")) {
      return "sep";
    }
    if (op.startsWith("dil_conv")) {
      return "dil";
    }
    if (op.contains("pool")) {
      return "pool";
    }
    if (op.startsWith("skip")) {
      return "skip";
    }
    if (op.equals("none")) {
      return "none";
    }
    return "conv";
  }

  /** A DARTS cell: inputs c_{k-2}, c_{k-1}, intermediate nodes 0..steps-1, output c_{k}. */
  static String dartsCell(DartsCell cell, String kind) {
    int steps = cell.steps();
    int w = 200 + steps * 150 + 90;
    int h = 320;
    double[][] pos = new double[steps + 2][];
    pos[0] = new double[] {50, 60};
    pos[1] = new double[] {50, 260};
    for (int j = 0; j < steps; j++) {
      pos[j + 2] = new double[] {220 + j * 150, j % 2 == 0 ? 100 : 220};
    }
    double[] out = {w - 45, 160};
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg class=\"cell darts %s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
        + " role=\"img\" aria-label=\"%s cell\">", kind, w, h, w, h, kind));
    List<String> labels = new ArrayList<>();
    for (int j : cell.concat()) {
      if (j >= 2 && j < steps + 2) {
        sb.append(edge(pos[j], out, 0, "concat", null, labels));
      }
    }
    double midY = (pos[0][1] + pos[1][1]) / 2;
    for (int i = 0; i < cell.edges().size(); i++) {
      DartsCell.Edge e = cell.edges().get(i);
      int target = 2 + i / 2;
      double[] a = pos[e.input()];
      double[] b = pos[target];
      // Bow away from the middle of the drawing (up for the upper input, down for the lower), more for longer
      // edges so that they pass around the nodes in between; the second of two edges from the same input bows more.
      double side = e.input() == 0 ? -1 : e.input() == 1 ? 1 : (a[1] + b[1]) / 2 < midY ? -1 : 1;
      double bend = side * (6 + 0.06 * Math.hypot(b[0] - a[0], b[1] - a[1])
          + (i % 2 == 1 && e.input() == cell.edges().get(i - 1).input() ? 22 : 0));
      sb.append(edge(a, b, bend, opClass(e.op().text()), e.op().text(), labels));
    }
    sb.append(String.join("", labels));
    sb.append(node(pos[0], "c_{k-2}", "in"));
    sb.append(node(pos[1], "c_{k-1}", "in"));
    for (int j = 0; j < steps; j++) {
      sb.append(node(pos[j + 2], Integer.toString(j), "mid"));
    }
    sb.append(node(out, "c_{k}", "out"));
    return sb.append("</svg>").toString();
  }

  /** The NB201 cell: nodes 0..3 in a row, edges i -> j labelled with their op; {@code none} edges dotted. */
  static String nb201Cell(Nb201Arch arch) {
    int w = 560;
    int h = 230;
    double[][] pos = {{50, 120}, {200, 120}, {350, 120}, {500, 120}};
    double[] bends = {0, -60, 0, 95, -60, 0};
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"cell nb201\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
            + " aria-label=\"NB201 cell\">", w, h, w, h));
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      Nb201Op op = arch.ops().get(k);
      sb.append(edge(pos[Nb201Arch.FROM[k]], pos[Nb201Arch.TO[k]], bends[k], opClass(op.text()), op.text(), labels));
    }
    sb.append(String.join("", labels));
    for (int i = 0; i < 4; i++) {
      sb.append(node(pos[i], Integer.toString(i), i == 0 ? "in" : i == 3 ? "out" : "mid"));
    }
    return sb.append("</svg>").toString();
  }

  /** FBNet: 22 blocks in two rows of 11, each box named by kernel, expansion and groups. */
  static String fbnetBlocks(String arch) {
    String[] ops = arch.split("-");
    int perRow = 11;
    int bw = 58;
    int bh = 44;
    int rows = (ops.length + perRow - 1) / perRow;
    int w = perRow * (bw + 8) + 12;
    int h = rows * (bh + 26) + 10;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"cell fbnet\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
            + " aria-label=\"FBNet blocks\">", w, h, w, h));
    for (int i = 0; i < ops.length; i++) {
      String op = ops[i];
      double x = 8 + (i % perRow) * (bw + 8);
      double y = 20 + (i / perRow) * (bh + 26);
      String cls = op.equals("skip") ? "skip" : op.contains("_g2") ? "dil" : op.startsWith("k5") ? "sep" : "conv";
      sb.append(String.format(Locale.ROOT, "<text class=\"layer\" x=\"%.1f\" y=\"%.1f\">L%d</text>", x + bw / 2.0,
          y - 5, i + 1));
      sb.append(String.format(Locale.ROOT, "<rect class=\"block %s\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\""
          + " rx=\"6\"><title>layer %d: %s</title></rect>", cls, x, y, bw, bh, i + 1, Html.escape(op)));
      String[] parts = op.split("_");
      String line1 = op.equals("skip") ? "skip" : parts[0].replace("k", "") + "x" + parts[0].replace("k", "");
      String line2 = op.equals("skip") ? "" : "e" + parts[1].substring(1) + (parts.length > 2 ? " g2" : "");
      sb.append(String.format(Locale.ROOT, "<text class=\"blabel\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + bw / 2.0,
          y + (line2.isEmpty() ? 27 : 19), Html.escape(line1)));
      if (!line2.isEmpty()) {
        sb.append(String.format(Locale.ROOT, "<text class=\"blabel\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + bw / 2.0,
            y + 35, Html.escape(line2)));
      }
    }
    return sb.append("</svg>").toString();
  }

  /** Shared definitions (the arrow head) that the drawings refer to; put once into the page. */
  public static final String DEFS = "<svg width=\"0\" height=\"0\" style=\"position:absolute\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
      + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
      + " fill=\"#555\"/></marker></defs></svg>";

  private static final double NODE_R = 19;

  private static String node(double[] p, String label, String kind) {
    boolean wide = label.contains("_{");
    String shape = wide
        ? String.format(Locale.ROOT, "<rect class=\"node %s\" x=\"%.1f\" y=\"%.1f\" width=\"58\" height=\"30\""
            + " rx=\"6\"/>", kind, p[0] - 29, p[1] - 15)
        : String.format(Locale.ROOT, "<circle class=\"node %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", kind, p[0],
            p[1], NODE_R);
    String t = wide && label.contains("_{")
        ? label.substring(0, label.indexOf("_{")) + "<tspan class=\"sub\" dy=\"4\">"
            + Html.escape(label.substring(label.indexOf("_{") + 2, label.length() - 1)) + "</tspan>"
        : Html.escape(label);
    return shape + String.format(Locale.ROOT, "<text class=\"nlabel\" x=\"%.1f\" y=\"%.1f\">%s</text>", p[0],
        p[1] + 5, t);
  }

  /**
   * A quadratic curve from a to b (bent sideways by {@code bend} pixels at its middle), ending at the target's
   * border with an arrow; its label goes into {@code labels} so that labels are drawn above all edges.
   */
  private static String edge(double[] a, double[] b, double bend, String cls, String label, List<String> labels) {
    double dx = b[0] - a[0];
    double dy = b[1] - a[1];
    double len = Math.max(1e-9, Math.hypot(dx, dy));
    double nx = -dy / len;
    double ny = dx / len;
    double cx = (a[0] + b[0]) / 2 + nx * bend * 2;
    double cy = (a[1] + b[1]) / 2 + ny * bend * 2;
    // Shorten the end so the arrow head touches the node's border.
    double ex = b[0] - cx;
    double ey = b[1] - cy;
    double el = Math.max(1e-9, Math.hypot(ex, ey));
    double r = NODE_R + 4;
    double bx = b[0] - ex / el * r;
    double by = b[1] - ey / el * r;
    String path = String.format(Locale.ROOT, "<path class=\"edge %s\" d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\""
        + " marker-end=\"url(#arrow)\"/>", cls, a[0], a[1], cx, cy, bx, by);
    if (label != null) {
      double mx = 0.25 * a[0] + 0.5 * cx + 0.25 * b[0];
      double my = 0.25 * a[1] + 0.5 * cy + 0.25 * b[1];
      labels.add(String.format(Locale.ROOT, "<text class=\"elabel %s\" x=\"%.1f\" y=\"%.1f\">%s</text>", cls, mx,
          my + 4, Html.escape(label)));
    }
    return path;
  }
}
