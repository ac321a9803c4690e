package org.nas4j.profiler.adb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nas4j.targets.AdbSettings;
import org.nas4j.targets.ExecutionProvider;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * One measuring session on an Android device: {@link #open} checks the serial and its state, reads the device's
 * model, Android version, big cores and governor, and pushes {@code onnxruntime_perf_test}; {@link #time} pushes a
 * model, runs it pinned with {@code taskset} and parses the latencies; {@link #close} removes the remote directory
 * (also after a failure). Not thread-safe.
 */
public final class AdbSession implements AutoCloseable {
  private static final String BINARY = "onnxruntime_perf_test";
  private static final Pattern MAX_FREQ = Pattern.compile("cpu(\\d+)/cpufreq/cpuinfo_max_freq:(\\d+)");

  /**
   * Where and how the models are timed, for provenance.
   *
   * @param serial adb serial
   * @param model {@code ro.product.model}
   * @param androidVersion {@code ro.build.version.release}
   * @param governor {@code scaling_governor} of the first pinned core
   * @param cpus the pinned CPUs (empty: not pinned)
   * @param executionProvider the requested execution provider ({@code -e})
   * @param threads intra-op threads ({@code -x})
   */
  public record DeviceInfo(String serial, String model, String androidVersion, String governor, List<Integer> cpus,
      String executionProvider, int threads) {}

  /**
   * One timed model.
   *
   * @param output the parsed latencies
   * @param executionProviderUsed the requested provider, or "NNAPI+CPU" style text when ONNX Runtime reported
   *     nodes placed on the CPU
   * @param device where it ran
   */
  public record Timing(PerfTestOutput output, String executionProviderUsed, DeviceInfo device) {}

  private final AdbClient adb;
  private final AdbSettings settings;
  private final TargetProfile target;
  private final DeviceInfo info;
  private final int runs;
  private final Thread cleanupOnExit = new Thread(this::removeRemoteDir, "nas-adb-cleanup");
  private volatile boolean pushed;

  private AdbSession(AdbClient adb, TargetProfile target, DeviceInfo info, int runs) {
    this.adb = adb;
    this.settings = target.adb();
    this.target = target;
    this.info = info;
    this.runs = runs;
  }

  /**
   * Opens a session.
   *
   * @param target a profile with measure ADB
   * @param serial the device serial; null picks the only attached device
   * @param runs timed runs per model ({@code -r})
   * @param timeoutSeconds limit for one adb call
   * @throws TargetUnavailableException no device, the serial is not attached, unauthorized or offline
   * @throws InvalidArgumentException the perf-test binary does not exist on this machine
   */
  public static AdbSession open(TargetProfile target, String serial, int runs, long timeoutSeconds) {
    AdbSettings s = target.adb();
    if (s == null) {
      throw new InvalidArgumentException("target " + target.id() + " has no \"adb\" block; set measure ADB and"
          + " adb.perfTest (see docs/targets.md)");
    }
    Path binary = Path.of(s.perfTest());
    if (!Files.isRegularFile(binary)) {
      throw new InvalidArgumentException("adb.perfTest of target " + target.id() + " not found: " + binary
          + " (build or download onnxruntime_perf_test for Android, see docs/targets.md)");
    }
    AdbClient adb = new AdbClient(s.adbPath(), timeoutSeconds);
    String device = pickDevice(adb, serial);
    String model = prop(adb, device, "ro.product.model");
    String android = prop(adb, device, "ro.build.version.release");
    List<Integer> cpus = cpus(adb, device, s.cpuAffinity());
    int first = cpus.isEmpty() ? 0 : cpus.get(0);
    AdbClient.Result g = adb.run(List.of("-s", device, "shell", "cat",
        "/sys/devices/system/cpu/cpu" + first + "/cpufreq/scaling_governor"));
    String governor = g.exitCode() == 0 && !g.stdout().isBlank() ? g.stdout().strip() : "unknown";
    DeviceInfo info = new DeviceInfo(device, model, android, governor, cpus,
        target.executionProvider().name(), target.threads());
    AdbSession session = new AdbSession(adb, target, info, runs);
    try {
      session.shell("mkdir -p " + s.remoteDir(), "create " + s.remoteDir());
      session.pushed = true;
      // Ctrl-C ends the JVM without running finally blocks: clean the phone from a shutdown hook then
      Runtime.getRuntime().addShutdownHook(session.cleanupOnExit);
      session.push(binary, s.remoteDir() + "/" + BINARY);
      session.shell("chmod 755 " + s.remoteDir() + "/" + BINARY, "make " + BINARY + " executable");
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The device this session measures on. */
  public DeviceInfo device() {
    return info;
  }

  /**
   * Pushes a model, times it and removes it again.
   *
   * @throws TargetUnavailableException when the run was killed or the device went away
   * @throws InvalidArgumentException when the output cannot be parsed or the binary is missing on the device
   */
  public Timing time(Path model) {
    String remote = settings.remoteDir() + "/model.onnx";
    push(model, remote);
    try {
      String ep = switch (target.executionProvider()) {
        case CPU -> "cpu";
        case XNNPACK -> "xnnpack";
        case NNAPI -> "nnapi";
        case CUDA -> throw new InvalidArgumentException("target " + target.id() + ": CUDA does not run on Android");
      };
      String pin = info.cpus().isEmpty() ? "" : "taskset " + mask(info.cpus()) + " ";
      String cmd = "cd " + settings.remoteDir() + " && " + pin + "./" + BINARY + " -e " + ep + " -m times -r "
          + runs + " -x " + target.threads() + " -I model.onnx";
      AdbClient.Result r = adb.run(List.of("-s", info.serial(), "shell", cmd));
      String all = r.all();
      if (r.exitCode() == 137 || r.exitCode() == -9 || all.contains("Killed")) {
        throw new TargetUnavailableException(BINARY + " was killed on " + info.serial() + " (signal 9, exit "
            + r.exitCode() + "; low memory or the run took too long) while timing " + model.getFileName());
      }
      if (r.exitCode() == 126 || r.exitCode() == 127 || all.contains("inaccessible or not found")
          || all.contains("not executable")) {
        throw new InvalidArgumentException(BINARY + " cannot run on " + info.serial() + " (exit " + r.exitCode()
            + ": " + PerfTestOutput.firstLine(all) + "); is adb.perfTest an Android arm64 build?");
      }
      if (r.exitCode() != 0) {
        throw new TargetUnavailableException(BINARY + " failed on " + info.serial() + " with exit " + r.exitCode()
            + " while timing " + model.getFileName() + ": " + PerfTestOutput.firstLine(all));
      }
      PerfTestOutput out = PerfTestOutput.parse(all);
      String used = out.partialFallback() && target.executionProvider() != ExecutionProvider.CPU
          ? target.executionProvider().name() + "+CPU" : target.executionProvider().name();
      return new Timing(out, used, info);
    } finally {
      adb.run(List.of("-s", info.serial(), "shell", "rm -f " + remote));
    }
  }

  /** Removes the remote directory (best effort; never throws). */
  @Override
  public void close() {
    if (pushed) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException | SecurityException e) {
        // the JVM is already shutting down: the hook cleans up
      }
    }
    removeRemoteDir();
  }

  private void removeRemoteDir() {
    if (pushed) {
      pushed = false;
      try {
        adb.run(List.of("-s", info.serial(), "shell", "rm -rf " + settings.remoteDir()));
      } catch (RuntimeException ignored) {
        // the device went away: nothing left to clean on it from here
      }
    }
  }

  private void push(Path local, String remote) {
    AdbClient.Result r = adb.run(List.of("-s", info.serial(), "push", local.toString(), remote));
    if (r.exitCode() != 0) {
      throw new TargetUnavailableException("adb push " + local.getFileName() + " to " + info.serial() + " failed: "
          + PerfTestOutput.firstLine(r.all()));
    }
  }

  private void shell(String cmd, String what) {
    AdbClient.Result r = adb.run(List.of("-s", info.serial(), "shell", cmd));
    if (r.exitCode() != 0) {
      throw new TargetUnavailableException("cannot " + what + " on " + info.serial() + ": "
          + PerfTestOutput.firstLine(r.all()));
    }
  }

  /** The serial to use, after checking that it is attached and usable. */
  static String pickDevice(AdbClient adb, String serial) {
    AdbClient.Result r = adb.run(List.of("devices"));
    if (r.exitCode() != 0) {
      throw new TargetUnavailableException("adb devices failed: " + PerfTestOutput.firstLine(r.all()));
    }
    TreeMap<String, String> states = new TreeMap<>();
    for (String line : r.stdout().split("\n")) {
      String[] f = line.strip().split("\\s+", 2);
      if (f.length == 2 && !line.startsWith("List of devices") && !line.startsWith("*")) {
        states.put(f[0], f[1].strip());
      }
    }
    if (states.isEmpty()) {
      throw new TargetUnavailableException("no Android device attached (adb devices lists none); connect a phone"
          + " with USB debugging enabled");
    }
    String s = serial;
    if (s == null) {
      if (states.size() > 1) {
        throw new TargetUnavailableException("several devices attached (" + String.join(", ", states.keySet())
            + "); pick one with --device SERIAL");
      }
      s = states.firstKey();
    }
    String state = states.get(s);
    if (state == null) {
      throw new TargetUnavailableException("device " + s + " is not attached (attached: "
          + String.join(", ", states.keySet()) + ")");
    }
    if (state.startsWith("unauthorized")) {
      throw new TargetUnavailableException("device " + s + " is unauthorized: accept the USB debugging prompt on"
          + " the phone and retry");
    }
    if (!state.startsWith("device")) {
      throw new TargetUnavailableException("device " + s + " is " + state + ", not ready (reconnect it)");
    }
    return s;
  }

  private static String prop(AdbClient adb, String serial, String name) {
    AdbClient.Result r = adb.run(List.of("-s", serial, "shell", "getprop", name));
    if (r.exitCode() != 0) {
      throw new TargetUnavailableException("cannot read " + name + " from " + serial + ": "
          + PerfTestOutput.firstLine(r.all()));
    }
    return r.stdout().strip();
  }

  /** The CPUs to pin to: the big cores, an explicit list, or none for {@code all}. */
  static List<Integer> cpus(AdbClient adb, String serial, String affinity) {
    if (affinity.equals("all")) {
      return List.of();
    }
    if (!affinity.equals("big")) {
      List<Integer> out = new ArrayList<>();
      for (String part : affinity.split(",")) {
        String[] r = part.split("-");
        int a = Integer.parseInt(r[0]);
        int b = r.length > 1 ? Integer.parseInt(r[1]) : a;
        for (int c = a; c <= b; c++) {
          out.add(c);
        }
      }
      return out;
    }
    AdbClient.Result r = adb.run(List.of("-s", serial, "shell",
        "grep -H . /sys/devices/system/cpu/cpu*/cpufreq/cpuinfo_max_freq"));
    TreeMap<Integer, Long> freq = new TreeMap<>();
    Matcher m = MAX_FREQ.matcher(r.stdout());
    while (m.find()) {
      freq.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    if (freq.isEmpty()) {
      throw new TargetUnavailableException("cannot find the big cores of " + serial + ": no cpuinfo_max_freq"
          + " readable; set adb.cpuAffinity to a CPU list like 4-7 or to all");
    }
    long max = freq.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return freq.entrySet().stream().filter(e -> e.getValue() == max).map(java.util.Map.Entry::getKey).toList();
  }

  /** The taskset hex mask of the CPUs, for example {@code f0} for 4-7. */
  static String mask(List<Integer> cpus) {
    java.math.BigInteger m = java.math.BigInteger.ZERO;
    for (int c : cpus) {
      m = m.setBit(c);
    }
    return m.toString(16).toLowerCase(Locale.ROOT);
  }
}
