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
   * @param secondsPerImage its measured proxy training time per image (the budget's basis)
   */
  public record Member(String archId, String reason, double secondsPerImage) {}

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
   * @param o the run's training options
   * @param available training images in the split
   * @param jobs members trained at once
   * @param trainSeconds time for training all of them (infinite: no limit)
   * @param seed the run's seed
   */
  public static FinalPlan of(Map<Evaluation, FinalSelection.Reason> chosen, TrainingOptions o, int available,
      int jobs, double trainSeconds, long seed) {
    int proxyImages = o.trainImages() == 0 ? available : Math.min(o.trainImages(), available);
    List<Member> members = new ArrayList<>();
    for (Map.Entry<Evaluation, FinalSelection.Reason> c : chosen.entrySet()) {
      Double ms = c.getKey().timingsMs().get("expensive");
      members.add(new Member(c.getKey().archId(), c.getValue().toString(),
          ms == null || !(ms > 0) ? Double.NaN : ms / 1000.0 / Math.max(1, proxyImages)));
    }
    double fallback = members.stream().mapToDouble(Member::secondsPerImage).filter(Double::isFinite).average()
        .orElse(0.01);
    List<Member> order = new ArrayList<>();
    for (Member m : members) {
      order.add(Double.isFinite(m.secondsPerImage()) ? m : new Member(m.archId(), m.reason(), fallback));
    }
    order.sort(Comparator.comparingDouble(Member::secondsPerImage).reversed()); // stable: choice order on ties
    int epochs;
    int images;
    String basis;
    if (o.finalTrainImages() != null) {
      int[] fit = epochsOver(o.finalEpochs(), o.finalTrainImages(), available);
      epochs = fit[0];
      images = fit[1];
      basis = String.format(Locale.ROOT, "given: %d epoch(s) of %s images", o.finalEpochs(),
          o.finalTrainImages() == 0 ? "all" : String.format(Locale.ROOT, "%,d", o.finalTrainImages()));
    } else {
      double[] perImage = order.stream().mapToDouble(Member::secondsPerImage).toArray();
      int total = fitImages(perImage, jobs, trainSeconds, MAX_EPOCHS * available);
      int[] fit = epochsOver(1, total, available);
      epochs = fit[0];
      images = fit[1];
      basis = String.format(Locale.ROOT, "fitted: %,d images each fill %.0f s of training on %d core(s) at the "
          + "members' proxy training speed", total, trainSeconds, jobs);
    }
    return new FinalPlan(SCHEMA, order, epochs, images, o.finalBatchSize(), o.learningRate(), o.weightDecay(), seed,
        basis);
  }

  /**
   * Images per member such that the members, trained slowest first on {@code jobs} cores (each next one on the core
   * that frees first), finish within {@code seconds}: whole thousands, at least {@value #STEP}, at most {@code cap}.
   */
  static int fitImages(double[] secondsPerImage, int jobs, double seconds, int cap) {
    if (!Double.isFinite(seconds)) {
      return Math.max(STEP, cap / STEP * STEP);
    }
    double[] load = new double[Math.max(1, jobs)];
    double[] sorted = secondsPerImage.clone();
    java.util.Arrays.sort(sorted);
    for (int i = sorted.length - 1; i >= 0; i--) {
      int min = 0;
      for (int j = 1; j < load.length; j++) {
        if (load[j] < load[min]) {
          min = j;
        }
      }
      load[min] += sorted[i];
    }
    double max = java.util.Arrays.stream(load).max().orElse(0);
    long images = max <= 0 ? cap : (long) (seconds / max * (1 + 1e-9)); // 100 s / 0.01 s is 10,000, not 9,999
    return (int) Math.max(STEP, Math.min(cap / STEP * STEP, images / STEP * STEP));
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
