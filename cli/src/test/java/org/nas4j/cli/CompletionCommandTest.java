package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir Path tmp;

  @Test
  void bashScriptCompletesSubcommandsAndOptions() throws Exception {
    CliHarness h = CliHarness.run("completion", "bash");
    assertThat(h.code).as(h.err()).isZero();
    Path script = tmp.resolve("nas.bash");
    Files.writeString(script, h.out());
    // Ask bash itself: load the script and complete "nas ta" and "nas search --ta".
    String said = bash(script, "COMP_WORDS=(nas ta); COMP_CWORD=1; COMP_LINE='nas ta'; COMP_POINT=6;"
        + " _complete_nas; echo \"${COMPREPLY[@]}\"; COMP_WORDS=(nas search --ta); COMP_CWORD=2;"
        + " COMP_LINE='nas search --ta'; COMP_POINT=15; _complete_nas; echo \"${COMPREPLY[@]}\"");
    assertThat(said).contains("tables").contains("targets").contains("--table").contains("--target");
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashcompinitItself() {
    CliHarness z = CliHarness.run("completion", "zsh");
    assertThat(z.code).isZero();
    assertThat(z.out()).isEqualTo(CliHarness.run("completion", "bash").out()).contains("bashcompinit");
  }

  @Test
  void unknownShellAndMissingShellAreInvalidInput() {
    CliHarness h = CliHarness.run("completion", "fish");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("fish").contains("bash, zsh");
    assertThat(CliHarness.run("completion").code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(CliHarness.run("completion", "--help").out()).contains("bash-completion");
  }

  private static String bash(Path script, String commands) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", "source \"$1\"; " + commands, "bash", script.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
