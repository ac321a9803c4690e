package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FinalTrainingProgressTest {
  @Test
  void theStageSaysWhatItTrainsAndAllMembersShareOneBar() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, false), err, false);
    p.stage(3, 10_000, "fitted: 10,000 images each fill 300 s of training on 2 core(s)");
    // Two workers: two members train at once, interleaved, then the third.
    p.member(0, 3, "aaaaaaaaaaaa", 10_000);
    p.member(1, 3, "bbbbbbbbbbbb", 10_000);
    for (long done = 1_000; done <= 10_000; done += 1_000) {
      p.images(0, done, 10_000);
      p.images(1, done, 10_000);
    }
    p.member(2, 3, "cccccccccccc", 10_000);
    for (long done = 1_000; done <= 10_000; done += 1_000) {
      p.images(2, done, 10_000);
    }
    err.flush();
    String out = text.toString();
    assertThat(out).contains("nas: final stage: 3 front members, 10,000 images each (fitted: 10,000 images each")
        .contains("nas: final training of member 1/3 (aaaaaaaaaaaa, 10,000 images)")
        .contains("nas: final training of member 2/3 (bbbbbbbbbbbb, 10,000 images)")
        .contains("nas: final training of member 3/3 (cccccccccccc, 10,000 images)")
        .contains("final training 100% 30,000/30,000 img (3 members)");
  }

  @Test
  void shortTrainingsOnlyGetTheirHeader() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    FinalTrainingProgress p = new FinalTrainingProgress(new ProgressRenderer(err, false, false), err, false);
    p.member(0, 1, "dddddddddddd", 1_000);
    for (long done = 100; done <= 1_000; done += 100) {
      p.images(0, done, 1_000);
    }
    assertThat(text.toString()).contains("member 1/1 (dddddddddddd, 1,000 images)");
    assertThat(text.toString().lines().filter(l -> l.contains("/1,000 img"))).isEmpty();
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
