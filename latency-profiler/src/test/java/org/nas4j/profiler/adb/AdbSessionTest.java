package org.nas4j.profiler.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidInputException;
import org.nas4j.targets.error.TargetUnavailableException;

/** AdbSession against a simulated adb (a shell script answering like a phone running onnxruntime_perf_test). */
class AdbSessionTest {
  @TempDir Path dir;
  Path adb;
  Path perfTest;
  Path model;

  @BeforeEach
  void fakeAdb() throws IOException {
    adb = dir.resolve("adb");
    try (InputStream in = AdbSessionTest.class.getResourceAsStream("fake-adb.sh")) {
      Files.copy(in, adb);
    }
    Files.setPosixFilePermissions(adb, PosixFilePermissions.fromString("rwxr-xr-x"));
    perfTest = dir.resolve("onnxruntime_perf_test");
    Files.write(perfTest, new byte[] {0x7f, 'E', 'L', 'F'});
    model = dir.resolve("m.onnx");
    Files.write(model, new byte[50_000]);
  }

  private TargetProfile profile(String ep, String perf) {
    return TargetRegistry.parse("{\"id\":\"phone\",\"description\":\"test phone\",\"device\":\"MOBILE\","
        + "\"executionProvider\":\"" + ep + "\",\"measure\":\"ADB\",\"threads\":1,\"inputShape\":[1,3,32,32],"
        + "\"warmupRuns\":1,\"measuredRuns\":7,\"adb\":{\"perfTest\":\"" + perf + "\",\"adbPath\":\"" + adb
        + "\"}}", "test profile");
  }

