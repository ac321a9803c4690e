package org.nas4j.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class KendallTauTest {
  @Test
  void countsConcordantAndDiscordantPairs() {
    // 6 concordant, 4 discordant of 10 pairs (counted by hand)
    assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4, 5}, new double[] {3, 4, 1, 2, 5})).isCloseTo(0.2,
        offset(1e-12));
    assertThat(KendallTau.tauB(new double[] {1, 2, 3}, new double[] {30, 20, 10})).isCloseTo(-1, offset(1e-12));
  }

  @Test
  void tiesShrinkTheDenominator() {
    // 3 concordant, 1 discordant, one tie in each sample: 2 / sqrt(5 * 5)
    assertThat(KendallTau.tauB(new double[] {1, 2, 2, 4}, new double[] {1, 3, 2, 2})).isCloseTo(0.4,
        offset(1e-12));
    assertThat(KendallTau.tauB(new double[] {1, 1}, new double[] {1, 2})).isNaN();
    assertThatThrownBy(() -> KendallTau.tauB(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
