package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path tmp;

  @Test
  void writesTheReportOfARunAndPrintsItsPath() throws Exception {
    Path run = tmp.resolve("run");
    assertThat(CliHarness.run("-q", "search", "--table", "nb201", "--accuracy-column", "cifar10_test_acc",
        "--latency-column", "hw_c10_pixel3_latency_ms", "--evaluations", "40", "--seed", "1", "--out",
        run.toString()).code).isZero();
    Files.delete(run.resolve("report.html"));
    CliHarness h = CliHarness.run("report", run.toString());
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out().strip()).isEqualTo(run.resolve("report.html").toString());
    assertThat(Files.readString(run.resolve("report.html"))).startsWith("<!DOCTYPE html>").contains("</html>");
  }

  @Test
  void aDirectoryThatIsNotARunIsOneLineExitTwo() {
    CliHarness h = CliHarness.run("report", tmp.toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).isEqualTo("nas: " + tmp + " is not a run directory (no run.json)" + System.lineSeparator());
    assertThat(tmp.resolve("report.html")).doesNotExist();
  }

  @Test
  void aMissingDirectoryAndAMissingArgumentAreInvalidInput() {
    CliHarness h = CliHarness.run("report", tmp.resolve("nope").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("no such directory");
    assertThat(CliHarness.run("report").code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(CliHarness.run("report", "--help").out()).contains("report.html");
  }

  @Test
  void anInvalidRunJsonIsInvalidInput() throws Exception {
    Files.writeString(tmp.resolve("run.json"), "{not json");
    CliHarness h = CliHarness.run("report", tmp.toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err().lines().count()).isEqualTo(1);
  }
}
