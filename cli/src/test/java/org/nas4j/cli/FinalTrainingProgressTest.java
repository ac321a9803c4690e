package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FinalTrainingProgressTest {
  @Test
  void longFinalTrainingsShareOneBarShortOnesOnlyGetTheirHeader() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, false), err, false);
    // Two workers: the two most accurate members train the large budget at once, interleaved.
    p.member(0, 3, "aaaaaaaaaaaa", 10_000);
    p.member(1, 3, "bbbbbbbbbbbb", 10_000);
    for (long done = 1_000; done <= 10_000; done += 1_000) {
      p.images(0, done, 10_000);
      p.images(1, done, 10_000);
    }
    p.member(2, 3, "cccccccccccc", 1_000);
    for (long done = 100; done <= 1_000; done += 100) {
      p.images(2, done, 1_000);
    }
    err.flush();
    String out = text.toString();
    assertThat(out).contains("nas: final training of front member 1/3 (aaaaaaaaaaaa, 10,000 images)")
        .contains("nas: final training of front member 2/3 (bbbbbbbbbbbb, 10,000 images)")
        .contains("nas: final training of front member 3/3 (cccccccccccc, 1,000 images)")
        .contains("final training 100% 20,000/20,000 img (2 members)");
    // Plain output: one line per tenth of the combined work, 0% included; nothing for the short member.
    assertThat(out.lines().filter(l -> l.contains(" img ("))).hasSize(11);
    assertThat(out.lines().filter(l -> l.contains("/1,000 img"))).isEmpty();
  }

  @Test
  void aMemberPastTheTimeLimitSaysSo() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, false), err, false);
    p.member(4, 5, "dddddddddddd", 0);
    assertThat(text.toString()).contains("front member 5/5 (dddddddddddd, no more training)");
  }

  @Test
  void quietPrintsNothing() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, true), err, true);
    p.member(0, 1, "aaaaaaaaaaaa", 10_000);
    p.images(0, 10_000, 10_000);
    assertThat(text.toString()).isEmpty();
  }
}
