package org.nas4j.profiler.adb;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nas4j.targets.TargetRegistry;

/** Opens a session and exits the JVM without closing it (as Ctrl-C would), for {@link AdbSessionTest}. */
public final class AdbExitProbe {
  private AdbExitProbe() {}

  /** Args: profile JSON file, serial. */
  public static void main(String... args) throws Exception {
    AdbSession s = AdbSession.open(TargetRegistry.parse(Files.readString(Path.of(args[0])), "probe"), args[1], 3, 30);
    System.out.println("opened " + s.device().serial());
    System.exit(130);
  }
}
