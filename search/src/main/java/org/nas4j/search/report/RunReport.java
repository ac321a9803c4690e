package org.nas4j.search.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.run.CandidatesLog;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.RunStatus;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The run report: one self-contained HTML file ({@code report.html} in the run directory) built from the run
 * directory's files ({@code run.json}, {@code candidates.jsonl}, {@code pareto.json} and {@code
 * checkpoint/checkpoint.json} when present). It holds the front as an interactive SVG chart (one mark per successful
 * evaluation; hover shows the architecture, clicking a front member selects its table row), the table of front
 * members (accuracies, latency per target with its source and error band, MACs, params, ONNX links), drawings of each
 * member's cells, the convergence plots, the settings and provenance and, for a run that is not finished, its
 * progress. No network access is needed to open it: styles, script and drawings are inline.
 *
 * <p>Reads the directory without locking it, so it works for a finished, running or killed run (a torn last line of
 * {@code candidates.jsonl} is ignored). Stateless and thread-safe.
 */
public final class RunReport {
  /** The report's file name in the run directory. */
  public static final String FILE = "report.html";

  private RunReport() {}

  /**
   * Builds the report of {@code dir} and writes it to {@code dir/report.html} atomically.
   *
   * @return the written file
   * @throws InvalidArgumentException if {@code dir} is not a run directory (no or invalid {@code run.json})
   * @throws IOException if a file cannot be read or the report cannot be written
   */
  public static Path write(Path dir) throws IOException {
    return writeTo(dir, null);
  }

  /** Like {@link #write} with the state known to the caller (see {@link #render}). */
  static Path writeTo(Path dir, String state) throws IOException {
    Path file = dir.resolve(FILE);
    RunFiles.writeAtomically(file, render(dir, state).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /**
   * Builds the report's HTML.
   *
   * @param state the run's state when the caller knows it ({@code running} from inside the search), or null to
   *     derive it from the directory (its lock and {@code run.json}'s status)
   * @throws InvalidArgumentException if {@code dir} is not a run directory
   */
  public static String render(Path dir, String state) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidArgumentException(dir + " is not a directory");
    }
    RunStatus status = RunStatus.read(dir);
    JsonNode run = RunFiles.JSON.readTree(dir.resolve(RunFiles.RUN_JSON).toFile());
    if (!run.path("schema").asText().startsWith("nas.run/")) {
      throw new InvalidArgumentException(dir.resolve(RunFiles.RUN_JSON) + " is not a nas run file (schema '"
          + run.path("schema").asText() + "')");
    }
    List<Evaluation> all = CandidatesLog.read(dir.resolve(RunFiles.CANDIDATES), false);
    JsonNode pareto = readIfPresent(dir.resolve(RunFiles.PARETO));
    JsonNode checkpoint = readIfPresent(dir.resolve(RunFiles.CHECKPOINT));
    String st = state != null ? state : status.state();
    return new Builder(dir, run, status, all, st.equals("finished") ? pareto : null, checkpoint, st).html();
  }

