package org.nas4j.profiler.adb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * Runs the {@code adb} executable. Stateless apart from the executable path; thread-safe.
 */
public final class AdbClient {
  /**
   * What one adb call returned.
   *
   * @param exitCode the process exit code ({@code adb shell} passes the device command's code through)
   * @param stdout standard output
   * @param stderr standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {
    /** stdout and stderr joined, for messages and for tools that print to either. */
    public String all() {
      return stdout + (stderr.isEmpty() ? "" : "\n" + stderr);
    }
  }

  private final String executable;
  private final long timeoutSeconds;

  /**
   * A client.
   *
   * @param executable adb path or name (looked up on the PATH)
   * @param timeoutSeconds how long one call may take before it is killed
   */
  public AdbClient(String executable, long timeoutSeconds) {
    this.executable = executable;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The adb executable this client runs. */
  public String executable() {
    return executable;
  }

  /**
   * Runs {@code adb ARGS...}.
   *
   * @throws TargetUnavailableException if adb cannot be started or does not finish in time
   */
  public Result run(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new TargetUnavailableException("cannot run adb ('" + executable + "'): " + e.getMessage()
          + "; install Android platform-tools or set adb.adbPath in the target profile", e);
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new TargetUnavailableException("adb " + String.join(" ", args) + " did not finish within "
            + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("interrupted while running adb " + String.join(" ", args), e);
    } catch (IOException e) {
      throw new TargetUnavailableException("adb failed: " + e.getMessage(), e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
