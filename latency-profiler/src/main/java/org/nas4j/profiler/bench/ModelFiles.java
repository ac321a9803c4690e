package org.nas4j.profiler.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import org.nas4j.profiler.InvalidModelException;
import org.nas4j.profiler.OnnxRuntimeProfiler;

/** Turns {@code nas bench}'s MODEL arguments (files, folders, quoted globs) into model files. Stateless. */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * Expands folders (every {@code *.onnx} inside, sorted) and globs in the file name (sorted); every argument must name
   * at least one existing model; duplicates are dropped, first occurrence kept.
   *
   * @throws InvalidModelException naming the argument that names no model
   */
  public static List<Path> resolve(List<String> models) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String arg : models) {
      if (arg.isBlank()) {
        throw new InvalidModelException("empty MODEL argument");
      }
      if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
        out.addAll(glob(arg));
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        List<Path> inside = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.onnx")) {
          ds.forEach(inside::add);
        }
        inside.removeIf(q -> !Files.isRegularFile(q));
        if (inside.isEmpty()) {
          throw new InvalidModelException("model path is a directory with no *.onnx files: " + p);
        }
        inside.sort(null);
        out.addAll(inside);
      } else {
        OnnxRuntimeProfiler.checkModelFile(p);
        out.add(p);
      }
    }
    return new ArrayList<>(new LinkedHashSet<>(out));
  }

  private static List<Path> glob(String pattern) throws IOException {
    Path full = Path.of(pattern);
    Path dir = full.getParent() == null ? Path.of(".") : full.getParent();
    String namePattern = full.getFileName().toString();
    if (dir.toString().contains("*") || dir.toString().contains("?")) {
      throw new InvalidModelException("glob " + pattern + ": only the file name may hold wildcards");
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException("glob " + pattern + ": folder not found: " + dir);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePattern);
    TreeSet<Path> found = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p) && matcher.matches(p.getFileName())) {
          found.add(full.getParent() == null ? p.getFileName() : p);
        }
      }
    }
    if (found.isEmpty()) {
      throw new InvalidModelException("glob " + pattern + " matches no files");
    }
    return new ArrayList<>(found);
  }

}