  private static JsonNode readIfPresent(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return RunFiles.JSON.readTree(file.toFile());
    } catch (IOException e) {
      // Half-written files cannot occur (atomic writes); a damaged one is reported as absent.
      return null;
    }
  }

  /** One report's data and its HTML. */
  private static final class Builder {
    private final Path dir;
    private final JsonNode run;
    private final RunStatus status;
    private final List<Evaluation> ok = new ArrayList<>();
    private final int failed;
    private final JsonNode pareto;
    private final JsonNode checkpoint;
    private final String state;
    private final String space;
    private final List<String> objectives;
    private final List<String> latencies = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Map<String, String> bands = new LinkedHashMap<>();

    /** A front member with what final training added (null fields when it was not trained). */
    private record Member(Evaluation e, JsonNode export) {
      /** Trained by the final stage (files without {@code fidelity}: any member whose export succeeded). */
      boolean trained() {
        if (export == null) {
          return false;
        }
        return export.has("fidelity") ? export.path("fidelity").asText().equals("trained")
            : export.path("status").asText().equals("OK");
      }
    }

    Builder(Path dir, JsonNode run, RunStatus status, List<Evaluation> all, JsonNode pareto, JsonNode checkpoint,
        String state) {
      this.dir = dir;
      this.run = run;
      this.status = status;
      this.pareto = pareto;
      this.checkpoint = checkpoint;
      this.state = state;
      this.space = run.path("request").path("space").asText("?");
      this.objectives = status.objectives();
      int f = 0;
      for (Evaluation e : all) {
        if (e.ok()) {
          ok.add(e);
        } else {
          f++;
        }
      }
      this.failed = f;
      for (String o : objectives) {
        if (o.startsWith("latencyMs.")) {
          latencies.add(o);
        }
      }
      Map<String, JsonNode> exports = new LinkedHashMap<>();
      if (pareto != null) {
        for (JsonNode m : pareto.path("members")) {
          exports.put(m.path("archId").asText(), m.path("export").isMissingNode() ? null : m.path("export"));
        }
      }
      for (Evaluation e : status.front()) {
        members.add(new Member(e, exports.get(e.archId())));
      }
      members.sort((a, b) -> Double.compare(a.e().objectives().getOrDefault("error", 1.0),
          b.e().objectives().getOrDefault("error", 1.0)));
      bands();
    }

    /** Error band per latency objective, from the target profiles in run.json. */
    private void bands() {
      for (JsonNode t : run.path("provenance").path("targets")) {
        String id = t.path("id").asText();
        String key = "latencyMs." + id;
        JsonNode profile = t.path("profile");
        if (profile.isMissingNode() || profile.isNull()) {
          bands.put(key, "measured (benchmark table)");
          continue;
        }
        String measure = profile.path("measure").asText();
        if (!measure.equals("PREDICT")) {
          bands.put(key, String.format(Locale.ROOT, "measured on the search machine (p50 of %d runs)",
              profile.path("measuredRuns").asInt()));
          continue;
        }
        try {
          TargetProfile p = TargetRegistry.parse(profile.toString(), "run.json");
          bands.put(key, TargetRegistry.predictorInfo(p).map(info -> band(info)).orElse("predicted, no error band"));
        } catch (RuntimeException e) {
          // The recorded profile names a predictor this installation does not have: say so instead of failing.
          bands.put(key, "predicted (predictor not available here: " + e.getMessage() + ")");
        }
      }
    }

    private String band(JsonNode info) {
      JsonNode tables = info.path("fittedOn").path("tables");
      JsonNode per = info.path("heldOutError").path("perTable");
      for (int i = 0; i < tables.size(); i++) {
        if (tables.get(i).path("space").asText().equals(space) && per.has(i)) {
          return String.format(Locale.ROOT, "predicted; held-out error on %s: median ±%.1f%%, 90%% within ±%.1f%%",
              space, per.get(i).path("medianAbsErrorPct").asDouble(), per.get(i).path("p90AbsErrorPct").asDouble());
        }
      }
      JsonNode all = info.path("heldOutError").path("overall");
      return String.format(Locale.ROOT, "predicted, uncalibrated for %s (no measured table covers it; on its own"
              + " tables median ±%.1f%%, 90%% within ±%.1f%%)", space, all.path("medianAbsErrorPct").asDouble(),
          all.path("p90AbsErrorPct").asDouble());
    }

    String html() {
      StringBuilder sb = new StringBuilder(64 * 1024);
      String title = "nas run " + dir.toAbsolutePath().normalize().getFileName();
      sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
      if (state.equals("running")) {
        sb.append("<meta http-equiv=\"refresh\" content=\"30\">");
      }
      sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
          .append(Html.escape(title)).append("</title><style>").append(resource("report.css")).append("</style></head>")
          .append("<body>").append(ArchDrawings.DEFS);
      header(sb, title);
      sb.append("<main>");
      frontSection(sb);
      membersSection(sb);
      detailsSection(sb);
      convergenceSection(sb);
      settingsSection(sb);
      sb.append("</main><div id=\"tip\" hidden></div>");
      sb.append("<script type=\"application/json\" id=\"data\">").append(data().toString().replace("</", "<\\/"))
          .append("</script><script>").append(resource("report.js")).append("</script></body></html>\n");
      return sb.toString();
    }

    private void header(StringBuilder sb, String title) {
      JsonNode req = run.path("request");
      int max = status.maxEvaluations();
      sb.append("<header><div class=\"title\"><h1>").append(Html.escape(title)).append("</h1><span class=\"state ")
          .append(state).append("\">").append(state).append("</span></div><p class=\"sub\">")
          .append(Html.escape(describe(req))).append("</p><div class=\"cards\">");
      card(sb, "evaluated", ok.size() + (failed > 0 ? " <small>+" + failed + " failed</small>" : ""));
      card(sb, "front members", Integer.toString(members.size()));
      double hv = status.hypervolume();
      card(sb, "hypervolume", Double.isNaN(hv) ? "<small>at the end</small>" : fmt(hv, 4));
      double bestAcc = ok.stream().mapToDouble(e -> accuracy(e)).max().orElse(Double.NaN);
      card(sb, "best accuracy", Double.isNaN(bestAcc) ? "–" : fmt(bestAcc, 2) + " %");
      if (!latencies.isEmpty()) {
        String l = latencies.get(0);
        double fastest = ok.stream().mapToDouble(e -> e.objectives().getOrDefault(l, Double.NaN)).filter(
            Double::isFinite).min().orElse(Double.NaN);
        card(sb, "fastest " + target(l), Double.isNaN(fastest) ? "–" : fmt(fastest, 3) + " ms");
      }
      sb.append("</div>");
      if (!state.equals("finished")) {
        int done = status.evaluations();
        double pct = max > 0 ? Math.min(100, 100.0 * done / max) : 0;
        sb.append("<div class=\"progress\"><div class=\"bar\"><div style=\"width:").append(fmt(pct, 1))
            .append("%\"></div></div><p>").append(done).append(" of ").append(max).append(" evaluations");
        if (checkpoint != null) {
          sb.append(", generation ").append(checkpoint.path("generation").asInt());
        }
        String started = run.path("provenance").path("startedAt").asText(null);
        if (started != null) {
          try {
            Duration d = Duration.between(Instant.parse(started), Instant.now());
            sb.append(", started ").append(Html.escape(started)).append(" (").append(d.toMinutes()).append(" min ago)");
          } catch (DateTimeParseException e) {
            sb.append(", started ").append(Html.escape(started));
          }
        }
        sb.append(". ");
        if (state.equals("running")) {
          sb.append("The search is running; this page reloads every 30 s.");
        } else {
          sb.append("The search was interrupted; continue it with <code>nas search --resume ")
              .append(Html.escape(dir.toString())).append("</code>.");
        }
        sb.append(" The front below is the current one, computed from candidates.jsonl.</p></div>");
      }
      sb.append("</header>");
    }

    private static void card(StringBuilder sb, String label, String valueHtml) {
      sb.append("<div class=\"card\"><div class=\"v\">").append(valueHtml).append("</div><div class=\"l\">")
          .append(Html.escape(label)).append("</div></div>");
    }

    private String describe(JsonNode req) {
      StringBuilder s = new StringBuilder("space ").append(space);
      if (!req.path("table").isNull() && !req.path("table").isMissingNode()) {
        s.append(", tabular (").append(req.path("table").asText()).append(", accuracy ")
            .append(req.path("accuracyColumn").asText()).append(")");
      } else {
        JsonNode t = req.path("training");
        s.append(", trained on ").append(t.path("dataset").asText("?"));
      }
      s.append(", objectives ").append(String.join(", ", objectives));
      s.append(", seed ").append(req.path("seed").asText());
      if (status.stopReason() != null) {
        s.append(", stopped: ").append(status.stopReason().toLowerCase(Locale.ROOT));
      }
      return s.toString();
    }

    private static double accuracy(Evaluation e) {
      Double err = e.objectives().get("error");
      return err == null ? Double.NaN : 100 * (1 - err);
    }

    private static String target(String objective) {
      return objective.substring("latencyMs.".length());
    }

    /** The x axis of the front chart: the first latency objective, else MACs, else params. */
    private String xObjective() {
      if (!latencies.isEmpty()) {
        return latencies.get(0);
      }
      for (String o : List.of("macs", "params")) {
        if (ok.stream().anyMatch(e -> e.objectives().containsKey(o))) {
          return o;
        }
      }
      return "error";
    }

    private void frontSection(StringBuilder sb) {
      String xo = xObjective();
      sb.append("<section id=\"front-section\"><h2>Front</h2><p class=\"hint\">Accuracy against ")
          .append(Html.escape(label(xo))).append(" for every architecture evaluated. Hover a point for its details,"
              + " click a front member to select it in the table.</p>");
      sb.append("<div class=\"legend\"><span><i class=\"dot cand\"></i>candidate (proxy only)</span>"
          + "<span><i class=\"dot member\"></i>front member</span>"
          + "<span><i class=\"dot trained\"></i>front member, trained by the final stage</span>")
          .append(failed > 0 ? "<span>" + failed + " failed evaluations are not drawn</span>" : "")
          .append("</div>");
      sb.append(scatter(xo));
      sb.append("</section>");
    }

    private String label(String objective) {
      return switch (objective) {
        case "macs" -> "MACs";
        case "params" -> "parameters";
        case "error" -> "error";
        default -> objective.startsWith("latencyMs.") ? "latency on " + target(objective) + " (ms)" : objective;
      };
    }

    private String scatter(String xo) {
      Frame f = new Frame(860, 440, 64, 24, 16, 50);
      double[] xs = ok.stream().mapToDouble(e -> e.objectives().getOrDefault(xo, Double.NaN)).toArray();
      double[] ys = ok.stream().mapToDouble(RunReport.Builder::accuracy).toArray();
      Axis ax = f.x(xs, true);
      Axis ay = f.y(ys);
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "<svg id=\"front\" viewBox=\"0 0 %d %d\" width=\"100%%\""
          + " preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"front chart\">", f.w(), f.h()));
      sb.append(f.grid(ax, ay)).append(f.xTitle(Html.escape(label(xo) + (ax.log ? ", log scale" : "")), 10));
      sb.append(String.format(Locale.ROOT, "<text class=\"axis-title\" transform=\"rotate(-90)\" x=\"%d\" y=\"16\">"
          + "accuracy (%%)</text>", -(f.top() + f.h() - f.bottom()) / 2));
      Map<String, Integer> memberIndex = new LinkedHashMap<>();
      for (int i = 0; i < members.size(); i++) {
        memberIndex.put(members.get(i).e().archId(), i);
      }
      // 2-D staircase through the front members (others on the front are non-dominated in more objectives).
      List<double[]> pts = new ArrayList<>();
      for (Member m : members) {
        double x = m.e().objectives().getOrDefault(xo, Double.NaN);
        double y = accuracy(m.e());
        if (Double.isFinite(x) && Double.isFinite(y)) {
          pts.add(new double[] {x, y});
        }
      }
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      StringBuilder line = new StringBuilder();
      double best = Double.NEGATIVE_INFINITY;
      for (double[] p : pts) {
        if (p[1] > best) {
          best = p[1];
          line.append(line.length() == 0 ? "M" : " L").append(fmt(ax.map(p[0]), 1)).append(',')
              .append(fmt(ay.map(p[1]), 1));
        }
      }
      if (line.length() > 0) {
        sb.append("<path class=\"front-line\" d=\"").append(line).append("\"/>");
      }
      StringBuilder memberMarks = new StringBuilder();
      for (int k = 0; k < ok.size(); k++) {
        if (!Double.isFinite(xs[k]) || !Double.isFinite(ys[k])) {
          continue;
        }
        Integer m = memberIndex.get(ok.get(k).archId());
        String cls = m == null ? "cand" : members.get(m).trained() ? "member trained" : "member";
        String mark = String.format(Locale.ROOT, "<circle class=\"mark %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\""
            + " data-k=\"%d\"%s/>", cls, ax.map(xs[k]), ay.map(ys[k]), m == null ? "3.5" : "6", k,
            m == null ? "" : " data-m=\"" + m + "\"");
        (m == null ? sb : memberMarks).append(mark);
      }
      sb.append(memberMarks);
      return sb.append("</svg>").toString();
    }

    private void membersSection(StringBuilder sb) {
      sb.append("<section id=\"members-section\"><h2>Front members</h2>");
      if (members.isEmpty()) {
        sb.append("<p class=\"note\">No successful evaluation yet.</p></section>");
        return;
      }
      sb.append("<div class=\"scroll\"><table id=\"members\"><thead><tr><th>#</th><th>arch</th><th title=\"the search's proxy: "
          + "a short training on a subset\">proxy acc. %</th>"
          + "<th title=\"after the final stage's training\">final val. acc. %</th><th>test acc. %</th>");
      for (String l : latencies) {
        sb.append("<th>").append(Html.escape(target(l))).append(" ms</th>");
      }
      sb.append("<th>MACs</th><th>params</th><th>training</th><th>ONNX</th></tr></thead><tbody>");
      for (int i = 0; i < members.size(); i++) {
        Member m = members.get(i);
        Evaluation e = m.e();
        JsonNode x = m.export();
        sb.append("<tr class=\"member\" data-m=\"").append(i).append("\" id=\"member-")
            .append(e.archId(), 0, 12).append("\"><td>").append(i + 1).append("</td><td><code title=\"")
            .append(Html.escape(e.arch())).append("\">").append(e.archId(), 0, 12).append("</code></td><td>")
            .append(fmtOrDash(accuracy(e), 2)).append("</td><td>")
            .append(!m.trained() ? "–" : fmtOrDash(100 * x.path("validationAccuracy").asDouble(Double.NaN), 2))
            .append("</td><td>")
            .append(!m.trained() ? "–" : fmtOrDash(100 * x.path("testAccuracy").asDouble(Double.NaN), 2))
            .append("</td>");
        for (String l : latencies) {
          String src = e.latencySources().getOrDefault(l, "");
          sb.append("<td><span class=\"num\">").append(fmtOrDash(e.objectives().getOrDefault(l, Double.NaN), 3))
              .append("</span> <span class=\"src ").append(src.startsWith("predicted") ? "pred" : "meas")
              .append("\" title=\"").append(Html.escape(src + ": " + bands.getOrDefault(l, ""))).append("\">")
              .append(src.startsWith("predicted") ? "pred." : src.startsWith("table") ? "table" : "meas.")
              .append("</span></td>");
        }
        double macs = x != null && x.has("macs") ? x.path("macs").asDouble() : e.objectives().getOrDefault("macs",
            Double.NaN);
        double params = x != null && x.has("paramsTrainable") ? x.path("paramsTrainable").asDouble()
            : e.objectives().getOrDefault("params", Double.NaN);
        sb.append("<td>").append(human(macs)).append("</td><td>").append(human(params)).append("</td><td>");
        if (m.trained()) {
          sb.append("trained, ").append(x.path("finalEpochs").asInt()).append(" ep × ")
              .append(x.path("finalTrainImages").asInt()).append(" img")
              .append(x.has("selection") ? " <small>(" + Html.escape(x.path("selection").asText()) + ")</small>" : "")
              .append(x.path("onTrainedFront").asBoolean(true) ? "" : " <b>dominated after training</b>");
        } else if (x != null && x.has("fidelity")) {
          sb.append("candidate: proxy accuracy only")
              .append(x.has("note") ? " <small>" + Html.escape(x.path("note").asText()) + "</small>" : "");
        } else if (x != null) {
          sb.append(Html.escape(x.path("status").asText("")))
              .append(x.has("note") ? " <small>" + Html.escape(x.path("note").asText()) + "</small>" : "");
        } else {
          sb.append(run.path("request").path("table").isTextual() ? "table values" : "proxy only");
        }
        sb.append("</td><td>");
        String onnx = x == null ? null : x.path("onnx").asText(null);
        if (onnx != null) {
          boolean exists = Files.isRegularFile(dir.resolve(onnx));
          sb.append("<a href=\"").append(Html.escape(onnx)).append("\">").append(Html.escape(
              Path.of(onnx).getFileName().toString())).append("</a>").append(exists ? "" : " <small>(missing)</small>");
        } else {
          sb.append("–");
        }
        sb.append("</td></tr>");
      }
      sb.append("</tbody></table></div>");
      if (!latencies.isEmpty()) {
        sb.append("<dl class=\"bands\">");
        for (String l : latencies) {
          sb.append("<dt>").append(Html.escape(target(l))).append("</dt><dd>")
              .append(Html.escape(sources(l) + "; " + bands.getOrDefault(l, "source unknown"))).append("</dd>");
        }
        sb.append("</dl>");
      }
      sb.append("</section>");
    }

    private String sources(String objective) {
      return String.join(", ", ok.stream().map(e -> e.latencySources().get(objective)).filter(s -> s != null)
          .distinct().toList());
    }

    private void detailsSection(StringBuilder sb) {
      sb.append("<section id=\"details-section\"><h2>Selected architecture</h2>"
          + "<p class=\"hint\" id=\"details-hint\">Click a point or a table row.</p>");
      for (int i = 0; i < members.size(); i++) {
        Evaluation e = members.get(i).e();
        sb.append("<div class=\"detail\" id=\"detail-").append(i).append("\"").append(i == 0 ? "" : " hidden")
            .append("><p><b>#").append(i + 1).append("</b> <code>").append(e.archId(), 0, 12)
            .append("</code> <span class=\"arch\">").append(Html.escape(e.arch())).append("</span></p>")
            .append("<div class=\"drawings\">").append(ArchDrawings.draw(space, e.arch())).append("</div></div>");
      }
      sb.append("<div class=\"detail\" id=\"detail-cand\" hidden></div></section>");
    }

    private void convergenceSection(StringBuilder sb) {
      sb.append("<section id=\"convergence-section\"><h2>Convergence</h2><div class=\"plots\">");
      List<Double> best = new ArrayList<>();
      double b = Double.NEGATIVE_INFINITY;
      for (Evaluation e : ok) {
        double a = accuracy(e);
        if (Double.isFinite(a) && a > b) {
          b = a;
        }
        best.add(Double.isFinite(b) ? b : Double.NaN);
      }
      sb.append("<figure><figcaption>best accuracy so far (%) by evaluation</figcaption>")
          .append(linePlot(best, "evaluation", "conv-acc")).append("</figure>");
      List<Double> hv = new ArrayList<>();
      if (pareto != null) {
        pareto.path("hypervolume").path("perGeneration").forEach(n -> hv.add(n.asDouble()));
      }
      sb.append("<figure><figcaption>hypervolume by generation</figcaption>");
      if (hv.isEmpty()) {
        sb.append("<p class=\"note\">written when the run finishes</p>");
      } else {
        sb.append(linePlot(hv, "generation", "conv-hv"));
      }
      sb.append("</figure></div></section>");
    }

    private static String linePlot(List<Double> values, String xLabel, String id) {
      Frame f = new Frame(420, 240, 56, 14, 12, 40);
      double[] xs = new double[values.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = i;
      }
      double[] ys = values.stream().mapToDouble(Double::doubleValue).toArray();
      Axis ax = f.x(xs.length > 1 ? xs : new double[] {0, 1}, false).integers();
      Axis ay = f.y(ys);
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "<svg id=\"%s\" viewBox=\"0 0 %d %d\""
          + " width=\"%d\" height=\"%d\" role=\"img\">", id, f.w(), f.h(), f.w(), f.h()));
      sb.append(f.grid(ax, ay)).append(f.xTitle(xLabel, 6));
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < ys.length; i++) {
        if (Double.isFinite(ys[i])) {
          d.append(d.length() == 0 ? "M" : " L").append(fmt(ax.map(i), 1)).append(',').append(fmt(ay.map(ys[i]), 1));
        }
      }
      if (d.length() > 0) {
        sb.append("<path class=\"conv-line\" d=\"").append(d).append("\"/>");
      }
      return sb.append("</svg>").toString();
    }

    private void settingsSection(StringBuilder sb) {
      sb.append("<section id=\"settings-section\"><h2>Settings and provenance</h2><div class=\"kv-grid\">");
      sb.append("<div><h3>request</h3>").append(kv(run.path("request"))).append("</div>");
      sb.append("<div><h3>resolved settings</h3>").append(kv(run.path("settings"))).append("</div>");
      ObjectNode prov = run.path("provenance").deepCopy();
      ArrayNode targets = prov.withArray("targets");
      ObjectNode ts = RunFiles.JSON.createObjectNode();
      for (JsonNode t : targets) {
        String id = t.path("id").asText();
        JsonNode p = t.path("profile");
        ts.put(id, p.isMissingNode() || p.isNull() ? t.path("note").asText("tabular target")
            : p.path("description").asText() + " (" + p.path("measure").asText() + ", sha256 "
                + t.path("profileSha256").asText("?").substring(0, 12) + ")");
        if (bands.containsKey("latencyMs." + id)) {
          ts.put(id + " latency", bands.get("latencyMs." + id));
        }
      }
      prov.set("targets", ts);
      sb.append("<div class=\"wide\"><h3>provenance</h3>").append(kv(prov)).append("</div>");
      ObjectNode fin = RunFiles.JSON.createObjectNode();
      fin.set("status", run.path("status"));
      fin.set("finishedAt", run.path("finishedAt"));
      fin.set("stopReason", run.path("stopReason"));
      fin.set("resumes", run.path("resumes"));
      sb.append("<div><h3>status</h3>").append(kv(fin)).append("</div>");
      sb.append("</div></section>");
    }

    /** A definition table of a JSON object, nested objects flattened with dotted keys. */
    private static String kv(JsonNode node) {
      StringBuilder sb = new StringBuilder("<table class=\"kv\">");
      flatten("", node, sb);
      return sb.append("</table>").toString();
    }

    private static void flatten(String prefix, JsonNode node, StringBuilder sb) {
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), sb);
        }
        return;
      }
      if (node.isMissingNode() || node.isNull() || (node.isArray() && node.isEmpty())) {
        return;
      }
      String v = node.isArray() ? node.toString() : node.asText();
      if (v.length() > 300) {
        v = v.substring(0, 297) + "…";
      }
      sb.append("<tr><th>").append(Html.escape(prefix)).append("</th><td>").append(Html.escape(v))
          .append("</td></tr>");
    }

    /** The data the script needs: one entry per plotted candidate and per member. */
    private ObjectNode data() {
      ObjectNode root = RunFiles.JSON.createObjectNode();
      ArrayNode cands = root.putArray("cands");
      Map<String, Integer> memberIndex = new LinkedHashMap<>();
      for (int i = 0; i < members.size(); i++) {
        memberIndex.put(members.get(i).e().archId(), i);
      }
      for (Evaluation e : ok) {
        ObjectNode c = cands.addObject();
        c.put("id", e.archId().substring(0, 12));
        c.put("arch", e.arch());
        c.put("acc", round(accuracy(e)));
        ObjectNode lat = c.putObject("lat");
        for (String l : latencies) {
          lat.put(target(l), round(e.objectives().getOrDefault(l, Double.NaN)));
        }
        if (e.objectives().containsKey("macs")) {
          c.put("macs", human(e.objectives().get("macs")));
        }
        if (e.objectives().containsKey("params")) {
          c.put("params", human(e.objectives().get("params")));
        }
        Integer m = memberIndex.get(e.archId());
        if (m != null) {
          c.put("m", m);
          JsonNode x = members.get(m).export();
          if (members.get(m).trained() && x.has("testAccuracy")) {
            c.put("test", round(100 * x.path("testAccuracy").asDouble()));
          }
        }
      }
      root.put("space", space);
      return root;
    }

    private static Double round(double v) {
      return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
    }
  }

  /** A linear or log axis mapping data to pixels, with "nice" ticks. */
  /** A chart's size and margins in SVG units: the plot area runs from left to w - right and from top to h - bottom. */
  private record Frame(int w, int h, int left, int right, int top, int bottom) {
    Axis x(double[] values, boolean allowLog) {
      return Axis.of(values, left, w - right, allowLog);
    }

    Axis y(double[] values) {
      return Axis.of(values, h - bottom, top, false);
    }

    /** Both axes' grid lines and tick labels. */
    String grid(Axis x, Axis y) {
      return x.grid(true, top, h - bottom) + y.grid(false, left, w - right);
    }

    /** The x axis's title (already escaped), centred under the plot area, {@code fromBottom} above the chart's foot. */
    String xTitle(String text, int fromBottom) {
      return String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%d\" y=\"%d\">%s</text>",
          (left + w - right) / 2, h - fromBottom, text);
    }
  }

  private record Axis(double lo, double hi, double p0, double p1, boolean log, boolean integer) {
    /** The same axis with ticks on whole numbers only. */
    Axis integers() {
      return new Axis(lo, hi, p0, p1, log, true);
    }

    static Axis of(double[] values, double p0, double p1, boolean allowLog) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!Double.isFinite(lo)) {
        lo = 0;
        hi = 1;
      }
      boolean log = allowLog && lo > 0 && hi / lo > 30;
      if (log) {
        return new Axis(Math.log10(lo) - 0.05, Math.log10(hi) + 0.05, p0, p1, true, false);
      }
      double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.05, 0.5);
      return new Axis(lo - pad, hi + pad, p0, p1, false, false);
    }

    double map(double v) {
      double t = log ? Math.log10(v) : v;
      return p0 + (t - lo) / (hi - lo) * (p1 - p0);
    }

    String grid(boolean horizontal, double from, double to) {
      StringBuilder sb = new StringBuilder();
      List<Double> ticks = new ArrayList<>();
      if (log) {
        for (int e = (int) Math.floor(lo); e <= Math.ceil(hi); e++) {
          for (int m : new int[] {1, 2, 5}) {
            double v = m * Math.pow(10, e);
            double t = Math.log10(v);
            if (t >= lo && t <= hi) {
              ticks.add(v);
            }
          }
        }
      } else {
        double step = integer ? Math.max(1, niceStep((hi - lo) / 6)) : niceStep((hi - lo) / 6);
        for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) {
          ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
      }
      for (double v : ticks) {
        double p = map(v);
        if (horizontal) {
          sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
              + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", p, from, p, to, p,
              to + 16, tick(v)));
        } else {
          sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
              + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", from, p, to, p, from - 6,
              p + 4, tick(v)));
        }
      }
      return sb.toString();
    }

    private static double niceStep(double raw) {
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double r = raw / mag;
      return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
    }

    private static String tick(double v) {
      double a = Math.abs(v);
      if (a >= 1e6) {
        return human(v);
      }
      if (a >= 100 || v == Math.rint(v)) {
        return String.format(Locale.ROOT, "%.0f", v);
      }
      return a >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
  }

  static String fmt(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static String fmtOrDash(double v, int digits) {
    return Double.isFinite(v) ? fmt(v, digits) : "–";
  }

  /** 7783050 -> 7.78M; NaN -> dash. */
  static String human(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 1e9) {
      return fmt(v / 1e9, 2) + "G";
    }
    if (a >= 1e6) {
      return fmt(v / 1e6, 2) + "M";
    }
    if (a >= 1e4) {
      return fmt(v / 1e3, 1) + "k";
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String resource(String name) {
    try (InputStream in = RunReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("report resource " + name + " is missing from the nas installation");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read report resource " + name, e);
    }
  }
}
