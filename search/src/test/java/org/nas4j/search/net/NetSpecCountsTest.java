package org.nas4j.search.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.InvalidSearchSpaceException;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.junit.jupiter.api.Test;

/**
 * Parameter and multiply-add counts of the DARTS networks against the DARTS reference implementation. The
 * expected integers were computed by running quark0/darts {@code cnn/model.py} (PyTorch 1.13) with
 * {@code search/src/test/python/darts_reference_counts.py}: trainable = sum of {@code parameters()} without the
 * auxiliary head; running = BN running mean + var elements; MACs = conv + linear multiply-adds from forward hooks.
 */
class NetSpecCountsTest {
  @Test
  void dartsV2CifarMatchesReferenceExactly() {
    assertDartsV2Counts(MacroConfig.dartsCifar(), 3_349_342L, 40_392L, 528_359_040L);
  }

  @Test
  void dartsV2ImageNetMatchesReferenceExactly() {
    assertDartsV2Counts(MacroConfig.dartsImageNet(), 4_718_752L, 36_336L, 529_911_552L);
  }

  /** DARTS_V2 with {@code macro} has these trainable parameters, BN running-stat elements and multiply-adds. */
  private static void assertDartsV2Counts(MacroConfig macro, long trainable, long running, long macs) {
    NetSpec spec = NetSpecs.darts(DartsGenotype.DARTS_V2, macro);
    assertThat(spec.trainableParams()).isEqualTo(trainable);
    assertThat(spec.allParams()).isEqualTo(trainable + running);
    assertThat(spec.macs()).isEqualTo(macs);
  }

  @Test
  void otherPublishedGenotypesMatchReference() {
    assertThat(NetSpecs.darts(DartsGenotype.DARTS_V1, MacroConfig.dartsCifar()).trainableParams())
        .isEqualTo(3_169_414L);
    assertThat(NetSpecs.darts(DartsGenotype.DARTS_V1, MacroConfig.dartsImageNet()).trainableParams())
        .isEqualTo(4_510_432L);
    NetSpec nasnet = NetSpecs.darts(DartsGenotype.NASNET, MacroConfig.dartsCifar());
    assertThat(nasnet.trainableParams()).isEqualTo(3_830_950L);
    assertThat(nasnet.macs()).isEqualTo(603_452_448L);
    NetSpec amoeba = NetSpecs.darts(DartsGenotype.AMOEBANET, MacroConfig.dartsImageNet());
    assertThat(amoeba.trainableParams()).isEqualTo(4_627_360L);
    assertThat(amoeba.macs()).isEqualTo(526_746_624L);
  }

  @Test
  void oddSizeAtFactorizedReduceIsInvalidInput() {
    MacroConfig m = new MacroConfig(8, 16, new InputShape(3, 30, 30), 10, Stem.CIFAR);
    assertThatThrownBy(() -> NetSpecs.darts(DartsGenotype.DARTS_V2, m))
        .isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("FactorizedReduce")
        .hasMessageContaining("15x15");
  }

  @Test
  void imageNetStemNeedsSizesDivisibleBy32() {
    MacroConfig m = new MacroConfig(14, 48, new InputShape(3, 112, 112), 1000, null);
    assertThat(m.stem()).isEqualTo(Stem.IMAGENET);
    assertThatThrownBy(() -> NetSpecs.darts(DartsGenotype.DARTS_V2, m))
        .isInstanceOf(InvalidSearchSpaceException.class)
        .hasMessageContaining("gets 7x7").hasMessageContaining("by 32 with the ImageNet stem");
    assertThat(NetSpecs.darts(DartsGenotype.DARTS_V2, new MacroConfig(14, 48, new InputShape(3, 128, 128), 1000,
        null)).output().out().channels()).isEqualTo(1000);
  }

  @Test
  void imageNetStemIsChosenFrom112Pixels() {
    assertThat(new MacroConfig(14, 48, new InputShape(3, 224, 224), 1000, null).stem()).isEqualTo(Stem.IMAGENET);
    assertThat(new MacroConfig(8, 16, new InputShape(1, 28, 28), 10, null).stem()).isEqualTo(Stem.CIFAR);
  }
}
