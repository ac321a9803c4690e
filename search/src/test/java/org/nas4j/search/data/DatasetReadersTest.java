package org.nas4j.search.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReadersTest {
  @TempDir Path dir;

  @Test
  void fashionMnistEmbeddedAlwaysNamesTheSubsetInTheJar() {
    Dataset d = DatasetSpec.parse("fashion-mnist:embedded").load(new int[] {1, 28, 28});
    assertThat(d.train().count()).isEqualTo(10_000);
    assertThat(d.test().count()).isEqualTo(2_000);
    assertThat(d.train().sha256()).isEqualTo(DatasetSpec.embeddedFashionMnist().train().sha256());
    assertThat(DatasetSpec.parse("fashion-mnist:embedded").toString()).isEqualTo("fashion-mnist:embedded");
  }

  @Test
  void embeddedFashionMnistIsARealBalancedSubset() {
    Dataset d = DatasetSpec.embeddedFashionMnist();
    assertThat(d.train().count()).isEqualTo(10_000);
    assertThat(d.test().count()).isEqualTo(2_000);
    assertThat(d.imageShape()).containsExactly(1, 28, 28);
    int[] perClass = new int[10];
    for (int i = 0; i < d.train().count(); i++) {
      perClass[d.train().label(i)]++;
    }
    assertThat(perClass).containsOnly(1000);
    // Real photographs of clothes: most pixels are background, the mean intensity is about 73/255.
    double mean = 0;
    for (int i = 0; i < 100; i++) {
      for (int j = 0; j < 784; j++) {
        mean += d.train().pixel(i, j);
      }
    }
    assertThat(mean / (100 * 784)).isBetween(55.0, 95.0);
  }

  @Test
  void debianFashionMnistIsReadWhenInstalledAndIsTheDefault() {
    // .ci/run installs dataset-fashion-mnist; the default then reads the full 60,000/10,000 images.
    assertThat(DatasetSpec.DEBIAN_FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"))
        .as("install the Debian package dataset-fashion-mnist").exists();
    Dataset d = DatasetSpec.parse("fashion-mnist").load(null);
    assertThat(d.train().count()).isEqualTo(60_000);
    assertThat(d.test().count()).isEqualTo(10_000);
    assertThat(d.source()).contains("/usr/share/datasets/fashion-mnist");
    // The embedded subset is made of the same images: its first training image occurs in the full set.
    LabeledImages embedded = DatasetSpec.embeddedFashionMnist().train();
    assertThat(contains(d.train(), embedded, 0)).isTrue();
  }

  private static boolean contains(LabeledImages all, LabeledImages part, int index) {
    outer:
    for (int i = 0; i < all.count(); i++) {
      for (int j = 0; j < 784; j++) {
        if (all.pixel(i, j) != part.pixel(index, j)) {
          continue outer;
        }
      }
      return all.label(i) == part.label(index);
    }
    return false;
  }

  @Test
  void splitIsDeterministicAndDisjoint() {
    Dataset d = DatasetSpec.embeddedFashionMnist();
    Dataset.Split a = d.split(2000, 7);
    Dataset.Split b = d.split(2000, 7);
    Dataset.Split c = d.split(2000, 8);
    assertThat(a.train().count()).isEqualTo(8000);
    assertThat(a.validation().count()).isEqualTo(2000);
    assertThat(a.validation().sha256()).isEqualTo(b.validation().sha256()).isNotEqualTo(c.validation().sha256());
    assertThat(a.train().sha256()).isNotEqualTo(a.validation().sha256());
  }

  @Test
  void plainAndGzippedIdxReadTheSame() throws IOException {
    writeIdx(dir, "mnist", 5, 0x803, 0x801, 5, false);
    Dataset plain = DatasetSpec.parse("mnist:" + dir.resolve("mnist")).load(null);
    Path gz = dir.resolve("gz");
    writeIdx(dir, "gz", 5, 0x803, 0x801, 5, true);
    Dataset zipped = DatasetSpec.parse("mnist:" + gz).load(null);
    assertThat(plain.train().sha256()).isEqualTo(zipped.train().sha256());
    assertThat(plain.train().count()).isEqualTo(5);
  }

  @Test
  void malformedIdxFilesNameTheFile() throws IOException {
    writeIdx(dir, "magic", 5, 0x1234, 0x801, 5, false);
    assertThatThrownBy(() -> DatasetSpec.parse("mnist:" + dir.resolve("magic")).load(null))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("magic number 0x1234");
    writeIdx(dir, "count", 5, 0x803, 0x801, 4, false);
    assertThatThrownBy(() -> DatasetSpec.parse("mnist:" + dir.resolve("count")).load(null))
        .hasMessageContaining("train-labels-idx1-ubyte").hasMessageContaining("4 labels but");
    writeIdx(dir, "trunc", 50, 0x803, 0x801, 50, false);
    Path images = dir.resolve("trunc/train-images-idx3-ubyte");
    byte[] all = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(all, all.length - 100));
    assertThatThrownBy(() -> DatasetSpec.parse("mnist:" + dir.resolve("trunc")).load(null))
        .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("truncated");
    assertThatThrownBy(() -> DatasetSpec.parse("mnist:" + dir.resolve("absent")).load(null))
        .hasMessageContaining("dataset folder not found");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> DatasetSpec.parse("mnist:" + dir.resolve("empty")).load(null))
        .hasMessageContaining("dataset file not found").hasMessageContaining("train-images-idx3-ubyte");
  }

  @Test
  void corruptGzipIsInvalidInput() throws IOException {
    writeIdx(dir, "bad", 5, 0x803, 0x801, 5, true);
    Path images = dir.resolve("bad/train-images-idx3-ubyte.gz");
    byte[] all = Files.readAllBytes(images);
    for (int i = 12; i < all.length - 8; i++) {
      all[i] ^= 0x5a;
    }
    Files.write(images, all);
    assertThatThrownBy(() -> DatasetSpec.parse("mnist:" + dir.resolve("bad")).load(null))
        .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("train-images-idx3-ubyte.gz");
  }

  @Test
  void cifar10BatchesAreReadAndCheckedForSize() throws IOException {
    Path c = Files.createDirectories(dir.resolve("cifar"));
    for (String name : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
        "data_batch_5", "test_batch"}) {
      byte[] b = new byte[3 * 3073];
      for (int r = 0; r < 3; r++) {
        b[r * 3073] = (byte) (r + 2);
        b[r * 3073 + 1] = (byte) 200; // first red pixel
        b[r * 3073 + 1 + 1024] = (byte) 100; // first green pixel
      }
      Files.write(c.resolve(name + ".bin"), b);
    }
    Dataset d = DatasetSpec.parse("cifar10:" + c).load(null);
    assertThat(d.train().count()).isEqualTo(15);
    assertThat(d.imageShape()).containsExactly(3, 32, 32);
    assertThat(d.train().label(1)).isEqualTo(3);
    assertThat(d.train().pixel(0, 0)).isEqualTo(200);
    assertThat(d.train().pixel(0, 1024)).isEqualTo(100);

    Files.write(c.resolve("test_batch.bin"), new byte[3073 * 2 - 1]);
    assertThatThrownBy(() -> DatasetSpec.parse("cifar10:" + c).load(null))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("test_batch.bin").hasMessageContaining("not a multiple");
    byte[] bad = new byte[3073];
    bad[0] = 42;
    Files.write(c.resolve("test_batch.bin"), bad);
    assertThatThrownBy(() -> DatasetSpec.parse("cifar10:" + c).load(null))
        .hasMessageContaining("label 42");
  }

  @Test
  void imageFolderIsResizedAndLabelledBySortedClassNames() throws IOException {
    Path root = dir.resolve("pets");
    for (String split : new String[] {"train", "test"}) {
      png(root.resolve(split + "/cat/a.png"), 0xff0000, 40, 30);
      png(root.resolve(split + "/dog/b.png"), 0x0000ff, 10, 10);
      png(root.resolve(split + "/dog/c.jpg"), 0x00ff00, 64, 64);
    }
    Dataset d = DatasetSpec.parse("folder:" + root).load(new int[] {3, 16, 16});
    assertThat(d.train().count()).isEqualTo(3);
    assertThat(d.classes()).isEqualTo(2);
    assertThat(d.imageShape()).containsExactly(3, 16, 16);
    assertThat(d.train().label(0)).isZero();
    assertThat(d.train().pixel(0, 0)).isEqualTo(255); // red plane of the red cat
    assertThat(d.train().pixel(1, 2 * 256)).isEqualTo(255); // blue plane of the blue dog
    Dataset grey = DatasetSpec.parse("folder:" + root).load(new int[] {1, 8, 8});
    assertThat(grey.train().pixel(0, 0)).isEqualTo(76); // 0.299 * 255
  }

  @Test
  void badImageFoldersNameTheProblem() throws IOException {
    Path root = dir.resolve("bad");
    png(root.resolve("train/cat/a.png"), 0xff0000, 8, 8);
    Files.createDirectories(root.resolve("train/dog"));
    png(root.resolve("test/cat/a.png"), 0xff0000, 8, 8);
    png(root.resolve("test/dog/a.png"), 0xff0000, 8, 8);
    assertThatThrownBy(() -> DatasetSpec.parse("folder:" + root).load(new int[] {3, 8, 8}))
        .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("train/dog").hasMessageContaining("no PNG");
    Files.writeString(root.resolve("train/dog/broken.png"), "not an image");
    assertThatThrownBy(() -> DatasetSpec.parse("folder:" + root).load(new int[] {3, 8, 8}))
        .hasMessageContaining("broken.png");
  }

  @Test
  void datasetSyntaxErrorsAreInvalidInput() {
    assertThatThrownBy(() -> DatasetSpec.parse("imagenet")).isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("unknown --dataset 'imagenet'");
    assertThatThrownBy(() -> DatasetSpec.parse("cifar10")).hasMessageContaining("needs a folder");
    assertThat(DatasetSpec.parse("cifar10:/data/c").toString()).isEqualTo("cifar10:/data/c");
  }

  private static void png(Path file, int rgb, int w, int h) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rgb);
      }
    }
    String format = file.toString().endsWith(".jpg") ? "jpg" : "png";
    ImageIO.write(img, format, file.toFile());
  }

  /** Writes train and t10k IDX pairs with {@code n} images (pixel value = image index) and {@code m} labels. */
  private static void writeIdx(Path dir, String name, int n, int imageMagic, int labelMagic, int m, boolean gzip)
      throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    for (String prefix : new String[] {"train", "t10k"}) {
      ByteBuffer im = ByteBuffer.allocate(16 + n * 4);
      im.putInt(imageMagic).putInt(n).putInt(2).putInt(2);
      for (int i = 0; i < n * 4; i++) {
        im.put((byte) (i / 4));
      }
      ByteBuffer lb = ByteBuffer.allocate(8 + m);
      lb.putInt(labelMagic).putInt(m);
      for (int i = 0; i < m; i++) {
        lb.put((byte) (i % 10));
      }
      write(d.resolve(prefix + "-images-idx3-ubyte" + (gzip ? ".gz" : "")), im.array(), gzip);
      write(d.resolve(prefix + "-labels-idx1-ubyte" + (gzip ? ".gz" : "")), lb.array(), gzip);
    }
  }

  private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) {
      Files.write(file, bytes);
      return;
    }
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bos)) {
      z.write(bytes);
    }
    Files.write(file, bos.toByteArray());
  }
}
