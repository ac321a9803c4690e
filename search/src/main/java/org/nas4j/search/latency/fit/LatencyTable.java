package org.nas4j.search.latency.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * Rows of a CSV measurement table: architecture, latency in ms, and a group key for cross-validation. Immutable.
 *
 * @param file the table file
 * @param sha256 SHA-256 of the file
 * @param archColumn the architecture column
 * @param latencyColumn the latency column (ms)
 * @param groupColumn the column used as group key, or null when each architecture string is its own group
 * @param rows the rows with a latency
 * @param skippedRows rows whose latency cell was empty
 */
public record LatencyTable(Path file, String sha256, String archColumn, String latencyColumn, String groupColumn,
    List<Row> rows, int skippedRows) {

  /** The column that names isomorphism classes in the NB201 table; used as group key when present. */
  public static final String ISO_CLASS = "iso_class";

  /**
   * One measured architecture.
   *
   * @param line 1-based line number in the file
   * @param arch the architecture text
   * @param latencyMs the measured latency
   * @param group rows with equal groups are the same computation and share a fold
   */
  public record Row(int line, String arch, double latencyMs, String group) {}

  public LatencyTable {
    rows = List.copyOf(rows);
  }

  /**
   * Reads the table.
   *
   * @throws InvalidArgumentException (one line, naming the file) if the file is missing or empty, a column is
   *     missing (the message lists the known columns), a latency is not a positive number, or no row has a latency
   */
  public static LatencyTable read(Path file, String archColumn, String latencyColumn) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("table not found: " + file);
    }
    List<Row> rows = new ArrayList<>();
    int skipped = 0;
    String groupColumn;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      if (headerLine == null || headerLine.isBlank()) {
        throw new InvalidArgumentException("table " + file + " is empty");
      }
      List<String> header = split(stripBom(headerLine));
      int archIndex = column(file, header, archColumn);
      int latencyIndex = column(file, header, latencyColumn);
      int groupIndex = header.indexOf(ISO_CLASS);
      groupColumn = groupIndex >= 0 ? ISO_CLASS : null;
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = split(line);
        if (cells.size() != header.size()) {
          throw new InvalidArgumentException("table " + file + " line " + number + ": expected " + header.size()
              + " cells, got " + cells.size());
        }
        String latency = cells.get(latencyIndex).trim();
        if (latency.isEmpty()) {
          skipped++;
          continue;
        }
        double ms;
        try {
          ms = Double.parseDouble(latency);
        } catch (NumberFormatException e) {
          throw new InvalidArgumentException("table " + file + " line " + number + ": latency '" + latency
              + "' in column " + latencyColumn + " is not a number");
        }
        if (!(ms > 0) || !Double.isFinite(ms)) {
          throw new InvalidArgumentException("table " + file + " line " + number + ": latency " + latency
              + " in column " + latencyColumn + " must be > 0");
        }
        String arch = cells.get(archIndex).trim();
        rows.add(new Row(number, arch, ms, groupIndex >= 0 ? cells.get(groupIndex) : arch));
      }
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read table " + file + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new InvalidArgumentException("table " + file + " has no rows with a latency in column " + latencyColumn
          + (skipped > 0 ? " (" + skipped + " rows with an empty latency)" : ""));
    }
    return new LatencyTable(file, sha256(file), archColumn, latencyColumn, groupColumn, rows, skipped);
  }

  private static int column(Path file, List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new InvalidArgumentException("table " + file + " has no column '" + name + "'. Known columns: "
          + String.join(", ", header));
    }
    return i;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Splits one CSV line; double-quoted cells may contain commas and doubled quotes. */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    cells.add(cur.toString());
    return cells;
  }

  /** Hex SHA-256 of a file. */
  static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read table " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
