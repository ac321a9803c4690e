package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FinalTrainingProgressTest {
  @Test
  void aLongFinalTrainingGetsProgressLinesAShortOneOnlyItsHeader() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, false), err, false);
    p.member(0, 2, "aaaaaaaaaaaa");
    for (long done = 1_000; done <= 10_000; done += 1_000) {
      p.images(done, 10_000);
    }
    p.member(1, 2, "bbbbbbbbbbbb");
    for (long done = 100; done <= 1_000; done += 100) {
      p.images(done, 1_000);
    }
    err.flush();
    String out = text.toString();
    assertThat(out).contains("nas: final training of front member 1/2 (aaaaaaaaaaaa)")
        .contains("nas: final training of front member 2/2 (bbbbbbbbbbbb)")
        .contains("aaaaaaaaaaaa 100% 10,000/10,000 img");
    assertThat(out.lines().filter(l -> l.contains("aaaaaaaaaaaa") && l.contains(" img"))).hasSize(10);
    assertThat(out.lines().filter(l -> l.contains("bbbbbbbbbbbb") && l.contains(" img"))).isEmpty();
  }

  @Test
  void quietPrintsNothing() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, true), err, true);
    p.member(0, 1, "aaaaaaaaaaaa");
    p.images(10_000, 10_000);
    assertThat(text.toString()).isEmpty();
  }
}
