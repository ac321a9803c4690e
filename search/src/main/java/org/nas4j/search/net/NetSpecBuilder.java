package org.nas4j.search.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.space.InvalidSearchSpaceException;

/** Appends layers to a node list with shape inference; used by {@link NetSpecs}. Not thread-safe. */
final class NetSpecBuilder {
  private final List<NetNode> nodes = new ArrayList<>();
  private final Map<String, NetNode> byName = new LinkedHashMap<>();
  private final String context;

  NetSpecBuilder(String context) {
    this.context = context;
  }

  List<NetNode> nodes() {
    return nodes;
  }

  Shape shape(String name) {
    return byName.get(name).out();
  }

  String input(int c, int h, int w) {
    return add(new NetNode("input", NodeOp.INPUT, List.of(), null, Shape.image(c, h, w), null, null, null, null, 1));
  }

  String relu(String name, String in) {
    return simple(name, NodeOp.RELU, in, shape(in));
  }

  String bn(String name, String in) {
    return simple(name, NodeOp.BATCH_NORM, in, shape(in));
  }

  String conv(String name, String in, int outC, int kh, int kw, int sh, int sw, int ph, int pw, int dil,
      boolean depthwise) {
    Shape s = shape(in);
    int groups = depthwise ? s.channels() : 1;
    if (depthwise && outC != s.channels()) {
      throw new IllegalArgumentException("depthwise conv must keep channels");
    }
    int oh = outSize(name, s.height(), kh, sh, ph, dil);
    int ow = outSize(name, s.width(), kw, sw, pw, dil);
    return add(new NetNode(name, NodeOp.CONV, List.of(in), s, Shape.image(outC, oh, ow), new int[] {kh, kw},
        new int[] {sh, sw}, new int[] {ph, pw}, new int[] {dil, dil}, groups));
  }

  String pool(String name, NodeOp op, String in, int k, int stride, int pad) {
    Shape s = shape(in);
    int oh = outSize(name, s.height(), k, stride, pad, 1);
    int ow = outSize(name, s.width(), k, stride, pad, 1);
    return add(new NetNode(name, op, List.of(in), s, Shape.image(s.channels(), oh, ow), new int[] {k, k},
        new int[] {stride, stride}, new int[] {pad, pad}, new int[] {1, 1}, 1));
  }

  String cropShift(String name, String in) {
    Shape s = shape(in);
    if (s.height() < 2 || s.width() < 2) {
      throw new InvalidSearchSpaceException(context + ": " + name + " needs at least 2x2 pixels, got " + s);
    }
    return simple(name, NodeOp.CROP_SHIFT, in, Shape.image(s.channels(), s.height() - 1, s.width() - 1));
  }

  String zero(String name, String in) {
    return simple(name, NodeOp.ZERO, in, shape(in));
  }

  String addAll(String name, List<String> ins) {
    if (ins.size() == 1) {
      return ins.get(0);
    }
    Shape s = shape(ins.get(0));
    for (String in : ins) {
      if (!shape(in).equals(s)) {
        throw new InvalidSearchSpaceException(context + ": cannot add " + ins.get(0) + " (" + s + ") and " + in
            + " (" + shape(in) + ") at " + name + "; the input size does not fit this network");
      }
    }
    return add(new NetNode(name, NodeOp.ADD, ins, s, s, null, null, null, null, 1));
  }

  String concat(String name, List<String> ins) {
    if (ins.size() == 1) {
      return ins.get(0);
    }
    Shape s = shape(ins.get(0));
    int c = 0;
    for (String in : ins) {
      Shape t = shape(in);
      if (t.height() != s.height() || t.width() != s.width()) {
        throw new InvalidSearchSpaceException(context + ": cannot concatenate " + ins.get(0) + " (" + s + ") and "
            + in + " (" + t + ") at " + name + "; the input size does not fit this network");
      }
      c += t.channels();
    }
    return add(new NetNode(name, NodeOp.CONCAT, ins, s, Shape.image(c, s.height(), s.width()), null, null, null,
        null, 1));
  }

  String globalAvgPool(String name, String in) {
    Shape s = shape(in);
    return simple(name, NodeOp.GLOBAL_AVG_POOL, in, new Shape(s.channels(), 1, 1, true));
  }

  String linear(String name, String in, int out) {
    return simple(name, NodeOp.LINEAR, in, new Shape(out, 1, 1, true));
  }

  private String simple(String name, NodeOp op, String in, Shape out) {
    return add(new NetNode(name, op, List.of(in), shape(in), out, null, null, null, null, 1));
  }

  private int outSize(String name, int size, int k, int s, int p, int d) {
    int o = Math.floorDiv(size + 2 * p - d * (k - 1) - 1, s) + 1;
    if (o < 1) {
      throw new InvalidSearchSpaceException(context + ": the input is too small; " + name + " would get "
          + size + " pixels and produce none");
    }
    return o;
  }

  private String add(NetNode n) {
    if (byName.containsKey(n.name())) {
      throw new IllegalStateException("duplicate node " + n.name());
    }
    nodes.add(n);
    byName.put(n.name(), n);
    return n.name();
  }
}
