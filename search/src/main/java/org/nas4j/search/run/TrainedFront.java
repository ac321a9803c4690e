package org.nas4j.search.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.Objective;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.strategy.ParetoFronts;

/**
 * The trained members of a front, judged on what their final training reached: each as an {@link Evaluation} whose
 * error objective is its final validation error (test accuracy never enters), and the archIds of those that no other
 * trained member beats. The final stage, {@code nas train DIR --member} and the plot of the trained front all read it
 * from here.
 *
 * @param members the trained members in front order, error replaced by the final validation error
 * @param front archIds of the trained members on the trained front, in front order
 */
public record TrainedFront(List<Evaluation> members, Set<String> front) {

  /** The trained front of {@code members} (members without a final validation accuracy are not trained). */
  public static TrainedFront of(List<ParetoRecord.Member> members, List<String> objectives,
      List<ObjectiveBound> constraints) {
    List<Evaluation> trained = new ArrayList<>();
    for (ParetoRecord.Member m : members) {
      Double validation = m.finalValidationAccuracy();
      if (validation != null) {
        Map<String, Double> values = new LinkedHashMap<>(m.objectives());
        values.put(Objective.ERROR.name(), 1 - validation);
        trained.add(m.asEvaluation(values));
      }
    }
    // Trained members are judged on their final error, also when the search ranked by a blended signal.
    List<String> judged = objectives.stream()
        .map(o -> o.equals(Objective.SIGNAL_ERROR.name()) ? Objective.ERROR.name() : o).toList();
    Set<String> front = new LinkedHashSet<>();
    ParetoFronts.front(trained, judged, constraints).forEach(e -> front.add(e.archId()));
    return new TrainedFront(List.copyOf(trained), Collections.unmodifiableSet(front));
  }

  /** {@code members} with {@code onTrainedFront} set in the export entry of every trained one. */
  public List<ParetoRecord.Member> marked(List<ParetoRecord.Member> members) {
    Set<String> trained = new LinkedHashSet<>();
    this.members.forEach(e -> trained.add(e.archId()));
    List<ParetoRecord.Member> out = new ArrayList<>();
    for (ParetoRecord.Member m : members) {
      if (trained.contains(m.archId())) {
        Map<String, Object> export = new LinkedHashMap<>(m.export());
        export.put("onTrainedFront", front.contains(m.archId()));
        out.add(m.withExport(export));
      } else {
        out.add(m);
      }
    }
    return out;
  }
}