  private TargetProfile profile() {
    return profile("CPU", perfTest.toString());
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("adb.log"));
  }

  private boolean remoteDirLeft() {
    return Files.exists(dir.resolve("device/data/local/tmp/nas4j"));
  }

  @Test
  void timesOnTheBigCoresRecordsTheDeviceAndCleansUp() throws IOException {
    AdbSession.Timing t;
    try (AdbSession s = AdbSession.open(profile(), "PHONE1", 7, 30)) {
      assertThat(Files.exists(dir.resolve("device/data/local/tmp/nas4j/onnxruntime_perf_test"))).isTrue();
      t = s.time(model);
      assertThat(Files.exists(dir.resolve("device/data/local/tmp/nas4j/model.onnx"))).isFalse();
    }
    // the fake prints P50 = 0.2 ms + 1 ms per 100 kB of model
    assertThat(t.output().p50Ms()).isCloseTo(0.7, within(1e-6));
    assertThat(t.output().runs()).isEqualTo(7);
    assertThat(t.output().minMs()).isLessThan(t.output().p50Ms());
    assertThat(t.executionProviderUsed()).isEqualTo("CPU");
    AdbSession.DeviceInfo d = t.device();
    assertThat(d.model()).isEqualTo("Pixel 7");
    assertThat(d.androidVersion()).isEqualTo("14");
    assertThat(d.governor()).isEqualTo("schedutil");
    assertThat(d.cpus()).containsExactly(6, 7);
    assertThat(log()).contains("taskset c0 ./onnxruntime_perf_test -e cpu -m times -r 7 -x 1 -I model.onnx")
        .contains("cat /sys/devices/system/cpu/cpu6/cpufreq/scaling_governor");
    assertThat(remoteDirLeft()).isFalse();
  }

  @Test
  void nnapiWithNodesOnTheCpuIsRecordedAsPartialFallback() throws IOException {
    Files.writeString(dir.resolve("devices.txt"), "PHONE1\tdevice\n");
    try (AdbSession s = AdbSession.open(profile("NNAPI", perfTest.toString()), null, 5, 30)) {
      assertThat(s.time(model).executionProviderUsed()).isEqualTo("NNAPI+CPU");
    }
  }

  @Test
  void explicitCpuListIsUsedAsGiven() throws IOException {
    TargetProfile p = TargetRegistry.parse("{\"id\":\"phone\",\"description\":\"d\",\"device\":\"MOBILE\","
        + "\"executionProvider\":\"XNNPACK\",\"measure\":\"ADB\",\"threads\":2,\"inputShape\":[1,3,32,32],"
        + "\"warmupRuns\":1,\"measuredRuns\":3,\"adb\":{\"perfTest\":\"" + perfTest + "\",\"adbPath\":\"" + adb
        + "\",\"cpuAffinity\":\"4-5\"}}", "p");
    try (AdbSession s = AdbSession.open(p, "PHONE1", 3, 30)) {
      s.time(model);
    }
    assertThat(log()).contains("taskset 30 ./onnxruntime_perf_test -e xnnpack -m times -r 3 -x 2");
  }

  @Test
  void noDeviceAttachedIsTargetUnavailable() throws IOException {
    Files.writeString(dir.resolve("devices.txt"), "");
    assertThatThrownBy(() -> AdbSession.open(profile(), null, 5, 30))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("no Android device attached");
  }

  @Test
  void unauthorizedOfflineUnknownAndAmbiguousDevicesAreTargetUnavailable() {
    assertThatThrownBy(() -> AdbSession.open(profile(), "UNAUTH1", 5, 30))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("UNAUTH1 is unauthorized");
    assertThatThrownBy(() -> AdbSession.open(profile(), "OFFLINE1", 5, 30))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("OFFLINE1 is offline");
    assertThatThrownBy(() -> AdbSession.open(profile(), "NOPE", 5, 30))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("device NOPE is not attached");
    assertThatThrownBy(() -> AdbSession.open(profile(), null, 5, 30))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("pick one with --device");
  }

  @Test
  void missingAdbExecutableIsTargetUnavailable() {
    TargetProfile p = TargetRegistry.parse(TargetRegistry.toJson(profile()).replace(adb.toString(),
        dir.resolve("no-adb").toString()), "p");
    assertThatThrownBy(() -> AdbSession.open(p, "PHONE1", 5, 30))
        .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("cannot run adb");
  }

  @Test
  void perfTestMissingOnThisMachineIsInvalidInput() {
    assertThatThrownBy(() -> AdbSession.open(profile("CPU", dir.resolve("nope").toString()), "PHONE1", 5, 30))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("adb.perfTest of target phone not found");
  }

  @Test
  void perfTestOfTheWrongAbiIsInvalidInputAndTheDeviceIsCleaned() {
    try (AdbSession s = AdbSession.open(profile(), "WRONGABI1", 5, 30)) {
      assertThatThrownBy(() -> s.time(model)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cannot run on WRONGABI1 (exit 126");
    }
    assertThat(remoteDirLeft()).isFalse();
  }

  @Test
  void killedRunIsTargetUnavailableAndTheDeviceIsCleaned() {
    try (AdbSession s = AdbSession.open(profile(), "KILL1", 5, 30)) {
      assertThatThrownBy(() -> s.time(model)).isInstanceOf(TargetUnavailableException.class)
          .hasMessageContaining("killed on KILL1 (signal 9, exit 137");
      assertThat(Files.exists(dir.resolve("device/data/local/tmp/nas4j/model.onnx"))).isFalse();
    }
    assertThat(remoteDirLeft()).isFalse();
  }

  @Test
  void malformedOutputIsInvalidInputWithOneLine() {
    try (AdbSession s = AdbSession.open(profile(), "MALFORMED1", 5, 30)) {
      assertThatThrownBy(() -> s.time(model)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cannot parse onnxruntime_perf_test output")
          .hasMessageNotContaining("\n");
    }
    assertThat(remoteDirLeft()).isFalse();
  }

  @Test
  void parsesTheOlderAverageLineAndSecondsPercentiles() {
    PerfTestOutput o = PerfTestOutput.parse(String.join("\n", List.of(
        "using CPUExecutionProvider", "Session creation time cost: 2.74716 s", "First inference time cost: 85 ms",
        "Total inference time cost: 6.22935 s", "Total inference requests: 100",
        "Average inference time cost: 62.2935 ms", "Total inference run time: 6.23146 s",
        "Number of inferences per second: 16.0476 ", "Min Latency: 0.0529422 s", "Max Latency: 0.0912857 s",
        "P50 Latency: 0.0603562 s", "P90 Latency: 0.0741593 s", "P95 Latency: 0.0837052 s")));
    assertThat(o.runs()).isEqualTo(100);
    assertThat(o.meanMs()).isEqualTo(62.2935);
    assertThat(o.p50Ms()).isCloseTo(60.3562, within(1e-9));
    assertThat(o.p90Ms()).isCloseTo(74.1593, within(1e-9));
    assertThat(o.partialFallback()).isFalse();
  }

  @Test
  void aJvmThatExitsMidSessionStillCleansThePhone() throws Exception {
    Path profileFile = dir.resolve("phone.json");
    Files.writeString(profileFile, TargetRegistry.toJson(profile()));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), AdbExitProbe.class.getName(), profileFile.toString(), "PHONE1")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isEqualTo(130);
    assertThat(out).contains("opened PHONE1");
    assertThat(log()).contains("rm -rf /data/local/tmp/nas4j");
    assertThat(remoteDirLeft()).isFalse();
  }

  @Test
  void maskOfCpuLists() {
    assertThat(AdbSession.mask(List.of(4, 5, 6, 7))).isEqualTo("f0");
    assertThat(AdbSession.mask(List.of(0))).isEqualTo("1");
  }
}
