package org.nas4j.search.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.Objective;

/** The run's PNG charts, drawn headless with JFreeChart and written atomically. */
public final class Plots {
  private Plots() {}

  private static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Accuracy (percent, {@code 100 * (1 - error)}) or the y objective against the x objective: all successful
   * evaluations as grey points, the front as a highlighted line. The title names the target.
   */
  public static void pareto(
      Path file, List<Evaluation> all, List<Evaluation> front, String xObjective, String yObjective, String title)
      throws IOException {
    pareto(file, all, front, xObjective, yObjective, title, null);
  }

  /** Like the other overload, with a subtitle under the title (e.g. the latency caveat), or none when null. */
  public static void pareto(Path file, List<Evaluation> all, List<Evaluation> front, String xObjective,
      String yObjective, String title, String subtitle) throws IOException {
    pareto(file, all, front, List.of(), java.util.Set.of(), xObjective, yObjective, title, subtitle);
  }

  /**
   * The front over the search's points and, when the final stage trained members ({@code trained}: the members with
   * their final validation error as {@code error}), those on top: the trained front as a line, trained members it
   * no longer holds as open points. Without trained members the search's front is the line.
   */
  public static void pareto(Path file, List<Evaluation> all, List<Evaluation> front, List<Evaluation> trained,
      java.util.Set<String> trainedFront, String xObjective, String yObjective, String title, String subtitle)
      throws IOException {
    headless();
    boolean accuracy = yObjective.equals("error");
    boolean staged = !trained.isEmpty();
    XYSeries others = new XYSeries(staged ? "evaluated (proxy accuracy)" : "evaluated", false, true);
    XYSeries best = new XYSeries(staged ? "search front (proxy accuracy)" : "Pareto front", false, true);
    XYSeries finalFront = new XYSeries("trained front (final validation accuracy)", false, true);
    XYSeries dominated = new XYSeries("trained, dominated after training", false, true);
    List<Evaluation> trainedSorted = new ArrayList<>(trained);
    trainedSorted.sort(Comparator.comparingDouble(e -> e.objectives().getOrDefault(xObjective, 0.0)));
    for (Evaluation e : trainedSorted) {
      if (e.objectives().containsKey(xObjective) && e.objectives().containsKey(yObjective)) {
        (trainedFront.contains(e.archId()) ? finalFront : dominated).add(e.objectives().get(xObjective).doubleValue(),
            y(e, yObjective, accuracy));
      }
    }
    for (Evaluation e : all) {
      if (e.ok() && e.objectives().containsKey(xObjective) && e.objectives().containsKey(yObjective)) {
        others.add(e.objectives().get(xObjective).doubleValue(), y(e, yObjective, accuracy));
      }
    }
    List<Evaluation> sorted = new ArrayList<>(front);
    sorted.sort(Comparator.comparingDouble(e -> e.objectives().getOrDefault(xObjective, 0.0)));
    for (Evaluation e : sorted) {
      if (e.objectives().containsKey(xObjective) && e.objectives().containsKey(yObjective)) {
        best.add(e.objectives().get(xObjective).doubleValue(), y(e, yObjective, accuracy));
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    if (staged) {
      data.addSeries(finalFront);
      data.addSeries(dominated);
    }
    data.addSeries(best);
    data.addSeries(others);
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            title, xObjective, accuracy ? "accuracy (%)" : yObjective, data, PlotOrientation.VERTICAL, true, false,
            false);
    if (subtitle != null) {
      chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
    }
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    int i = 0;
    if (staged) {
      r.setSeriesLinesVisible(i, true);
      r.setSeriesShapesVisible(i, true);
      r.setSeriesPaint(i, new Color(200, 30, 30));
      r.setSeriesStroke(i, new BasicStroke(2.5f));
      i++;
      r.setSeriesLinesVisible(i, false);
      r.setSeriesShapesVisible(i, true);
      r.setSeriesShapesFilled(i, false);
      r.setSeriesPaint(i, new Color(200, 30, 30));
      i++;
    }
    r.setSeriesLinesVisible(i, !staged); // with trained members on top, the search's front is points only
    r.setSeriesShapesVisible(i, true);
    r.setSeriesPaint(i, staged ? new Color(60, 90, 170) : new Color(200, 30, 30));
    r.setSeriesStroke(i, staged ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {5f, 4f}, 0f) : new BasicStroke(2f));
    i++;
    r.setSeriesLinesVisible(i, false);
    r.setSeriesShapesVisible(i, true);
    r.setSeriesPaint(i, new Color(150, 150, 150));
    plot.setRenderer(r);
    write(file, chart);
  }

  private static double y(Evaluation e, String objective, boolean accuracy) {
    double v = e.objectives().get(objective);
    return accuracy ? 100 * (1 - v) : v;
  }

  /**
   * A run's pareto.png: the search's front (the members of {@code pareto}) over {@code all} its evaluations, with the
   * trained members and their front on top; the title counts members, trained members and evaluations, the subtitle
   * is the latency objective's caveat (its band), if any. Drawn when the search finishes, and again when {@code nas
   * train DIR --member} trains one more member.
   */
  public static void runFront(Path file, ParetoRecord pareto, List<Evaluation> all) throws IOException {
    List<String> objectives = pareto.objectives();
    String latency = Objective.firstLatency(objectives).orElse(null);
    String x = latency != null ? latency : objectives.get(0);
    boolean accuracy = objectives.contains("error") || objectives.contains(Objective.SIGNAL_ERROR.name());
    String y = accuracy ? "error" : objectives.get(objectives.size() > 1 && objectives.get(0).equals(x) ? 1 : 0);
    String target = target(objectives);
    List<Evaluation> front = pareto.members().stream().map(m -> m.asEvaluation(m.objectives())).toList();
    TrainedFront trained = TrainedFront.of(pareto.members(), objectives, pareto.constraints());
    int trainedCount = trained.members().size();
    Map<String, Object> band = latency == null || pareto.latencyBands() == null ? null
        : pareto.latencyBands().get(latency);
    pareto(file, all, front, trained.members(), trained.front(), x, y, "Pareto front on target " + target + " ("
        + front.size() + " members, " + (trainedCount == 0 ? "" : trainedCount + " trained, ") + all.size()
        + " evaluated)", band == null ? null : (String) band.get("caveat"));
  }

  /** The target of the first latency objective, for titles ("no latency objective" without one). */
  public static String target(List<String> objectives) {
    return Objective.firstLatency(objectives).map(l -> new Objective(l).target().orElseThrow())
        .orElse("no latency objective");
  }

  /** Hypervolume per generation. */
  public static void convergence(Path file, List<Double> hypervolumes, String title) throws IOException {
    headless();
    XYSeries s = new XYSeries("hypervolume");
    for (int g = 0; g < hypervolumes.size(); g++) {
      s.add(g, hypervolumes.get(g));
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, "generation", "normalised hypervolume", new XYSeriesCollection(s), PlotOrientation.VERTICAL,
            false, false, false);
    chart.getXYPlot().setBackgroundPaint(Color.WHITE);
    write(file, chart);
  }

  private static void write(Path file, JFreeChart chart) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(bytes, chart, 900, 600);
    RunFiles.writeAtomically(file, bytes.toByteArray());
  }
}
