package org.nas4j.search.tabular;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nas4j.search.strategy.ArchIds;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * A CSV file with a header row, read fully into memory (RFC 4180 quoting supported). Immutable.
 *
 * @param path where it was read from
 * @param sha256 SHA-256 hex of the file's bytes
 * @param header column names
 * @param rows cell values, one list per row, same length as the header
 */
public record CsvTable(Path path, String sha256, List<String> header, List<List<String>> rows) {
  /** Copies the lists. */
  public CsvTable {
    header = List.copyOf(header);
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  /**
   * Reads a CSV file.
   *
   * @throws InvalidArgumentException if the file is missing, unreadable, empty, or a row has the wrong width
   */
  public static CsvTable read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("table " + path + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read table " + path + ": " + e.getMessage(), e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<List<String>> lines = parse(text);
    if (lines.isEmpty()) {
      throw new InvalidArgumentException("table " + path + " is empty (expected a CSV header row)");
    }
    List<String> header = lines.get(0);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> r = lines.get(i);
      if (r.size() == 1 && r.get(0).isEmpty()) {
        continue;
      }
      if (r.size() != header.size()) {
        throw new InvalidArgumentException(
            "table " + path + " line " + (i + 1) + " has " + r.size() + " cells, header has " + header.size());
      }
      rows.add(List.copyOf(r));
    }
    return new CsvTable(path, ArchIds.sha256Hex(bytes), header, rows);
  }

  /**
   * The index of a column.
   *
   * @param option the command-line option that named it, for the error message
   * @throws InvalidArgumentException naming the known columns if absent
   */
  public int column(String name, String option) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new InvalidArgumentException(
          "unknown column '" + name + "' for " + option + " in " + path + "; known columns: "
              + String.join(", ", header));
    }
    return i;
  }

  private static List<List<String>> parse(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      any = true;
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        out.add(row);
        row = new ArrayList<>();
        any = false;
      } else {
        cell.append(c);
      }
    }
    if (any) {
      row.add(cell.toString());
      out.add(row);
    }
    return out;
  }
}
