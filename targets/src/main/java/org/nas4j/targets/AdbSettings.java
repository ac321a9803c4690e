package org.nas4j.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.regex.Pattern;
import org.nas4j.targets.error.InvalidProfileException;

/**
 * How to time models on an Android device over adb with ONNX Runtime's {@code onnxruntime_perf_test}: the
 * {@code adb} block of a target profile whose {@code measure} is {@link MeasureMode#ADB}. The execution provider,
 * threads and runs come from the profile itself. Immutable; validated on construction
 * ({@link InvalidProfileException} naming the field).
 *
 * @param perfTest path on this machine of {@code onnxruntime_perf_test} built for Android (arm64-v8a); pushed to the
 *     device for each measuring session and removed afterwards
 * @param cpuAffinity which cores to pin to with {@code taskset}: {@code big} (the cores with the highest
 *     {@code cpuinfo_max_freq}, the default), {@code all} (no pinning), or a CPU list such as {@code 4-7} or
 *     {@code 6,7}
 * @param remoteDir device directory for the pushed files (default {@code /data/local/tmp/nas4j}); removed after use
 * @param adbPath the adb executable (default {@code adb}, found on the PATH)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"perfTest", "cpuAffinity", "remoteDir", "adbPath"})
public record AdbSettings(String perfTest, String cpuAffinity, String remoteDir, String adbPath) {
  /** The default device directory. */
  public static final String DEFAULT_REMOTE_DIR = "/data/local/tmp/nas4j";

  private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
  private static final Pattern SAFE_DIR = Pattern.compile("/[A-Za-z0-9._/-]+");

  /** Fills in defaults and validates. */
  public AdbSettings {
    if (perfTest == null || perfTest.isBlank()) {
      throw new InvalidProfileException("adb.perfTest is required: the path of onnxruntime_perf_test built for"
          + " Android (see docs/targets.md)");
    }
    cpuAffinity = cpuAffinity == null ? "big" : cpuAffinity;
    if (!cpuAffinity.equals("big") && !cpuAffinity.equals("all") && !CPU_LIST.matcher(cpuAffinity).matches()) {
      throw new InvalidProfileException("adb.cpuAffinity must be big, all or a CPU list like 4-7, got '"
          + cpuAffinity + "'");
    }
    remoteDir = remoteDir == null ? DEFAULT_REMOTE_DIR : remoteDir;
    if (!SAFE_DIR.matcher(remoteDir).matches() || remoteDir.contains("..") || remoteDir.equals("/")) {
      throw new InvalidProfileException("adb.remoteDir must be an absolute device path of letters, digits, '.', '_',"
          + " '-' and '/', got '" + remoteDir + "'");
    }
    adbPath = adbPath == null || adbPath.isBlank() ? "adb" : adbPath;
  }
}
