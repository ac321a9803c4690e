package org.nas4j.search.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.strategy.Evaluation;

/**
 * The final stage's plan, {@code final/plan.json}: which members train, in which order, and the one budget they all
 * get. Written before the first member trains so that a resumed run, and {@code nas train DIR --member ID} later,
 * train with exactly the same recipe.
 *
 * @param schema {@value #SCHEMA}
 * @param members the members in training order (slowest first, so that the cores finish together)
 * @param epochs epochs over {@code imagesPerEpoch} images
 * @param imagesPerEpoch training images per epoch (0 = the whole training split)
 * @param batchSize minibatch size
 * @param learningRate initial SGD learning rate (cosine-annealed over the budget)
 * @param weightDecay weight decay
 * @param seed the run's seed (minibatch order)
 * @param basis where the budget comes from, in words
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FinalPlan(String schema, List<Member> members, int epochs, int imagesPerEpoch, int batchSize,
    double learningRate, double weightDecay, long seed, String basis) {
  /** Schema id. */
  public static final String SCHEMA = "nas.final-plan/v1";
  /** The plan's path in a run directory. */
  public static final String FILE = "final/plan.json";
  /** Budgets are whole thousands of images. */
  static final int STEP = 1000;
  /** The fitted budget never exceeds this many passes over the training split. */
  static final int MAX_EPOCHS = 8;

  /**
   * A member of the plan.
   *
   * @param archId its architecture id
   * @param reason why it was chosen ({@link FinalSelection.Reason})
   * @param secondsPerImage its training time per image, measured on a short pilot run on this machine (the budget's
   *     basis; NaN for a given budget)
   * @param fixedSeconds the rest of its final stage: validation, test and export, estimated from its measured
   *     inference time per image
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(String archId, String reason, double secondsPerImage, double fixedSeconds) {}

  /** Seconds a member's export and ONNX verification take beyond inference, a measured round figure. */
  static final double EXPORT_SECONDS = 5;

  /** Total training images of one member ({@code imagesPerEpoch} x epochs; 0 = whole split per epoch). */
  public long totalImages() {
    return (long) epochs * imagesPerEpoch;
  }

  /** The training budget of every member, on a training split of {@code available} images. */
  public TrainingBudget budget(int available) {
    return new TrainingBudget(epochs, imagesPerEpoch == 0 ? 0 : Math.min(imagesPerEpoch, available), batchSize,
        Optimizer.SGD, learningRate, 0.9, weightDecay, seed, Duration.ZERO);
  }

  /** Reads a plan. */
  public static FinalPlan read(Path file) throws IOException {
    FinalPlan p = RunFiles.JSON.readValue(file.toFile(), FinalPlan.class);
    if (!SCHEMA.equals(p.schema()) || p.members() == null || p.epochs() < 1 || p.batchSize() < 1) {
      throw new IOException(file + " is not a final-stage plan (" + SCHEMA + ")");
    }
    return p;
  }

  /**
   * The plan for the chosen members.
   *
   * @param chosen members and the reason each was chosen, in choice order
   * @param speed per member, its measured training and inference seconds per image ({@code [train, inference]});
   *     only called when the budget is fitted
   * @param o the run's training options
   * @param available training images in the split
   * @param evalImages images each member is evaluated on after training (validation + test)
   * @param jobs members trained at once
   * @param trainSeconds the stage's time for all members (infinite: no limit)
   * @param seed the run's seed
   */
  public static FinalPlan of(Map<Evaluation, FinalSelection.Reason> chosen,
      java.util.function.Function<Evaluation, double[]> speed, TrainingOptions o, int available, int evalImages,
      int jobs, double trainSeconds, long seed) {
    boolean fit = o.finalTrainImages() == null;
    List<Member> order = new ArrayList<>();
    for (Map.Entry<Evaluation, FinalSelection.Reason> c : chosen.entrySet()) {
      double[] s = fit ? speed.apply(c.getKey()) : new double[] {Double.NaN, Double.NaN};
      order.add(new Member(c.getKey().archId(), c.getValue().toString(), s[0],
          fit ? EXPORT_SECONDS + evalImages * s[1] : Double.NaN));
    }
    if (fit) {
      order.sort(Comparator.comparingDouble(Member::secondsPerImage).reversed()); // stable: choice order on ties
    }
    int epochs;
    int images;
    String basis;
    if (!fit) {
      int[] e = epochsOver(o.finalEpochs(), o.finalTrainImages(), available);
      epochs = e[0];
      images = e[1];
      basis = String.format(Locale.ROOT, "given: %d epoch(s) of %s images", o.finalEpochs(),
          o.finalTrainImages() == 0 ? "all" : String.format(Locale.ROOT, "%,d", o.finalTrainImages()));
    } else {
      int total = fitImages(order, jobs, trainSeconds, MAX_EPOCHS * available);
      int[] e = epochsOver(1, total, available);
      epochs = e[0];
      images = e[1];
      basis = String.format(Locale.ROOT, "fitted: %,d images each fill %.0f s on %d core(s) at the members' "
          + "speed measured here", total, trainSeconds, jobs);
    }
    return new FinalPlan(SCHEMA, order, epochs, images, o.finalBatchSize(), o.learningRate(), o.weightDecay(), seed,
        basis);
  }

  /**
   * Images per member such that the members, in {@code members}' order (slowest first) each on the core that frees
   * first, finish within {@code seconds}: a member takes images x {@link Member#secondsPerImage} + {@link
   * Member#fixedSeconds}. Whole thousands, at least {@value #STEP}, at most {@code cap}.
   */
  static int fitImages(List<Member> members, int jobs, double seconds, int cap) {
    if (!Double.isFinite(seconds)) {
      return Math.max(STEP, cap / STEP * STEP);
    }
    int n = Math.max(1, jobs);
    double[] perImage = new double[n];
    double[] fixed = new double[n];
    double[] guess = new double[n]; // load at a typical budget, to place members as the real run would
    for (Member m : members) {
      int min = 0;
      for (int j = 1; j < n; j++) {
        if (guess[j] < guess[min]) {
          min = j;
        }
      }
      perImage[min] += m.secondsPerImage();
      fixed[min] += m.fixedSeconds();
      guess[min] += m.secondsPerImage() * 10_000 + m.fixedSeconds();
    }
    double images = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (perImage[j] > 0) {
        images = Math.min(images, (seconds - fixed[j]) / perImage[j] * (1 + 1e-9)); // 100 / 0.01 is 10,000
      }
    }
    long whole = Double.isInfinite(images) ? cap : (long) Math.max(0, images) / STEP * STEP;
    return (int) Math.max(STEP, Math.min(cap / STEP * STEP, whole));
  }

  /**
   * {@code epochs} epochs of {@code images} images on a split of {@code available}: a request for more images than
   * the split holds becomes more epochs over all of it; 0 images = the whole split. Returns {epochs, images}.
   */
  static int[] epochsOver(int epochs, int images, int available) {
    int e = epochs;
    int n = images;
    if (n > available) {
      e = epochs * (int) Math.ceil(n / (double) available);
      n = (int) Math.ceil((long) epochs * images / (double) e);
    }
    return new int[] {e, n};
  }
}
