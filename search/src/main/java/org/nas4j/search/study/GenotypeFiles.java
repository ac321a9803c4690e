package org.nas4j.search.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The {@code --genotypes} files of the benchmark studies: text files with one DARTS genotype per line
 * ({@code Genotype(...)} or a name such as {@code DARTS_V2}; blank lines and lines starting with {@code #} are
 * skipped), and for {@link SignalStudy} also the JSON lines of a {@code nas benchmark fidelity} output. Stateless.
 */
public final class GenotypeFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GenotypeFiles() {}

  /**
   * The genotypes a fidelity study trains: the first {@code limit} of the file (all when negative).
   *
   * @throws InvalidArgumentException naming the file (and line) when it cannot be read, a line is not a DARTS
   *     genotype, or it holds fewer than 2 (or than {@code limit})
   */
  public static List<DartsGenotype> forFidelity(Path file, int limit) {
    List<String> lines = read(file);
    List<DartsGenotype> genotypes = new ArrayList<>();
    for (int n = 0; n < lines.size() && (limit < 0 || genotypes.size() < limit); n++) {
      String line = lines.get(n).strip();
      if (skipped(line)) {
        continue;
      }
      try {
        genotypes.add(DartsGenotype.parse(line));
      } catch (InvalidArgumentException e) {
        throw new InvalidArgumentException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    if (genotypes.size() < Math.max(2, limit)) {
      throw new InvalidArgumentException(file + " holds " + genotypes.size() + " genotype(s); the study needs "
          + Math.max(2, limit));
    }
    return genotypes;
  }

  /**
   * The genotypes of a fidelity-study output (JSON lines with a "genotype"; other JSON lines are skipped) or of a
   * text file (one per line), in order.
   *
   * @throws InvalidArgumentException naming the file and line when it cannot be read or a line is neither, or when
   *     it holds none
   */
  public static List<DartsGenotype> forSignals(Path file) {
    List<String> lines = read(file);
    List<DartsGenotype> genotypes = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (skipped(line)) {
        continue;
      }
      try {
        if (line.startsWith("{")) {
          JsonNode row = JSON.readTree(line);
          if (row.has("genotype")) {
            genotypes.add(DartsGenotype.parse(row.get("genotype").asText()));
          }
        } else {
          genotypes.add(DartsGenotype.parse(line));
        }
      } catch (IOException | InvalidArgumentException e) {
        throw new InvalidArgumentException(file + " line " + (n + 1) + " is not a DARTS genotype or a fidelity "
            + "row: " + e.getMessage(), e);
      }
    }
    if (genotypes.isEmpty()) {
      throw new InvalidArgumentException(file + " holds no genotypes");
    }
    return genotypes;
  }

  private static boolean skipped(String line) {
    return line.isEmpty() || line.startsWith("#");
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read --genotypes " + file + ": " + e.getMessage(), e);
    }
  }
}
