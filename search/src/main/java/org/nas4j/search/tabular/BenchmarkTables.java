package org.nas4j.search.tabular;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.nas4j.profiler.files.AtomicFiles;
import org.nas4j.search.strategy.ArchIds;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.NasFailure;

/**
 * The one place where a {@code --table} value is resolved: {@code nb201} and {@code fbnet} name the benchmark tables
 * built into nas, anything else is a path to a CSV file.
 *
 * <p>The built-in tables ship as gzip resources (each under 2 MB, derived by {@code
 * scripts/make-builtin-tables.py}, which records every source's SHA-256 in {@code tables.json}). On first use a
 * table is extracted once to {@code <cache>/tables/<sha256 prefix>/<name>.csv} (atomically) and checked against the
 * SHA-256 in {@code tables.json}; later uses read the extracted file. The cache is the system property {@code
 * nas.cache.dir}, else {@code $XDG_CACHE_HOME/nas4j}, else {@code ~/.cache/nas4j}. To read a file whose name is
 * {@code nb201} or {@code fbnet}, write it as a path ({@code ./nb201}). Thread-safe.
 */
public final class BenchmarkTables {
  private static final String RESOURCES = "/org/nas4j/search/tabular/tables/";
  private static final Manifest MANIFEST = readManifest();

  /**
   * One resource file of a built-in table.
   *
   * @param resource file name next to {@code tables.json}
   * @param bytes its size
   * @param sha256 SHA-256 hex of the (compressed) file
   */
  public record Resource(String resource, long bytes, String sha256) {}

  /**
   * A source table a built-in table was derived from.
   *
   * @param file the source's file name
   * @param sha256 SHA-256 hex of the source
   */
  public record Source(String file, String sha256) {}

  /**
   * A built-in table.
   *
   * @param name the {@code --table} name
   * @param space the search space of its architecture column
   * @param description what the table holds
   * @param archColumn the column holding the architecture
   * @param rows data rows
   * @param columns the header
   * @param sha256 SHA-256 hex of the extracted CSV
   * @param resources the gzip resources it is made of (rows of several resources are joined side by side)
   * @param sources the tables it was derived from
   * @param credits who measured what, and under which licence
   */
  public record Table(String name, String space, String description, String archColumn, int rows,
      List<String> columns, String sha256, List<Resource> resources, List<Source> sources, List<String> credits) {
    /** Copies the lists. */
    public Table {
      columns = List.copyOf(columns);
      resources = List.copyOf(resources);
      sources = List.copyOf(sources);
      credits = List.copyOf(credits);
    }
  }

  private record Manifest(String schema, List<Table> tables) {}

  private BenchmarkTables() {}

  /** The built-in tables, in a fixed order. */
  public static List<Table> list() {
    return MANIFEST.tables();
  }

  /** The built-in names, comma-separated, for messages. */
  public static String names() {
    return String.join(", ", list().stream().map(Table::name).toList());
  }

  /** The built-in table of that name, if any. */
  public static Optional<Table> builtIn(String name) {
    return list().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Whether {@code value} names a built-in table rather than a file. */
  public static boolean isBuiltIn(String value) {
    return builtIn(value).isPresent();
  }

  /**
   * Checks a {@code --table} value without extracting anything.
   *
   * @return the value to record for a later run: the built-in name as given, or the file's absolute, normalised path
   * @throws InvalidArgumentException (one line) if it is neither a built-in name nor a readable file
   */
  public static String canonical(String value) {
    if (isBuiltIn(value)) {
      return value;
    }
    Path p = Path.of(value);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new InvalidArgumentException("--table " + value + ": neither a built-in table (" + names()
          + ") nor a readable file");
    }
    return p.toAbsolutePath().normalize().toString();
  }

