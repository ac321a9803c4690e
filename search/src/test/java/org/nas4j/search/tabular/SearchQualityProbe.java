package org.nas4j.search.tabular;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.NasSearch;
import org.nas4j.search.strategy.SearchObserver;
import org.nas4j.search.strategy.SearchOutcome;
import org.nas4j.search.strategy.SearchSettings;

/** Manual probe: java -cp ... SearchQualityProbe ACC LAT [surrogate poolFactor seeds]. */
public final class SearchQualityProbe {
  public static void main(String[] args) {
    String acc = args[0];
    String lat = args[1];
    boolean surrogate = args.length > 2 ? Boolean.parseBoolean(args[2]) : true;
    int pool = args.length > 3 ? Integer.parseInt(args[3]) : SearchSettings.DEFAULT_POOL_FACTOR;
    int seeds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    int popn = args.length > 5 ? Integer.parseInt(args[5]) : SearchSettings.DEFAULT_POPULATION;
    Nb201GenomeSpace space = new Nb201GenomeSpace();
    CsvTable table = CsvTable.read(Nb201GenomeSpaceTest.TABLE);
    Map<String, String> lats = new LinkedHashMap<>();
    lats.put("t", lat);
    TableEvaluator ev = new TableEvaluator(space, table, "arch", acc, lats, null, null);
    int a = table.column(acc, "x");
    int l = table.column(lat, "y");
    List<double[]> all = new ArrayList<>();
    for (List<String> r : table.rows()) {
      if (!r.get(a).isEmpty() && !r.get(l).isEmpty()) {
        all.add(new double[] {1 - Double.parseDouble(r.get(a)) / 100, Double.parseDouble(r.get(l))});
      }
    }
    List<double[]> reachable = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (List<String> r : table.rows()) {
      int[] c = space.canonical(space.parse(r.get(table.column("arch", "x"))));
      if (ids.add(space.archId(c)) && ev.cheapObjectives(c).ok() && ev.expensiveObjectives(c, 0).ok()) {
        reachable.add(new double[] {ev.expensiveObjectives(c, 0).values().get("error"),
            ev.cheapObjectives(c).values().get("latencyMs.t")});
      }
    }
    RegionHypervolume hv = new RegionHypervolume(Boolean.getBoolean("raw") ? all : reachable);
    double sum = 0;
    double min = 1;
    long t0 = System.nanoTime();
    for (int seed = 1; seed <= seeds; seed++) {
      SearchSettings s =
          new SearchSettings(List.of("error", "latencyMs.t"), List.of(), popn, 300, null, seed, surrogate, pool);
      SearchOutcome o = new NasSearch(space, ev, s, Map.of(), SearchObserver.NONE, System::nanoTime).run();
      List<double[]> pts = new ArrayList<>();
      for (Evaluation e : o.evaluations()) {
        if (e.ok()) {
          pts.add(new double[] {e.objectives().get("error"), e.objectives().get("latencyMs.t")});
        }
      }
      double r = hv.ratio(pts);
      sum += r;
      min = Math.min(min, r);
      System.out.printf("seed %d ratio %.4f evals %d%n", seed, r, o.evaluations().size());
    }
    System.out.printf("%s %s surrogate=%s pool=%d mean %.4f min %.4f (%.1fs)%n", acc, lat, surrogate, pool,
        sum / seeds, min, (System.nanoTime() - t0) / 1e9);
  }
}
