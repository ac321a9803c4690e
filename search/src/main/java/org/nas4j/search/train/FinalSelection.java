package org.nas4j.search.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;

/**
 * Which front members the final stage trains: K representatives of the accuracy-latency trade-off, chosen on the
 * search's own (proxy) objectives. First the members that are non-dominated in (error, latency) alone, the curve a
 * user reads: its fastest member, its most accurate member, its knee (the member farthest below the straight line
 * between those two, in log-latency and error scaled to their ranges), then members spread evenly in log-latency
 * between them (each next one farthest from those already chosen). When that curve has fewer than K members, the
 * rest of the front fills in by the same spreading rule. Deterministic: ties go to the smaller archId.
 */
public final class FinalSelection {
  /** Why a member was chosen, recorded in pareto.json. */
  public enum Reason {
    FASTEST("fastest"),
    MOST_ACCURATE("most accurate"),
    KNEE("knee"),
    SPREAD("spread");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** How members are chosen, in pareto.json's words. */
  public static final String DESCRIPTION = "on the search's (accuracy objective, latency) curve: fastest, most "
      + "accurate, knee, then spread evenly in log latency; the rest of the front fills in";

  private FinalSelection() {}

  /**
   * Chooses up to {@code k} members of {@code front} (all of them when it holds k or fewer).
   *
   * @param front the search's front (successful evaluations)
   * @param error the accuracy objective's name (lower is better), e.g. {@code error}
   * @param latency the objective the members should spread over (e.g. {@code latencyMs.pixel}; {@code macs} without
   *     a latency objective)
   * @param k how many to choose, >= 0
   * @return the chosen members in the order they were chosen, with the reason for each
   */
  public static Map<Evaluation, Reason> choose(List<Evaluation> front, String error, String latency, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    List<Evaluation> all = new ArrayList<>(front);
    all.sort(Comparator.comparingDouble((Evaluation e) -> value(e, latency))
        .thenComparingDouble(e -> value(e, error)).thenComparing(Evaluation::archId));
    Map<Evaluation, Reason> chosen = new LinkedHashMap<>();
    if (k == 0 || all.isEmpty()) {
      return chosen;
    }
    List<Evaluation> curve = curve(all, error);
    Evaluation fastest = curve.get(0);
    Evaluation accurate = curve.get(curve.size() - 1);
    chosen.put(fastest, Reason.FASTEST);
    if (chosen.size() < k) {
      chosen.putIfAbsent(accurate, Reason.MOST_ACCURATE);
    }
    if (chosen.size() < k && curve.size() > 2) {
      Evaluation knee = knee(curve, error, latency);
      if (knee != null) {
        chosen.putIfAbsent(knee, Reason.KNEE);
      }
    }
    spread(curve, latency, chosen, k);
    spread(all, latency, chosen, k);
    return chosen;
  }

  /** The members of {@code sorted} (by latency, then error) that no other member beats on both error and latency. */
  static List<Evaluation> curve(List<Evaluation> sorted, String error) {
    List<Evaluation> out = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    for (Evaluation e : sorted) {
      double err = value(e, error);
      if (err < best) {
        out.add(e);
        best = err;
      }
    }
    return out;
  }

  /** The member farthest below the chord from the curve's first to its last member; null when none is below it. */
  private static Evaluation knee(List<Evaluation> curve, String error, String latency) {
    Evaluation a = curve.get(0);
    Evaluation b = curve.get(curve.size() - 1);
    double x0 = logValue(a, latency);
    double x1 = logValue(b, latency);
    double y0 = value(a, error);
    double y1 = value(b, error);
    double dx = x1 - x0;
    double dy = y0 - y1;
    if (!(dx > 0) || !(dy > 0)) {
      return null;
    }
    Evaluation best = null;
    double bestDepth = 0;
    for (Evaluation e : curve.subList(1, curve.size() - 1)) {
      double u = (logValue(e, latency) - x0) / dx; // 0 at the fastest, 1 at the most accurate
      double v = (y0 - value(e, error)) / dy; // 0 at the fastest's error, 1 at the most accurate's
      double depth = v - u; // above the chord in accuracy gained for latency spent
      if (depth > bestDepth) {
        best = e;
        bestDepth = depth;
      }
    }
    return best;
  }

  /** Adds members of {@code pool} farthest in log-latency from every chosen one, until {@code k} are chosen. */
  private static void spread(List<Evaluation> pool, String latency, Map<Evaluation, Reason> chosen, int k) {
    while (chosen.size() < k) {
      Evaluation next = null;
      double nextGap = -1;
      for (Evaluation e : pool) {
        if (chosen.containsKey(e)) {
          continue;
        }
        double gap = Double.POSITIVE_INFINITY;
        for (Evaluation c : chosen.keySet()) {
          gap = Math.min(gap, Math.abs(logValue(e, latency) - logValue(c, latency)));
        }
        if (gap > nextGap) {
          next = e;
          nextGap = gap;
        }
      }
      if (next == null) {
        return;
      }
      chosen.put(next, Reason.SPREAD);
    }
  }

  private static double value(Evaluation e, String objective) {
    Double v = e.objectives().get(objective);
    if (v == null) {
      throw new IllegalArgumentException("member " + e.archId() + " has no objective " + objective);
    }
    return v;
  }

  private static double logValue(Evaluation e, String objective) {
    return Math.log(Math.max(value(e, objective), 1e-12));
  }
}
