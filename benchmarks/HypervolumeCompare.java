import java.util.*;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Hypervolume;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.problem.AbstractProblem;
import org.nas4j.search.strategy.Hypervolumes;

/** Our hypervolume (strategy.Hypervolumes) against MOEA Framework's on random non-dominated fronts: values and time. */
public class HypervolumeCompare {
  static final class P extends AbstractProblem {
    P(int m) { super(0, m); }
    public void evaluate(Solution s) {}
    public Solution newSolution() { return new Solution(0, getNumberOfObjectives()); }
  }
  public static void main(String[] a) {
    SplittableRandom r = new SplittableRandom(1);
    int m = Integer.parseInt(a[0]);
    P problem = new P(m);
    double[] lo = new double[m]; double[] hi = new double[m]; Arrays.fill(hi, 1.1);
    Hypervolume moea = new Hypervolume(problem, lo, hi);
    double maxRel = 0; int differ = 0; int fronts = 300;
    List<List<double[]>> all = new ArrayList<>();
    for (int f = 0; f < fronts; f++) {
      int n = 5 + r.nextInt(40);
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < n; i++) { double[] p = new double[m]; for (int k = 0; k < m; k++) p[k] = r.nextDouble(); pts.add(p); }
      all.add(Hypervolumes.nondominated(pts));
    }
    double[] ref = new double[m]; Arrays.fill(ref, 1.1);
    for (List<double[]> pts : all) {
      double ours = Hypervolumes.volume(pts, ref);
      NondominatedPopulation pop = new NondominatedPopulation();
      for (double[] p : pts) { Solution s = problem.newSolution(); s.setObjectiveValues(p); pop.add(s); }
      double theirs = moea.evaluate(pop) * Math.pow(1.1, m);
      double rel = Math.abs(ours - theirs) / ours;
      maxRel = Math.max(maxRel, rel); if (ours != theirs) differ++;
    }
    // timing, interleaved
    long oursNs = 0, theirsNs = 0; double sink = 0;
    for (int rep = 0; rep < 6; rep++) {
      long t0 = System.nanoTime();
      for (List<double[]> pts : all) sink += Hypervolumes.volume(pts, ref);
      long t1 = System.nanoTime();
      for (List<double[]> pts : all) {
        NondominatedPopulation pop = new NondominatedPopulation();
        for (double[] p : pts) { Solution s = problem.newSolution(); s.setObjectiveValues(p); pop.add(s); }
        sink += moea.evaluate(pop);
      }
      long t2 = System.nanoTime();
      if (rep >= 2) { oursNs += t1 - t0; theirsNs += t2 - t1; }
    }
    System.out.printf("m=%d fronts=%d: values differ in %d (max relative difference %.3g); time per front ours %.1f us, MOEA %.1f us (4 reps after 2 warm-up) %s%n",
        m, fronts, differ, maxRel, oursNs / 4.0 / fronts / 1e3, theirsNs / 4.0 / fronts / 1e3, sink > 0 ? "" : "!");
  }
}
