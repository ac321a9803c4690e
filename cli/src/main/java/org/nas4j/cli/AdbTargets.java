package org.nas4j.cli;

import java.util.Locale;
import org.nas4j.profiler.adb.AdbSession;
import org.nas4j.search.latency.fit.Calibration;
import org.nas4j.targets.TargetProfile;

/** Glue between the adb session and the CLI commands that measure on a phone (calibrate, bench). */
final class AdbTargets {
  /** Limit for one adb call (a push of the binary or one perf-test run), in seconds. */
  static final long ADB_TIMEOUT_SECONDS = 600;

  private AdbTargets() {}

  /**
   * An open adb session with a calibration timer; closing it cleans the device.
   *
   * @param session the session
   * @param timer times one model on the phone (p50 of the perf-test run)
   * @param deviceDescription model, Android version, serial, governor and pinned cores
   * @param runtimeDescription perf-test, execution provider, threads
   */
  record Setup(AdbSession session, Calibration.ModelTimer timer, String deviceDescription,
      String runtimeDescription) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  /** Opens a session on the phone {@code serial} for target {@code p}; {@code runs} overrides measuredRuns. */
  static Setup setup(TargetProfile p, String serial, Integer runs) {
    AdbSession s = AdbSession.open(p, serial, runs != null ? runs : p.measuredRuns(), ADB_TIMEOUT_SECONDS);
    AdbSession.DeviceInfo d = s.device();
    Calibration.ModelTimer timer = model -> {
      AdbSession.Timing t = s.time(model);
      return new Calibration.Timing(t.output().p50Ms(), Double.NaN, Double.NaN);
    };
    return new Setup(s, timer, describe(d), runtime(d));
  }

  static String describe(AdbSession.DeviceInfo d) {
    return String.format(Locale.ROOT, "%s (Android %s, serial %s, governor %s, cpus %s)", d.model(),
        d.androidVersion(), d.serial(), d.governor(), d.cpus().isEmpty() ? "all" : d.cpus());
  }

  static String runtime(AdbSession.DeviceInfo d) {
    return "onnxruntime_perf_test " + d.executionProvider() + " EP, " + d.threads() + " thread(s)";
  }
}
