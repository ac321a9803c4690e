package org.nas4j.search.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.testing.IdxFolders;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * {@link RunDataset} on real files: the embedded Fashion-MNIST subset, Debian's files where they are installed
 * ({@code .ci/run} installs them), and small IDX folders cut from the embedded images.
 */
class RunDatasetTest {
  private static final int[] SHAPE = RunDataset.searchShape();
  @TempDir static Path tmp;
  private static String embeddedSha;
  private static Path small;

  @BeforeAll
  static void data() throws IOException {
    Dataset embedded = DatasetSpec.embeddedFashionMnist();
    embeddedSha = embedded.train().sha256();
    small = tmp.resolve("small");
    IdxFolders.write(small, embedded, 300, 100);
  }

  @Test
  void theRecordedChecksumPicksTheEmbeddedSubsetEvenWhereDebiansFilesAreInstalled() {
    boolean debian = Files.isRegularFile(DatasetSpec.DEBIAN_FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"));
    var resolutions = DatasetSpec.parse("fashion-mnist").resolutions();
    assertThat(resolutions).hasSize(debian ? 2 : 1);
    assertThat(resolutions.get(resolutions.size() - 1)).hasToString("fashion-mnist:embedded");
    if (debian) {
      // What `fashion-mnist` reads today is the other data: the checksum is what tells them apart.
      assertThat(DatasetSpec.parse("fashion-mnist").load(SHAPE).train().sha256()).isNotEqualTo(embeddedSha);
    }

    RunDataset.Resolved r = RunDataset.resolve("fashion-mnist", embeddedSha, null, SHAPE, "run r", "fix it");
    assertThat(r.data().source()).startsWith("embedded subset");
    assertThat(r.data().train().count()).isEqualTo(10_000);
    assertThat(r.sha256()).isEqualTo(embeddedSha);
    assertThat(r.spec()).hasToString("fashion-mnist:embedded");
    assertThat(r.isOverride()).isFalse();
  }

  @Test
  void aChecksumNoDataMatchesIsOneLineNamingDatasetChecksumAndRemedy() throws IOException {
    Path other = tmp.resolve("other");
    Dataset embedded = DatasetSpec.embeddedFashionMnist();
    IdxFolders.write(other, "train", embedded.train(), 300, 300); // the same size and shape, other images
    IdxFolders.write(other, "t10k", embedded.test(), 0, 100);
    String smallSha = DatasetSpec.parse("fashion-mnist:" + small).load(SHAPE).train().sha256();
    String otherSha = DatasetSpec.parse("fashion-mnist:" + other).load(SHAPE).train().sha256();
    assertThat(otherSha).isNotEqualTo(smallSha);

    assertThatThrownBy(() -> RunDataset.resolve("fashion-mnist:" + other, smallSha, null, SHAPE, "run r",
        RunDataset.OVERRIDE_HINT))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageNotContaining("\n")
        .hasMessageContaining("run r was searched on fashion-mnist:" + other + " with training-set sha256 " + smallSha)
        .hasMessageContaining("fashion-mnist:" + other + " has " + otherSha.substring(0, 12))
        .hasMessageContaining("pass --dataset DATASET");
    assertThatThrownBy(() -> RunDataset.resolve("fashion-mnist", smallSha, null, SHAPE, "run r", "fix it"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("fashion-mnist:embedded has " + embeddedSha.substring(0, 12))
        .hasMessageEndingWith("; fix it");
    assertThatThrownBy(() -> RunDataset.resolve("mnist:" + tmp.resolve("gone"), smallSha, null, SHAPE, "run r",
        "fix it"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("dataset folder not found: " + tmp.resolve("gone"));
  }

  @Test
  void anExplicitOverrideIsUsedAsGivenAndMarked() {
    String text = "fashion-mnist:" + small;
    RunDataset.Resolved r = RunDataset.resolve("fashion-mnist", embeddedSha, text, SHAPE, "run r", "fix it");
    assertThat(r.data().train().count()).isEqualTo(300);
    assertThat(r.isOverride()).isTrue();
    assertThat(r.override()).isEqualTo(new RunDataset.DatasetOverride(text, r.data().train().sha256(), embeddedSha));
    assertThat(r.sha256()).isEqualTo(r.data().train().sha256()).isNotEqualTo(embeddedSha);
  }

  @Test
  void aRunThatRecordedNoChecksumTakesTheTextsFirstResolution() {
    RunDataset.Resolved r = RunDataset.resolve("fashion-mnist:" + small, null, null, SHAPE, "run r", "fix it");
    assertThat(r.data().train().count()).isEqualTo(300);
    assertThat(r.isOverride()).isFalse();
  }
}
