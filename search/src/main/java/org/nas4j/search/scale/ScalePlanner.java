package org.nas4j.search.scale;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.latency.FittedPredictor;
import org.nas4j.search.latency.LatencyOracle;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.InvalidSearchSpaceException;
import org.nas4j.search.space.MacroConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses depth, channels and input size of a cell architecture so that the network fits a {@link ScaleBudget} as
 * closely as possible. For every (depth, input) of the grid a binary search over the ascending channel grid finds
 * the widest feasible width (cost grows with width); the winner has the largest binding ratio, and configurations
 * within 1% of it prefer the deeper, then the wider, then the larger input. MACs, parameters and predicted latencies
 * are checked before a measured latency is taken, and every cost is cached, so a measured target costs a handful of
 * build + export + timing runs per (depth, input). Targets without a limit are evaluated for the winner only. Not
 * thread-safe; one planner per plan.
 */
public final class ScalePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(ScalePlanner.class);

  /** Configurations whose ratio is at least this fraction of the best one count as ties. */
  public static final double TIE_FRACTION = 0.99;

  private final Architecture arch;
  private final int classes;
  private final ScaleBudget budget;
  private final List<LatencyOracle> oracles;
  /** The oracles of limited targets, predicted ones first: a configuration over a cheap limit is never measured. */
  private final List<LatencyOracle> limited;
  private final Map<String, Cost> cache = new HashMap<>();

  /** A configuration's costs; {@code latencyMs} holds only the targets evaluated so far. */
  private record Cost(long macs, long params, Map<String, Double> latencyMs) {}

  /**
   * @param arch the cell architecture (darts or nb201)
   * @param classes classes of the classifier
   * @param budget the limits
   * @param oracles latency sources; every target the budget limits must have one (others are only reported)
   * @throws IllegalArgumentException if a latency limit has no oracle
   */
  public ScalePlanner(Architecture arch, int classes, ScaleBudget budget, List<LatencyOracle> oracles) {
    this.arch = arch;
    this.classes = classes;
    this.budget = budget;
    this.oracles = List.copyOf(oracles);
    this.limited = this.oracles.stream().filter(o -> budget.maxLatencyMs().containsKey(o.targetId()))
        .sorted(java.util.Comparator.comparing(LatencyOracle::measured)).toList();
    for (String t : budget.maxLatencyMs().keySet()) {
      if (this.oracles.stream().noneMatch(o -> o.targetId().equals(t))) {
        throw new IllegalArgumentException("maxLatencyMs." + t + " has no latency source for target '" + t + "'");
      }
    }
  }

  /** The network of one configuration (the stem follows the input size). */
  public NetSpec spec(int cells, int channels, InputShape input) {
    return NetSpecs.of(arch, new MacroConfig(cells, channels, input, classes, null));
  }

  /**
   * The configuration of {@code grid} that fits the budget most closely, with the latency on every oracle's target.
   *
   * @throws InfeasibleBudgetException if no configuration fits; the message names the smallest one and its cost
   */
  public ScaledConfig plan(ScaleGrid grid) {
    List<int[]> winners = new ArrayList<>(); // {cells, channels, inputIndex}
    List<Double> ratios = new ArrayList<>();
    for (int d : grid.cells()) {
      for (int r = 0; r < grid.inputs().size(); r++) {
        InputShape in = grid.inputs().get(r);
        int best = widestFeasible(d, grid.channels(), in);
        if (best >= 0) {
          int c = grid.channels().get(best);
          winners.add(new int[] {d, c, r});
          ratios.add(ratio(cost(d, c, in)));
          LOG.debug("N={} {}: widest feasible C={} (ratio {})", d, in, c, ratios.get(ratios.size() - 1));
        }
      }
    }
    if (winners.isEmpty()) {
      throw infeasible(grid);
    }
    double top = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    int pick = -1;
    for (int i = 0; i < winners.size(); i++) {
      if (ratios.get(i) < TIE_FRACTION * top) {
        continue;
      }
      if (pick < 0 || better(winners.get(i), winners.get(pick), grid)) {
        pick = i;
      }
    }
    int[] w = winners.get(pick);
    return describe(w[0], w[1], grid.inputs().get(w[2]));
  }

  /** Deeper, then wider, then the larger input. */
  private static boolean better(int[] a, int[] b, ScaleGrid grid) {
    if (a[0] != b[0]) {
      return a[0] > b[0];
    }
    if (a[1] != b[1]) {
      return a[1] > b[1];
    }
    InputShape ia = grid.inputs().get(a[2]);
    InputShape ib = grid.inputs().get(b[2]);
    return (long) ia.height() * ia.width() > (long) ib.height() * ib.width();
  }

  /** The full cost and latency on every oracle of one configuration. */
  public ScaledConfig describe(int cells, int channels, InputShape input) {
    Cost c = cost(cells, channels, input);
    Map<String, Double> lat = new LinkedHashMap<>(c.latencyMs());
    Map<String, String> sources = new LinkedHashMap<>();
    NetSpec spec = null;
    for (LatencyOracle o : oracles) {
      if (!lat.containsKey(o.targetId())) {
        spec = spec != null ? spec : spec(cells, channels, input);
        lat.put(o.targetId(), o.latencyMs(spec));
      }
      FittedPredictor.Band band = o.band(arch.space(), new MacroConfig(cells, channels, input, classes, null));
      sources.put(o.targetId(), band == null || band.inside() ? o.source() : o.source() + " (" + band.caveat() + ")");
    }
    return new ScaledConfig(cells, channels, input, c.macs(), c.params(), lat, sources,
        budget.ratio(c.macs(), c.params(), lat));
  }

  /** Index of the widest feasible width, or -1 when even the narrowest does not fit (or cannot be built). */
  private int widestFeasible(int cells, List<Integer> channels, InputShape in) {
    try {
      if (!feasible(cells, channels.get(0), in)) {
        return -1;
      }
    } catch (InvalidSearchSpaceException e) {
      LOG.debug("N={} {} skipped: {}", cells, in, e.getMessage());
      return -1;
    }
    int lo = 0;
    int hi = channels.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (feasible(cells, channels.get(mid), in)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private boolean feasible(int cells, int channels, InputShape in) {
    return ratio(cost(cells, channels, in)) <= 1.0;
  }

  /** The binding ratio of a (possibly partial) cost: a missing latency counts as exceeded. */
  private double ratio(Cost c) {
    return budget.ratio(c.macs(), c.params(), c.latencyMs());
  }

  /**
   * The cost of a configuration, cached. Limited latencies are evaluated predicted first, measured last, and only
   * while the limits seen so far hold (a configuration over its MACs limit is never measured).
   */
  private Cost cost(int cells, int channels, InputShape in) {
    String key = cells + "/" + channels + "/" + in;
    NetSpec spec = null;
    Cost c = cache.get(key);
    if (c == null) {
      spec = spec(cells, channels, in);
      NetSpec live = spec.live();
      c = new Cost(live.macs(), live.trainableParams(), Map.of());
    }
    Map<String, Double> lat = new LinkedHashMap<>(c.latencyMs());
    for (LatencyOracle o : limited) {
      if (lat.containsKey(o.targetId())) {
        continue;
      }
      if (budget.ratio(c.macs(), c.params(), withoutMissing(lat)) > 1.0) {
        break;
      }
      spec = spec != null ? spec : spec(cells, channels, in);
      double ms = o.latencyMs(spec);
      LOG.debug("latency of N={} C={} {} on {}: {} ms ({})", cells, channels, in, o.targetId(), ms, o.source());
      lat.put(o.targetId(), ms);
    }
    if (!lat.equals(c.latencyMs()) || !cache.containsKey(key)) {
      c = new Cost(c.macs(), c.params(), lat);
      cache.put(key, c);
    }
    return c;
  }

  /** Latencies known so far, with the unknown limited ones at 0 (so they do not count as exceeded). */
  private Map<String, Double> withoutMissing(Map<String, Double> lat) {
    Map<String, Double> m = new HashMap<>(lat);
    for (String t : budget.maxLatencyMs().keySet()) {
      m.putIfAbsent(t, 0.0);
    }
    return m;
  }

  private InfeasibleBudgetException infeasible(ScaleGrid grid) {
    int cells = grid.cells().get(0);
    int channels = grid.channels().get(0);
    InputShape smallest = grid.inputs().get(0);
    for (InputShape s : grid.inputs()) {
      if ((long) s.height() * s.width() < (long) smallest.height() * smallest.width()) {
        smallest = s;
      }
    }
    String what = "N=" + cells + " C=" + channels + " " + smallest.height() + "x" + smallest.width();
    ScaledConfig c;
    try {
      c = describe(cells, channels, smallest);
    } catch (InvalidSearchSpaceException e) {
      return new InfeasibleBudgetException("no configuration can be built for " + arch.space() + " at input "
          + smallest + ": " + e.getMessage());
    }
    List<String> costs = new ArrayList<>();
    if (budget.maxMacs() != null) {
      costs.add(String.format(Locale.ROOT, "%.2fM MACs (limit %.2fM)", c.macs() / 1e6, budget.maxMacs() / 1e6));
    }
    if (budget.maxParams() != null) {
      costs.add(String.format(Locale.ROOT, "%.3fM params (limit %.3fM)", c.params() / 1e6,
          budget.maxParams() / 1e6));
    }
    budget.maxLatencyMs().forEach((t, max) -> costs.add(String.format(Locale.ROOT, "%.2f ms on %s (limit %.2f)",
        c.latencyMs().get(t), t, max)));
    return new InfeasibleBudgetException("nothing fits the budget: the smallest configuration " + what + " needs "
        + String.join(", ", costs) + "; raise the limit or allow fewer cells (--cells)");
  }
}
