package org.nas4j.search.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nas4j.search.strategy.Evaluation;

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
    headless();
    boolean accuracy = yObjective.equals("error");
    XYSeries others = new XYSeries("evaluated", false, true);
    XYSeries best = new XYSeries("Pareto front", false, true);
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
    r.setSeriesLinesVisible(0, true);
    r.setSeriesShapesVisible(0, true);
    r.setSeriesPaint(0, new Color(200, 30, 30));
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesLinesVisible(1, false);
    r.setSeriesShapesVisible(1, true);
    r.setSeriesPaint(1, new Color(150, 150, 150));
    plot.setRenderer(r);
    write(file, chart);
  }

  private static double y(Evaluation e, String objective, boolean accuracy) {
    double v = e.objectives().get(objective);
    return accuracy ? 100 * (1 - v) : v;
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
