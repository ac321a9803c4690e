package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compares run directories on canonical content: candidates.jsonl lines without their timing field. */
final class RunCompare {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunCompare() {}

  static List<String> maskedCandidates(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("candidates.jsonl"))) {
      ObjectNode n = (ObjectNode) JSON.readTree(line);
      n.remove("timingsMs");
      out.add(n.toString());
    }
    return out;
  }
}
