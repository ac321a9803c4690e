package org.nas4j.search.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.run.ParetoRecord;
import org.nas4j.search.run.Plots;
import org.nas4j.search.run.RunDirectory;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.RunLock;
import org.nas4j.search.run.RunRecord;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.run.TrainedFront;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * {@code nas train DIR --member ID}: trains one more front member of a finished training-mode run with the recipe
 * its final stage used ({@code final/plan.json}: the same budget, continuing from the member's proxy weights), tests
 * and exports it like the final stage does, and records it in {@code pareto.json} as a trained member (the trained
 * front is recomputed and {@code pareto.png} redrawn). Takes the run directory's lock; bad input (not a run, not
 * finished, tabular, no such member) is an {@link InvalidArgumentException} before anything is written; so is a
 * {@code --dataset} for a member trained already on other data (a member is trained once: its recorded result is not
 * replaced by one on other data).
 */
public final class MemberTraining {
  /** The {@code selection} pareto.json records for a member trained by {@code nas train DIR --member}. */
  public static final String SELECTION = "nas train --member";

  /** Images of the final training when the run has no plan (a run with {@code --final-members 0}) and none given. */
  public static final int NO_PLAN_IMAGES = 24_000;

  /**
   * What training the member produced.
   *
   * @param member the member's pareto.json entry after training
   * @param alreadyTrained true when the member had been trained before (nothing was done)
   * @param budgetBasis where the budget came from
   */
  public record Result(ParetoRecord.Member member, boolean alreadyTrained, String budgetBasis) {}

  private final TrainingEvaluatorFactory factory;

  public MemberTraining(TrainingEvaluatorFactory factory) {
    this.factory = factory;
  }

  /**
   * Trains member {@code id} (a full archId or a unique prefix of at least 6 characters) of the run in {@code dir}.
   */
  public Result train(Path dir, String id, FinalMember.Images progress, String nasVersion) throws IOException {
    RunDirectory run = new RunDirectory(dir);
    if (!run.holdsRun()) {
      throw new InvalidArgumentException(dir + " is not a run directory (no run.json)");
    }
    try (RunLock lock = run.lock()) {
      RunRecord record = run.readRun();
      SearchRequest request = record.request();
      if (request == null || request.tabular()) {
        throw new InvalidArgumentException(dir + " is a tabular run: its members come from a table, there is "
            + "nothing to train");
      }
      ParetoRecord pareto = run.readPareto().orElseThrow(() -> new InvalidArgumentException(dir
          + " has no pareto.json yet: finish the search first (nas search --resume " + dir + ")"));
      int index = memberIndex(pareto, id, dir);
      ParetoRecord.Member member = pareto.members().get(index);
      if (member.trained()) {
        String asked = factory.datasetOverride();
        String trainedOn = trainedOverride(member);
        if (asked != null && !asked.equals(trainedOn)) {
          throw new InvalidArgumentException("--dataset " + asked + ": member " + member.archId().substring(0, 12)
              + " was trained already, on " + (trainedOn == null ? "the run's own data" : trainedOn) + "; a member "
              + "is trained once, and its recorded result stands");
        }
        return new Result(member, true, "already trained");
      }
      GenomeSpace space = factory.space(request);
      // The run's own data, found by the checksum it recorded (or the factory's explicit override).
      TrainingEvaluator evaluator = (TrainingEvaluator) factory.resumeEvaluator(request, space, record.provenance());
      TrainingOptions o = evaluator.options();
      int available = evaluator.split().train().count();
      FinalPlan plan = recipe(run, o, available, evaluator.seed());
      Evaluation e = member.asEvaluation(member.objectives());
      Map<String, Object> fields = new FinalMember(evaluator, nasVersion).train(dir, e, plan.budget(available),
          progress);
      if (!ParetoRecord.TRAINED.equals(fields.get("fidelity"))) {
        throw new org.nas4j.targets.error.NasFailure("training member " + member.archId().substring(0, 12)
            + " failed: " + fields.get("failureReason"));
      }
      fields.put("selection", SELECTION);
      Object override = evaluator.provenance().get("datasetOverride");
      if (override != null) {
        fields.put("datasetOverride", override); // trained on other data than the run's, on request
      }
      FinalMember.writeResult(dir, member.archId(), fields);
      ParetoRecord updated = withTrained(pareto, index, fields, plan, o, evaluator.split().validation().count());
      run.writePareto(updated);
      Plots.runFront(run.file(RunFiles.PARETO_PNG), updated, run.readCandidates(false));
      return new Result(updated.members().get(index), false, plan.basis());
    }
  }