  /**
   * The CSV file for a {@code --table} value: a built-in table (extracted to the cache on first use) or the file.
   *
   * @throws InvalidArgumentException (one line) if it is neither a built-in name nor a readable file
   * @throws NasFailure if a built-in table cannot be extracted (cache not writable) or its checksum is wrong
   */
  public static Path resolve(String value) {
    Optional<Table> t = builtIn(value);
    if (t.isEmpty()) {
      return Path.of(canonical(value));
    }
    return extract(t.get(), cacheDir());
  }

  /** Reads a {@code --table} value as a {@link CsvTable}. Same errors as {@link #resolve}. */
  public static CsvTable read(String value) {
    return CsvTable.read(resolve(value));
  }

  /**
   * The cache folder: system property {@code nas.cache.dir}, else {@code $XDG_CACHE_HOME/nas4j}, else {@code
   * ~/.cache/nas4j}.
   */
  public static Path cacheDir() {
    String prop = System.getProperty("nas.cache.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "nas4j");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "nas4j");
  }

  /**
   * Extracts a built-in table under {@code cache} unless a copy with the right checksum is there already.
   *
   * @return the extracted CSV file
   * @throws NasFailure if the cache is not writable or the extracted bytes do not match {@code tables.json}
   */
  static synchronized Path extract(Table table, Path cache) {
    Path file = cache.resolve("tables").resolve(table.sha256().substring(0, 16)).resolve(table.name() + ".csv");
    try {
      if (Files.isRegularFile(file) && ArchIds.sha256Hex(Files.readAllBytes(file)).equals(table.sha256())) {
        return file;
      }
      byte[] csv = join(table);
      String sha = ArchIds.sha256Hex(csv);
      if (!sha.equals(table.sha256())) {
        throw new NasFailure("built-in table " + table.name() + " has SHA-256 " + sha + ", expected "
            + table.sha256() + " (a damaged nas installation?)");
      }
      AtomicFiles.write(file, csv);
      return file;
    } catch (IOException e) {
      throw new NasFailure("cannot extract built-in table " + table.name() + " to " + file + ": " + e.getMessage()
          + " (set -Dnas.cache.dir or XDG_CACHE_HOME to a writable folder)", e);
    }
  }

  /** The table's CSV bytes: its resources' rows joined side by side on the first column, with LF line ends. */
  private static byte[] join(Table table) throws IOException {
    String[][] parts = new String[table.resources().size()][];
    for (int i = 0; i < parts.length; i++) {
      Resource r = table.resources().get(i);
      byte[] gz = resourceBytes(r.resource());
      if (!ArchIds.sha256Hex(gz).equals(r.sha256())) {
        throw new NasFailure("resource " + r.resource() + " of built-in table " + table.name()
            + " has the wrong SHA-256 (a damaged nas installation?)");
      }
      byte[] raw;
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        raw = in.readAllBytes();
      }
      if (parts.length == 1) {
        // A single resource is the source file itself, byte for byte (CRLF line ends included).
        return raw;
      }
      parts[i] = new String(raw, StandardCharsets.UTF_8).split("\r?\n");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(12 << 20);
    for (int row = 0; row < parts[0].length; row++) {
      StringBuilder line = new StringBuilder(parts[0][row]);
      String key = parts[0][row].substring(0, parts[0][row].indexOf(','));
      for (int i = 1; i < parts.length; i++) {
        String other = parts[i][row];
        int comma = other.indexOf(',');
        if (!other.substring(0, comma).equals(key)) {
          throw new NasFailure("built-in table " + table.name() + ": resources disagree on row " + row);
        }
        line.append(other, comma, other.length());
      }
      out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] resourceBytes(String name) throws IOException {
    try (InputStream in = BenchmarkTables.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new NasFailure("resource " + name + " is missing from the nas installation");
      }
      return in.readAllBytes();
    }
  }

  private static Manifest readManifest() {
    try {
      return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .readValue(resourceBytes("tables.json"), Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in tables' manifest", e);
    }
  }
}
