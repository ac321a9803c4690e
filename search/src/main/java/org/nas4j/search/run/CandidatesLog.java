package org.nas4j.search.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * {@code candidates.jsonl}: append-only, one JSON object per finished evaluation, each line written with one {@code
 * write} and fsynced. Not thread-safe.
 */
public final class CandidatesLog implements AutoCloseable {
  /** Schema id of each line. */
  public static final String SCHEMA = "nas.candidate/v1";

  private final FileChannel channel;
  private int index;

  private CandidatesLog(FileChannel channel, int index) {
    this.channel = channel;
    this.index = index;
  }

  /** Opens for appending; {@code existing} lines are already in the file. */
  public static CandidatesLog open(Path file, int existing) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.position(ch.size());
    return new CandidatesLog(ch, existing);
  }

  /** Appends one evaluation and fsyncs. */
  public void append(Evaluation e) throws IOException {
    String line = RunFiles.JSON.writeValueAsString(toJson(e, index)) + "\n";
    ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
    index++;
  }

  /** The JSON object of one line (insertion-ordered). */
  public static Map<String, Object> toJson(Evaluation e, int index) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("index", index);
    m.put("archId", e.archId());
    m.put("arch", e.arch());
    m.put("genome", e.genome());
    m.put("status", e.status().name());
    m.put("failureReason", e.failureReason());
    m.put("fidelity", e.fidelity());
    m.put("objectives", e.objectives());
    m.put("latencySources", e.latencySources());
    m.put("timingsMs", e.timingsMs());
    return m;
  }

  /** Parses one line. */
  public static Evaluation fromJson(JsonNode n) {
    int[] genome = new int[n.get("genome").size()];
    for (int i = 0; i < genome.length; i++) {
      genome[i] = n.get("genome").get(i).asInt();
    }
    Map<String, Double> objectives = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.get("objectives").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      objectives.put(f.getKey(), f.getValue().asDouble());
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.get("latencySources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      sources.put(f.getKey(), f.getValue().asText());
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    JsonNode t = n.get("timingsMs");
    if (t != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        timings.put(f.getKey(), f.getValue().asDouble());
      }
    }
    JsonNode reason = n.get("failureReason");
    return new Evaluation(
        n.get("archId").asText(),
        n.get("arch").asText(),
        genome,
        objectives,
        sources,
        n.get("fidelity").asInt(),
        Evaluation.Status.valueOf(n.get("status").asText()),
        reason == null || reason.isNull() ? null : reason.asText(),
        timings);
  }

  /**
   * Reads the complete lines of a log. A torn last line (no final newline: the process died mid-write) is dropped
   * and, when {@code repair} is set, cut from the file so that appending continues cleanly.
   *
   * @throws InvalidArgumentException if a complete line is not a valid record
   */
  public static List<Evaluation> read(Path file, boolean repair) throws IOException {
    List<Evaluation> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length && repair) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
        ch.force(true);
      }
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(fromJson(RunFiles.JSON.readTree(line)));
      } catch (JsonProcessingException | RuntimeException e) {
        throw new InvalidArgumentException(
            file + " line " + lineNo + " is not a candidate record: " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
