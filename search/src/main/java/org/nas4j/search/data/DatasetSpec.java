package org.nas4j.search.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nas4j.search.dl4j.Dl4jRuntime;

/**
 * What {@code --dataset} names: {@code fashion-mnist}, {@code fashion-mnist:embedded}, {@code mnist:DIR}, {@code
 * fashion-mnist:DIR}, {@code cifar10:DIR} or {@code folder:DIR}. {@code fashion-mnist} is Debian's files when they
 * are installed, else the subset embedded in the jar; {@code fashion-mnist:embedded} is always the embedded subset
 * (the same data on every machine; a folder named {@code embedded} is {@code fashion-mnist:./embedded}). Parsing
 * checks only the syntax; {@link #load} reads the files.
 *
 * @param kind the dataset kind
 * @param dir the folder for kinds that read one, or null for the default Fashion-MNIST
 */
public record DatasetSpec(Kind kind, Path dir) {

  /** Debian's dataset-fashion-mnist package puts the four files here. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private static final String EMBEDDED = "/org/nas4j/search/data/fashion-mnist/";

  /** The folder text of {@code fashion-mnist:embedded}. */
  private static final Path EMBEDDED_DIR = Path.of("embedded");

  /** Dataset kinds. */
  public enum Kind {
    FASHION_MNIST("fashion-mnist"),
    MNIST("mnist"),
    CIFAR10("cifar10"),
    FOLDER("folder");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** The default: Fashion-MNIST. */
  public static DatasetSpec fashionMnist() {
    return new DatasetSpec(Kind.FASHION_MNIST, null);
  }

  /** Parses {@code --dataset}; throws {@link InvalidDatasetException} naming the bad text. */
  public static DatasetSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidDatasetException("empty --dataset; expected fashion-mnist, mnist:DIR, cifar10:DIR or folder:DIR");
    }
    int colon = text.indexOf(':');
    String head = colon < 0 ? text : text.substring(0, colon);
    String rest = colon < 0 ? null : text.substring(colon + 1);
    for (Kind k : Kind.values()) {
      if (k.label.equals(head)) {
        if (rest == null && k != Kind.FASHION_MNIST) {
          throw new InvalidDatasetException("--dataset " + text + " needs a folder: " + k.label + ":DIR");
        }
        if (rest != null && rest.isBlank()) {
          throw new InvalidDatasetException("--dataset " + text + ": empty folder after '" + head + ":'");
        }
        return new DatasetSpec(k, rest == null ? null : Path.of(rest));
      }
    }
    throw new InvalidDatasetException("unknown --dataset '" + text
        + "'; expected fashion-mnist, fashion-mnist:embedded, fashion-mnist:DIR, mnist:DIR, cifar10:DIR or folder:DIR");
  }

  /** Text form accepted by {@link #parse}. */
  @Override
  public String toString() {
    return dir == null ? kind.label : kind.label + ":" + dir;
  }

  /**
   * The concrete datasets this text can stand for, in the order {@link #load} prefers them: for {@code
   * fashion-mnist}, Debian's files (when installed here) and the embedded subset; for every other text, itself. A
   * continued run picks the one whose checksum it recorded ({@link RunDataset}).
   */
  public List<DatasetSpec> resolutions() {
    if (kind != Kind.FASHION_MNIST || dir != null) {
      return List.of(this);
    }
    List<DatasetSpec> all = new ArrayList<>();
    if (Files.isRegularFile(DEBIAN_FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"))) {
      all.add(new DatasetSpec(Kind.FASHION_MNIST, DEBIAN_FASHION_MNIST));
    }
    all.add(new DatasetSpec(Kind.FASHION_MNIST, EMBEDDED_DIR));
    return List.copyOf(all);
  }

  /**
   * Reads the dataset. {@code folderShape} ({@code channels, height, width}) is the size image folders are resized
   * to; IDX and CIFAR-10 files keep their own size. Starts DL4J ({@link Dl4jRuntime#init()}) first.
   */
  public Dataset load(int[] folderShape) {
    Dl4jRuntime.init();
    switch (kind) {
      case FASHION_MNIST:
        if (EMBEDDED_DIR.equals(dir)) {
          return embeddedFashionMnist();
        }
        if (dir != null) {
          return readIdxDir("fashion-mnist", dir);
        }
        if (Files.isRegularFile(DEBIAN_FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"))) {
          return readIdxDir("fashion-mnist", DEBIAN_FASHION_MNIST);
        }
        return embeddedFashionMnist();
      case MNIST:
        return readIdxDir("mnist", dir);
      case CIFAR10:
        requireDir(dir);
        return new Dataset("cifar10", dir.toString(), Cifar10Files.readTrain(dir), Cifar10Files.readTest(dir));
      case FOLDER:
        return readFolder(dir, folderShape);
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** The real Fashion-MNIST subset shipped in the jar: 10,000 training and 2,000 test images. */
  public static Dataset embeddedFashionMnist() {
    List<LabeledImages> shards = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      shards.add(embedded("train-" + i));
    }
    return new Dataset("fashion-mnist", "embedded subset (10,000 train / 2,000 test)",
        LabeledImages.concat("fashion-mnist-train", shards), embedded("test-0"));
  }

  private static LabeledImages embedded(String part) {
    String images = EMBEDDED + part + "-images-idx3-ubyte.gz";
    String labels = EMBEDDED + part + "-labels-idx1-ubyte.gz";
    try (InputStream im = DatasetSpec.class.getResourceAsStream(images);
        InputStream lb = DatasetSpec.class.getResourceAsStream(labels)) {
      if (im == null || lb == null) {
        throw new IllegalStateException("embedded Fashion-MNIST resource missing: " + images);
      }
      return IdxFiles.read(im, images, lb, labels, "fashion-mnist-" + part);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read embedded Fashion-MNIST " + images, e);
    }
  }

  private static Dataset readIdxDir(String name, Path dir) {
    requireDir(dir);
    return new Dataset(name, dir.toString(),
        IdxFiles.read(idx(dir, "train-images-idx3-ubyte"), idx(dir, "train-labels-idx1-ubyte"), name + "-train"),
        IdxFiles.read(idx(dir, "t10k-images-idx3-ubyte"), idx(dir, "t10k-labels-idx1-ubyte"), name + "-test"));
  }

  /** {@code base} or {@code base.gz}, whichever exists (the plain name when neither does, for the error). */
  private static Path idx(Path dir, String base) {
    Path gz = dir.resolve(base + ".gz");
    return Files.exists(gz) ? gz : dir.resolve(base);
  }

  private static Dataset readFolder(Path dir, int[] shape) {
    requireDir(dir);
    Path train = dir.resolve("train");
    Path test = dir.resolve("test");
    if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
      throw new InvalidDatasetException("image folder " + dir
          + " must hold train/ and test/, each with one subfolder per class");
    }
    List<String> trainClasses = ImageFolder.classNames(train);
    List<String> testClasses = ImageFolder.classNames(test);
    if (!trainClasses.equals(testClasses)) {
      throw new InvalidDatasetException(dir + ": train/ and test/ have different class folders: " + trainClasses
          + " vs " + testClasses);
    }
    return new Dataset(dir.getFileName().toString(), dir.toString(),
        ImageFolder.read(train, shape[0], shape[1], shape[2]), ImageFolder.read(test, shape[0], shape[1], shape[2]));
  }

  private static void requireDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidDatasetException("dataset folder not found: " + dir);
    }
  }
}
