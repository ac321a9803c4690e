package org.nas4j.search.strategy;

import java.util.List;
import java.util.Map;

/**
 * Turns a genome into objective values, in two stages so that the search can pre-screen offspring on the cheap
 * stage: {@link #cheapObjectives} (latency from a table or predictor, MACs, parameters: milliseconds or less) and
 * {@link #expensiveObjectives} (accuracy by training or table lookup). The search calls {@link #cheapObjectives} from
 * one thread, and {@link #expensiveObjectives} from up to {@link #concurrency()} threads at once (one thread when it is
 * 1, the default); implementations that allow more must make that method thread-safe and its results independent of
 * what else runs. Genomes passed in are canonical and valid, and are not
 * mutated. A failure of either stage is returned as {@link ObjectiveValues#failed}, never thrown: the search records
 * it and treats the candidate as infeasible. Exceptions are reserved for bugs and unrecoverable I/O.
 *
 * <p>Implementations: {@code org.nas4j.search.train.TrainingEvaluator} (DL4J training, target latency) and
 * {@code org.nas4j.search.tabular.TableEvaluator} (tabular mode).
 */
public interface CandidateEvaluator {

  /**
   * Every objective name this evaluator produces, in a stable order: {@code error} (fraction in [0,1]), {@code
   * latencyMs.<target>} (milliseconds, one per target), {@code macs}, {@code params}. The search's {@code
   * --objectives} and constraints must be a subset.
   */
  List<String> objectiveNames();

  /** Names among {@link #objectiveNames()} computed by {@link #cheapObjectives}; the rest are expensive. */
  List<String> cheapObjectiveNames();

  /** The cheap objectives (all of {@link #cheapObjectiveNames()} when successful). */
  ObjectiveValues cheapObjectives(int[] genome);

  /**
   * The expensive objectives at a fidelity level (0 = cheapest; higher levels cost more and are more accurate).
   *
   * @param fidelity a level in {@code [0, maxFidelity()]}
   */
  ObjectiveValues expensiveObjectives(int[] genome, int fidelity);

  /**
   * How many {@link #expensiveObjectives} calls the search may run at once, each on its own thread; at least 1. The
   * search's outcome does not depend on it (results are consumed in a fixed order).
   */
  default int concurrency() {
    return 1;
  }

  /** The highest fidelity level supported; 0 for single-fidelity evaluators such as tables. */
  default int maxFidelity() {
    return 0;
  }

  /**
   * Provenance of the evaluator recorded in {@code run.json} (e.g. table path and SHA-256, dataset hash, target
   * profile hashes), as string values in a stable order.
   */
  Map<String, Object> provenance();

  /**
   * Per predicted latency objective (e.g. {@code latencyMs.pixel}), how well its predictions are known, as recorded in
   * run.json and pareto.json: {@code insideFittedFamilies}, {@code typicalErrorPct} and {@code p90ErrorPct} (absent
   * when nothing measured them), {@code basis}, and {@code caveat} when outside. Empty when no latency is predicted.
   */
  default Map<String, Map<String, Object>> latencyBands() {
    return Map.of();
  }
}
