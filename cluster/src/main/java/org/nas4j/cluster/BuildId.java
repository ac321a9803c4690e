package org.nas4j.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which nas build this JVM runs: the version and the SHA-256 of nas's own code (the class files or jars of its
 * modules). A worker refuses tasks of another build, because a task's result must not depend on where it ran. The
 * code digest stands in for the commit: it differs whenever the code does, including uncommitted changes.
 */
public final class BuildId {
  private static final Class<?>[] MODULES = {
    org.nas4j.targets.TargetProfile.class,
    org.nas4j.profiler.LatencyProfiler.class,
    org.nas4j.search.run.SearchRunner.class,
    BuildId.class
  };

  private BuildId() {}

  /** {@code VERSION+CODE12}, e.g. {@code 0.1.0-SNAPSHOT+3f2a9c0d11be}. */
  public static String of(String version) {
    return version + "+" + codeDigest().substring(0, 12);
  }

  /** SHA-256 hex over the code sources (jar or class directory) of nas's modules, in a fixed order. */
  static String codeDigest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Class<?> c : MODULES) {
        CodeSource src = c.getProtectionDomain().getCodeSource();
        if (src == null) {
          continue;
        }
        Path p = Path.of(src.getLocation().toURI());
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.walk(p)) {
            s.filter(f -> f.toString().endsWith(".class")).sorted().forEach(files::add);
          }
        } else {
          files.add(p);
        }
        for (Path f : files) {
          md.update(p.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
              md.update(buf, 0, n);
            }
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
