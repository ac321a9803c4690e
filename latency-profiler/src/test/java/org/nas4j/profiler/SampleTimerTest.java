package org.nas4j.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleTimerTest {
  /** A clock that only moves when the fake work advances it. */
  static final class FakeTicker implements Ticker {
    long now;

    @Override
    public long nanos() {
      return now;
    }
  }

  @Test
  void timesEachRunAndExcludesWarmup() throws Exception {
    FakeTicker clock = new FakeTicker();
    long[] durations = {9_000_000, 9_000_000, 1_000_000, 2_000_000, 3_000_000};
    int[] call = {0};
    double[] samples = new SampleTimer(clock).time(() -> clock.now += durations[call[0]++], 2, 3, 0, 3);
    assertThat(samples).containsExactly(1.0, 2.0, 3.0);
    assertThat(call[0]).isEqualTo(5);
  }

  @Test
  void keepsRunningUntilTheMinimumTimeIsReached() throws Exception {
    FakeTicker clock = new FakeTicker();
    double[] samples = new SampleTimer(clock).time(() -> clock.now += 2_000_000, 0, 3, 50_000_000, 1000);
    // 3 runs would be 6 ms; 25 runs of 2 ms reach 50 ms
    assertThat(samples).hasSize(25).containsOnly(2.0);
  }

  @Test
  void stopsAtMaxRunsEvenIfTheTimeIsNotReached() throws Exception {
    FakeTicker clock = new FakeTicker();
    double[] samples = new SampleTimer(clock).time(() -> clock.now += 1_000, 0, 1, 1_000_000_000L, 2000);
    assertThat(samples).hasSize(2000);
  }

  @Test
  void rejectsBadArguments() {
    SampleTimer timer = new SampleTimer(new FakeTicker());
    assertThatThrownBy(() -> timer.time(() -> { }, -1, 1, 0, 1)).hasMessageContaining("warmupRuns");
    assertThatThrownBy(() -> timer.time(() -> { }, 0, 0, 0, 1)).hasMessageContaining("minRuns");
    assertThatThrownBy(() -> timer.time(() -> { }, 0, 5, 0, 4)).hasMessageContaining("maxRuns");
  }

  @Test
  void settingsSplitRunsOverSessionsAndValidate() {
    MeasureSettings s = new MeasureSettings(1, 10, 300, 0, 7, null, null, 1);
    assertThat(s.runsPerSession()).isEqualTo(43);
    assertThat(s.spinning()).isFalse();
    assertThat(s.withSessions(1).runsPerSession()).isEqualTo(300);
    assertThat(new MeasureSettings(2, 0, 1, 0, 1, null, null, 1).spinning()).isTrue();
    assertThatThrownBy(() -> new MeasureSettings(0, 1, 1, 0, 1, null, null, 1)).hasMessageContaining("threads");
    assertThatThrownBy(() -> new MeasureSettings(1, 1, 3, 0, 4, null, null, 1)).hasMessageContaining("sessions");
    assertThatThrownBy(() -> new MeasureSettings(1, 1, 3, 0, 1, null,
        java.util.Map.of("x", java.util.List.of(1L, 0L)), 1)).hasMessageContaining("x");
  }
}
