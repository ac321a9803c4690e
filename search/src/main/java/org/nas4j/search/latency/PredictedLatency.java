package org.nas4j.search.latency;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * A {@link LatencyOracle} that predicts: the target profile's predictor file applied to the network's
 * {@linkplain NetSpecLowering#lower lowered} live kernels, with the model {@link FittedPredictor} picks for the
 * network's space and macro network (the per-class model inside the fitted families, the transfer model outside).
 * Immutable and thread-safe.
 *
 * @param targetId the target's id
 * @param predictorName the profile's {@code predictor} field (a file path or a built-in resource name)
 * @param fitted the fitted predictor file
 */
public record PredictedLatency(String targetId, String predictorName, FittedPredictor fitted)
    implements LatencyOracle {

  public PredictedLatency {
    if (targetId == null || targetId.isBlank()) {
      throw new IllegalArgumentException("targetId must not be blank, got " + targetId);
    }
    if (predictorName == null || fitted == null) {
      throw new IllegalArgumentException("predictorName and predictor are required, got " + predictorName);
    }
  }

  /**
   * Reads the predictor a {@link org.nas4j.targets.MeasureMode#PREDICT} profile names: a file if one exists at that
   * path, else a built-in resource.
   *
   * @throws TargetUnavailableException if the profile names no predictor
   */
  public static PredictedLatency of(TargetProfile target) {
    if (target.predictor() == null) {
      throw new TargetUnavailableException("target '" + target.id() + "' has no latency predictor; fit one with "
          + "'nas targets fit' and name it in the profile's \"predictor\" field");
    }
    Path file = Path.of(target.predictor());
    PredictorFile pf = Files.isRegularFile(file) ? PredictorFile.read(file)
        : PredictorFile.readResource(target.predictor());
    return new PredictedLatency(target.id(), target.predictor(), new FittedPredictor(pf));
  }

  @Override
  public String source() {
    return "predicted:" + predictorName;
  }

  @Override
  public boolean measured() {
    return false;
  }

  @Override
  public double latencyMs(NetSpec spec) {
    return fitted.predictor(spec.arch().space(), spec.macro()).predictMs(NetSpecLowering.lower(spec.live()));
  }

  @Override
  public FittedPredictor.Band band(String space, MacroConfig macro) {
    return fitted.band(space, macro);
  }
}
