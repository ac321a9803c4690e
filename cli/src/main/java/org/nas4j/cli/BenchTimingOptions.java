package org.nas4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.targets.TargetProfile;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Mixin of {@code nas bench}'s timing options: threads, warm-up, runs, sessions, input shapes, spinning, seed. */
final class BenchTimingOptions {
  static final int DEFAULT_SESSIONS = 5;

  enum Spinning { auto, on, off }

  @Option(names = "--threads", paramLabel = "N",
      description = "Intra-op threads (default: the target's, 1 for host).")
  Integer threads;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs per session (default: the target's).")
  Integer warmup;

  @Option(names = "--runs", paramLabel = "N",
      description = "Timed runs in total, split over the sessions (default: the target's, 300 for host).")
  Integer runs;

  @Option(names = "--min-time", paramLabel = "S",
      description = "Instead of --runs: time for at least S seconds in total (and >= 10 runs per session).")
  Double minTimeS;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "" + DEFAULT_SESSIONS,
      description = "Fresh ONNX Runtime sessions the runs are split over (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--shape", paramLabel = "NAME=DIMS",
      description = "Input shape for a model input, e.g. input=1x3x224x224 (dynamic dims are 1 otherwise).")
  Map<String, String> shapes = new LinkedHashMap<>();

  @Option(names = "--spinning", paramLabel = "MODE", defaultValue = "auto",
      description = "Intra-op thread spinning: ${COMPLETION-CANDIDATES} (auto: off at 1 thread, on above;"
          + " default: ${DEFAULT-VALUE}).")
  Spinning spinning;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the generated input values and of the interleaving order (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Checks the options alone (before the target is known). */
  void validate(CommandLine cl) {
    positive(cl, "--threads", threads);
    if (warmup != null && warmup < 0) {
      bad(cl, "--warmup must be >= 0, got " + warmup);
    }
    positive(cl, "--runs", runs);
    if (minTimeS != null && !(minTimeS > 0 && minTimeS <= 3600)) {
      bad(cl, "--min-time must be in (0, 3600] seconds, got " + minTimeS);
    }
    if (minTimeS != null && runs != null) {
      bad(cl, "--runs and --min-time are mutually exclusive");
    }
    if (sessions < 1 || sessions > 1000) {
      bad(cl, "--sessions must be in 1..1000, got " + sessions);
    }
    if (runs != null && runs < sessions) {
      bad(cl, "--runs (" + runs + ") must be >= --sessions (" + sessions + ")");
    }
  }

  private Map<String, List<Long>> parseShapes(CommandLine cl) {
    Map<String, List<Long>> out = new LinkedHashMap<>();
    shapes.forEach((name, dims) -> {
      if (name.isBlank() || dims == null || !dims.matches("[0-9]+(x[0-9]+)*")) {
        bad(cl, "--shape " + name + "=" + dims + ": expected NAME=DIMS with DIMS like 1x3x224x224");
      }
      List<Long> list = new ArrayList<>();
      for (String d : dims.split("x")) {
        long v;
        try {
          v = Long.parseLong(d);
        } catch (NumberFormatException e) {
          v = -1;
        }
        if (v < 1 || v > 1_000_000) {
          bad(cl, "--shape " + name + "=" + dims + ": every dimension must be in 1..1000000");
        }
        list.add(v);
      }
      out.put(name, list);
    });
    return out;
  }

  /**
   * The settings these options give on {@code profile} (its threads, warm-up and runs where not given).
   *
   * @throws ParameterException for a malformed --shape or too few runs for the sessions
   */
  MeasureSettings settings(CommandLine cl, TargetProfile profile) {
    Map<String, List<Long>> inputShapes = parseShapes(cl);
    int t = threads != null ? threads : profile.threads();
    int w = warmup != null ? warmup : profile.warmupRuns();
    int n = runs != null ? runs : profile.measuredRuns();
    double minTimeMs = 0;
    if (minTimeS != null) {
      n = 10 * sessions;
      minTimeMs = minTimeS * 1000;
    }
    if (n < sessions) {
      bad(cl, "the target's measuredRuns (" + n + ") is below --sessions (" + sessions + "); give --runs");
    }
    Boolean spin = switch (spinning) {
      case auto -> null;
      case on -> Boolean.TRUE;
      case off -> Boolean.FALSE;
    };
    return new MeasureSettings(t, w, n, minTimeMs, sessions, spin, inputShapes, seed);
  }

  private static void positive(CommandLine cl, String name, Integer value) {
    if (value != null && value < 1) {
      bad(cl, name + " must be >= 1, got " + value);
    }
  }

  private static void bad(CommandLine cl, String message) {
    throw new ParameterException(cl, message);
  }
}
