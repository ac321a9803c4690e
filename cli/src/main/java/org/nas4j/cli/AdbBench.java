package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nas4j.profiler.adb.AdbSession;
import org.nas4j.profiler.adb.PerfTestOutput;
import org.nas4j.targets.TargetProfile;
import picocli.CommandLine;

/** {@code nas bench MODEL --target-file phone.json --device SERIAL}: times models on a phone over adb. */
final class AdbBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdbBench() {}

  /** Times each model in one adb session (the device is cleaned afterwards) and prints text or JSON. */
  static int run(CommandLine cl, TargetProfile profile, String serial, Integer runs, List<Path> files, boolean json)
      throws java.io.IOException {
    PrintWriter out = cl.getOut();
    ArrayNode results = JSON.createArrayNode();
    StringBuilder text = new StringBuilder();
    AdbSession.DeviceInfo d;
    try (AdbSession s = AdbSession.open(profile, serial, runs != null ? runs : profile.measuredRuns(),
        AdbTargets.ADB_TIMEOUT_SECONDS)) {
      d = s.device();
      for (Path f : files) {
        AdbSession.Timing t = s.time(f);
        PerfTestOutput o = t.output();
        ObjectNode r = results.addObject();
        r.put("model", f.toString());
        ObjectNode lat = r.putObject("latency");
        lat.put("p50Ms", o.p50Ms());
        lat.put("p90Ms", o.p90Ms());
        lat.put("meanMs", o.meanMs());
        lat.put("minMs", o.minMs());
        lat.put("maxMs", o.maxMs());
        lat.put("warmupRuns", 1);
        lat.put("measuredRuns", o.runs());
        r.put("executionProviderUsed", t.executionProviderUsed());
        text.append(String.format(Locale.ROOT, "%s: p50 %.3f ms, p90 %.3f ms, mean %.3f ms (%d runs, %s)%n",
            f.getFileName(), o.p50Ms(), o.p90Ms(), o.meanMs(), o.runs(), t.executionProviderUsed()));
      }
    }
    if (json) {
      ObjectNode root = JSON.createObjectNode();
      root.put("schema", "nas.bench/v1");
      root.put("target", profile.id());
      root.set("results", results);
      ObjectNode p = root.putObject("provenance");
      p.put("nasVersion", VersionProvider.version());
      p.put("measure", "ADB");
      p.put("tool", "onnxruntime_perf_test");
      p.put("deviceSerial", d.serial());
      p.put("deviceModel", d.model());
      p.put("androidVersion", d.androidVersion());
      p.put("governor", d.governor());
      p.put("cpus", d.cpus().isEmpty() ? "all" : d.cpus().toString());
      p.put("executionProvider", d.executionProvider());
      p.put("threads", d.threads());
      out.println(JSON.writeValueAsString(root));
    } else {
      out.print(text);
      out.println("on " + AdbTargets.describe(d) + ", " + AdbTargets.runtime(d));
    }
    return ExitCodes.OK;
  }
}
