package org.nas4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares run directories on canonical content: candidates.jsonl lines without their timing field, pareto.json
 * without wall times.
 */
final class RunCompare {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunCompare() {}

  static List<String> maskedCandidates(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("candidates.jsonl"))) {
      ObjectNode n = (ObjectNode) JSON.readTree(line);
      n.remove("timingsMs");
      out.add(n.toString());
    }
    return out;
  }

  /** pareto.json without wall times (keys ending in Seconds, timingsMs). */
  static JsonNode maskedPareto(Path dir) throws IOException {
    return withoutWallTimes(JSON.readTree(dir.resolve("pareto.json").toFile()));
  }

  private static JsonNode withoutWallTimes(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (k.endsWith("Seconds") || k.equals("timingsMs")) {
          it.remove();
        } else {
          withoutWallTimes(o.get(k));
        }
      }
    } else if (n.isArray()) {
      n.forEach(RunCompare::withoutWallTimes);
    }
    return n;
  }
}
