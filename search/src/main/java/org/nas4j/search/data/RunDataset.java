package org.nas4j.search.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nas4j.targets.error.InvalidArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset that continues a run: the data the run recorded, found again by its checksum. A run records its {@code
 * --dataset} text and the SHA-256 of the training set it read ({@link LabeledImages#sha256()} of {@link
 * Dataset#train()}, provenance key {@code datasetSha256}); the text alone is not enough, because {@code fashion-mnist}
 * is Debian's files on one machine and the embedded subset on another. {@link #resolve} reads each dataset the text
 * can stand for ({@link DatasetSpec#resolutions()}) and takes the one whose checksum matches; an explicit override is
 * used as given and comes back marked, for the caller to record. Stateless and thread-safe.
 */
public final class RunDataset {
  private static final Logger LOG = LoggerFactory.getLogger(RunDataset.class);

  /** What to do when the run's data is missing, for commands that take {@code --dataset} as an override. */
  public static final String OVERRIDE_HINT =
      "install that data, or pass --dataset DATASET to train on other data (recorded as datasetOverride)";

  private RunDataset() {}

  /** The image shape a search reads its dataset at ({@code channels, height, width}; folder datasets are resized). */
  public static int[] searchShape() {
    return new int[] {3, 32, 32};
  }

  /**
   * Data used instead of the run's, as outputs record it ({@code datasetOverride}).
   *
   * @param dataset the {@code --dataset} text given
   * @param sha256 its training set's checksum
   * @param runSha256 the checksum the run recorded (null for runs that recorded none)
   */
  public record DatasetOverride(String dataset, String sha256, String runSha256) {}

  /**
   * The dataset to use.
   *
   * @param data the data, read at the shape asked for
   * @param spec the concrete dataset it was read from (for {@code fashion-mnist}: Debian's folder or {@code
   *     fashion-mnist:embedded})
   * @param sha256 the checksum of {@code data}'s training set
   * @param override how it differs from the run's when it was given explicitly, else null
   */
  public record Resolved(Dataset data, DatasetSpec spec, String sha256, DatasetOverride override) {
    /** Whether the data was given explicitly instead of the run's. */
    public boolean isOverride() {
      return override != null;
    }

    /** The same data read at {@code shape} (only image folders are resized; other datasets come back unchanged). */
    public Dataset at(int[] shape) {
      return Arrays.equals(shape, data.imageShape()) || spec.kind() != DatasetSpec.Kind.FOLDER ? data
          : spec.load(shape);
    }
  }

  /**
   * The run's dataset, or the override.
   *
   * @param dataset the {@code --dataset} text the run recorded
   * @param sha256 the training-set checksum the run recorded; null (runs that recorded none) takes the text's first
   *     resolution unchecked, with a warning
   * @param override an explicit {@code --dataset}, or null
   * @param shape the shape to read at; the run's checksum is the one at the shape it read (see {@link #searchShape})
   * @param subject what continues, for the error message (for example "run runs/a")
   * @param remedy what the user can do when no data matches (for example {@link #OVERRIDE_HINT})
   * @throws InvalidArgumentException (one line) when no resolution of {@code dataset} has the recorded checksum
   * @throws InvalidDatasetException when the override cannot be read
   */
  public static Resolved resolve(String dataset, String sha256, String override, int[] shape, String subject,
      String remedy) {
    if (override != null) {
      DatasetSpec spec = DatasetSpec.parse(override);
      Dataset data = spec.load(shape);
      String sha = data.train().sha256();
      return new Resolved(data, spec, sha, new DatasetOverride(override, sha, sha256));
    }
    DatasetSpec recorded = DatasetSpec.parse(dataset);
    if (sha256 == null) {
      DatasetSpec first = recorded.resolutions().get(0);
      Dataset data = first.load(shape);
      LOG.warn("{} recorded no dataset checksum; using {} ({}) unchecked", subject, dataset, data.source());
      return new Resolved(data, first, data.train().sha256(), null);
    }
    List<String> tried = new ArrayList<>();
    for (DatasetSpec candidate : recorded.resolutions()) {
      Dataset data;
      try {
        data = candidate.load(shape);
      } catch (InvalidDatasetException e) {
        tried.add(candidate + ": " + e.getMessage());
        continue;
      }
      String sha = data.train().sha256();
      if (sha.equals(sha256)) {
        return new Resolved(data, candidate, sha, null);
      }
      tried.add(candidate + " has " + sha.substring(0, 12) + "...");
    }
    throw new InvalidArgumentException(subject + " was searched on " + dataset + " with training-set sha256 " + sha256
        + ", which no data here has (" + String.join("; ", tried) + "); " + remedy);
  }
}