  /** The final stage's plan, or (a run without one) the options' final budget. */
  private static FinalPlan recipe(RunDirectory run, TrainingOptions o, int available, long seed) throws IOException {
    Path file = run.file(FinalPlan.FILE);
    if (java.nio.file.Files.exists(file)) {
      return FinalPlan.read(file);
    }
    int images = o.finalTrainImages() != null ? o.finalTrainImages() : NO_PLAN_IMAGES;
    int[] fit = FinalPlan.epochsOver(o.finalTrainImages() != null ? o.finalEpochs() : 1, images, available);
    return new FinalPlan(FinalPlan.SCHEMA, List.of(), fit[0], fit[1], o.finalBatchSize(), o.learningRate(),
        o.weightDecay(), seed, "the run has no final stage: " + String.format(java.util.Locale.ROOT, "%,d", images)
        + " images");
  }

  /** The {@code --dataset} a trained member was trained on instead of the run's data (pareto.json), or null. */
  private static String trainedOverride(ParetoRecord.Member member) {
    Object o = member.export() == null ? null : member.export().get("datasetOverride");
    return o instanceof Map<?, ?> m && m.get("dataset") != null ? m.get("dataset").toString() : null;
  }

  private static int memberIndex(ParetoRecord pareto, String id, Path dir) {
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < pareto.members().size(); i++) {
      if (id.length() >= 6 && pareto.members().get(i).archId().startsWith(id)) {
        hits.add(i);
      }
    }
    if (hits.size() != 1) {
      throw new InvalidArgumentException("--member " + id + ": " + (hits.isEmpty() ? "no member" : hits.size()
          + " members") + " of " + dir + "'s front has this id (see nas show " + dir + ")");
    }
    return hits.get(0);
  }

  /** pareto.json with member {@code index} trained and the trained front recomputed. */
  private static ParetoRecord withTrained(ParetoRecord p, int index, Map<String, Object> fields, FinalPlan plan,
      TrainingOptions o, int validationImages) {
    List<ParetoRecord.Member> members = new ArrayList<>(p.members());
    ParetoRecord.Member m = members.get(index);
    Map<String, Object> export = new LinkedHashMap<>(m.export() == null ? Map.of() : m.export());
    export.putAll(fields);
    members.set(index, m.withExport(export));
    TrainedFront trained = TrainedFront.of(members, p.objectives(), p.constraints());
    ParetoRecord.FinalStage s = p.finalStage();
    ParetoRecord.FinalStage stage = new ParetoRecord.FinalStage(
        s != null ? s.proxyBudget() : TrainedFrontExporter.proxyBudget(o, validationImages),
        s != null ? s.requestedMembers() : 0, trained.members().size(),
        s != null ? s.selection() : "members trained with nas train --member", "proxy", plan.epochs(),
        plan.imagesPerEpoch(), plan.batchSize(), s != null ? s.budgetBasis() : plan.basis(),
        s != null ? s.timeLimitSeconds() : 0, List.copyOf(trained.front()));
    return new ParetoRecord(p.schema(), p.objectives(), p.constraints(), p.evaluations(), p.failedEvaluations(),
        p.generations(), p.stopReason(), p.hypervolume(), trained.marked(members), stage, p.latencyBands());
  }
}
