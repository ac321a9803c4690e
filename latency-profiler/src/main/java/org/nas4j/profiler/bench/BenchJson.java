package org.nas4j.profiler.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nas4j.profiler.Measurement;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.profiler.RuntimeInfo;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;

/**
 * The {@code nas.bench/v1} JSON document of a {@link BenchReport} (docs/file-formats.md): one result object for a
 * single model, {@code {"schema", "results": [...]}} for several, and results plus {@code comparison} for a
 * comparison. Stateless and thread-safe.
 */
public final class BenchJson {
  /** The schema id. */
  public static final String SCHEMA = "nas.bench/v1";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private BenchJson() {}

  /** The report as one indented JSON document. */
  public static String render(BenchReport report) {
    return write(document(report));
  }

  /** The report as a JSON tree. */
  public static ObjectNode document(BenchReport report) {
    if (report.comparison() != null) {
      return comparison(report);
    }
    if (report.results().size() == 1) {
      return result(report, report.results().get(0));
    }
    ObjectNode all = JSON.createObjectNode();
    all.put("schema", SCHEMA);
    ArrayNode list = all.putArray("results");
    report.results().forEach(r -> list.add(result(report, r)));
    return all;
  }

  private static ObjectNode result(BenchReport report, BenchReport.ModelResult r) {
    ObjectNode result = timing(report.target(), r.measurement(), r.stats());
    Measurement cal = r.calibration();
    if (cal != null) {
      ObjectNode c = result.putObject("calibration");
      c.put("model", cal.model().toString());
      c.put("sha256", cal.modelSha256());
      c.put("p50Ms", SampleStats.median(cal.allSamplesMs()));
      ArrayNode perSession = c.putArray("sessionP50Ms");
      for (double[] s : cal.sessionSamplesMs()) {
        perSession.add(SampleStats.median(s));
      }
    }
    RegressionVerdict verdict = r.verdict();
    if (verdict != null) {
      BaselineEntry entry = r.baselineEntry();
      ObjectNode b = result.putObject("baseline");
      b.put("file", r.baselineFile().toString());
      b.put("model", entry.model());
      b.put("p50Ms", verdict.baselineP50Ms());
      b.put("sessions", entry.sessionSamplesMs().size());
      b.put("measuredRuns", entry.sessionSamplesMs().stream().mapToInt(java.util.List::size).sum());
      result.put("regressionPct", verdict.slowdownPct());
      result.put("maxRegressionPct", verdict.maxRegressionPct());
      result.put("regressed", verdict.regressed());
      result.put("verdict", verdict.verdict().name());
      result.set("regressionTest", JSON.valueToTree(verdict));
      ObjectNode g = result.putObject("gate");
      g.put("rounds", r.rounds());
      g.put("sessions", r.measurement().sessionSamplesMs().size());
      g.put("seconds", r.seconds());
      g.put("maxSeconds", r.maxSeconds());
      g.put("baselineModel", r.baselineNow() == null ? null : r.baselineNow().model().toString());
      if (r.baselineNow() != null) {
        g.put("baselineModelP50MsNow", SampleStats.median(r.baselineNow().allSamplesMs()));
      }
    }
    result.set("provenance", provenance(report, r.measurement().runtime()));
    return result;
  }

  private static ObjectNode comparison(BenchReport report) {
    BenchReport.ComparisonResult c = report.comparison();
    RatioEstimate ratio = c.ratio();
    ObjectNode all = JSON.createObjectNode();
    all.put("schema", SCHEMA);
    ArrayNode list = all.putArray("results");
    list.add(timing(report.target(), c.model(), c.modelStats()));
    list.add(timing(report.target(), c.reference(), c.referenceStats()));
    ObjectNode cmp = all.putObject("comparison");
    cmp.put("model", c.model().model().toString());
    cmp.put("reference", c.reference().model().toString());
    cmp.put("interleaving", "randomized AB/BA order per run, sessions of both models open together");
    cmp.put("ratio", ratio.ratio());
    cmp.put("ratioCiLow", ratio.lowRatio());
    cmp.put("ratioCiHigh", ratio.highRatio());
    cmp.put("ratioCiLevel", ratio.confidenceLevel());
    cmp.put("method", ratio.method());
    cmp.put("ratioOfPooledP50", c.modelStats().p50Ms() / c.referenceStats().p50Ms());
    all.set("provenance", provenance(report, c.model().runtime()));
    return all;
  }

  /** The per-model block: target, model, inputs and the latency statistics. */
  static ObjectNode timing(TargetProfile profile, Measurement m, SampleStats stats) {
    ObjectNode r = JSON.createObjectNode();
    r.put("schema", SCHEMA);
    r.put("target", profile.id());
    r.put("model", m.model().toString());
    r.put("modelSha256", m.modelSha256());
    ObjectNode inputs = r.putObject("inputs");
    m.inputShapes().forEach((name, dims) -> {
      ArrayNode a = inputs.putArray(name);
      dims.forEach(a::add);
    });
    ObjectNode lat = r.putObject("latency");
    lat.put("p50Ms", stats.p50Ms());
    lat.put("p90Ms", stats.p90Ms());
    lat.put("meanMs", stats.meanMs());
    lat.put("stdevMs", stats.stdevMs());
    lat.put("cvPct", stats.cvPct());
    lat.put("madMs", stats.madMs());
    lat.put("minMs", stats.minMs());
    lat.put("maxMs", stats.maxMs());
    lat.put("p50CiLowMs", stats.p50CiLowMs());
    lat.put("p50CiHighMs", stats.p50CiHighMs());
    lat.put("p50CiLevel", stats.p50CiLevel());
    lat.put("warmupRuns", m.warmupRuns());
    lat.put("measuredRuns", stats.n());
    lat.put("sessions", m.sessionSamplesMs().size());
    ArrayNode perSession = lat.putArray("sessionP50Ms");
    for (double[] s : m.sessionSamplesMs()) {
      perSession.add(SampleStats.median(s));
    }
    return r;
  }

  private static ObjectNode provenance(BenchReport report, RuntimeInfo info) {
    MeasureSettings settings = report.settings();
    ObjectNode p = JSON.createObjectNode();
    p.put("nasVersion", report.nasVersion());
    p.put("onnxRuntimeVersion", info.onnxRuntimeVersion());
    p.put("executionProvider", info.executionProvider());
    p.put("threads", info.threads());
    p.put("interOpThreads", info.interOpThreads());
    p.put("allowSpinning", info.allowSpinning());
    p.put("executionMode", info.executionMode());
    p.put("optimizationLevel", info.optimizationLevel());
    p.put("timedRegion", info.timedRegion());
    p.put("cpuModel", info.cpuModel());
    p.put("logicalCpus", info.logicalCpus());
    p.put("javaVersion", info.javaVersion());
    p.put("osName", info.osName());
    p.put("osArch", info.osArch());
    p.put("targetSha256", TargetRegistry.sha256(report.target()));
    p.set("targetProfile", JSON.valueToTree(report.target()));
    p.put("seed", settings.seed());
    return p;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
