package org.nas4j.profiler;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nas4j.targets.ExecutionProvider;
import org.nas4j.targets.MeasureMode;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * {@link LatencyProfiler} through ONNX Runtime Java. Session settings: the given intra-op threads, inter-op 1,
 * SEQUENTIAL, ALL_OPT, {@code session.intra_op.allow_spinning} per {@link MeasureSettings#spinning()}, and the CUDA
 * provider ({@code addCUDA(0)}) for CUDA targets. One sample is one {@code session.run} including closing its result
 * (output tensors are allocated and freed on every inference, so that cost belongs to the latency). Inputs are
 * generated once per session (uniform [0,1) floats, zeros for other types) and are outside the timed region. Not
 * thread-safe.
 */
public final class OnnxRuntimeProfiler implements LatencyProfiler {
  /** What one sample covers. */
  public static final String TIMED_REGION = "session.run + result.close";

  private static final String SPINNING_KEY = "session.intra_op.allow_spinning";

  /** The name under which {@link CalibrationModel} appears in measurements. */
  public static final Path CALIBRATION = Path.of("nas-calibration.onnx");

  private final Ticker ticker;

  /** A profiler timing with {@link Ticker#SYSTEM}. */
  public OnnxRuntimeProfiler() {
    this(Ticker.SYSTEM);
  }

  /** A profiler timing with the given clock. */
  public OnnxRuntimeProfiler(Ticker ticker) {
    if (ticker == null) {
      throw new IllegalArgumentException("ticker is required");
    }
    this.ticker = ticker;
  }

  /**
   * Throws {@link TargetUnavailableException} unless this process can time the target: it must be measured through
   * ONNX Runtime and its execution provider must be in this build.
   */
  public static void requireAvailable(TargetProfile target) {
    if (target.measure() != MeasureMode.ONNXRUNTIME) {
      throw new TargetUnavailableException(target.id() + " latency comes from a predictor or a phone over adb;"
          + " neither is available in this version");
    }
    if (target.executionProvider() == ExecutionProvider.CUDA) {
      if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
        throw new TargetUnavailableException("target " + target.id() + ": the CUDA execution provider is not"
            + " available in this ONNX Runtime build (available: " + OrtEnvironment.getAvailableProviders()
            + "); use --target host, or build with -Pcuda (onnxruntime_gpu) on a machine with CUDA");
      }
    } else if (target.executionProvider() != ExecutionProvider.CPU) {
      throw new TargetUnavailableException("target " + target.id() + ": execution provider "
          + target.executionProvider() + " only exists on Android");
    }
  }

  /** ONNX Runtime's version, for example "1.29.0". Loads the native library. */
  public static String onnxRuntimeVersion() {
    return environment().getVersion();
  }

  @Override
  public void check(Path model, TargetProfile target, MeasureSettings settings) {
    requireAvailable(target);
    byte[] bytes = readModel(model);
    try (OrtSession.SessionOptions options = options(target, settings);
        Loaded loaded = load(model, bytes, options, settings)) {
      loaded.dryRun();
    }
  }

  @Override
  public Measurement measure(Path model, TargetProfile target, MeasureSettings settings) {
    requireAvailable(target);
    byte[] bytes = readModel(model);
    SampleTimer timer = new SampleTimer(ticker);
    List<double[]> sessions = new ArrayList<>();
    Map<String, List<Long>> shapes = Map.of();
    long minTimePerSession = (long) (settings.minTimeMs() * 1e6 / settings.sessions());
    int maxRuns = settings.minTimeMs() > 0 ? MeasureSettings.MAX_RUNS_PER_SESSION : settings.runsPerSession();
    try (OrtSession.SessionOptions options = options(target, settings)) {
      for (int s = 0; s < settings.sessions(); s++) {
        try (Loaded loaded = load(model, bytes, options, settings)) {
          loaded.dryRun();
          shapes = loaded.shapes;
          sessions.add(timer.time(loaded::runOnce, settings.warmupRuns(), settings.runsPerSession(),
              minTimePerSession, maxRuns));
        }
      }
    } catch (InvalidArgumentException | TargetUnavailableException | ProfilingException e) {
      throw e;
    } catch (Exception e) {
      throw new ProfilingException("ONNX Runtime failed while timing " + model + " on target " + target.id() + ": "
          + oneLine(e), e);
    }
    return new Measurement(model, sha256(bytes), shapes, settings.warmupRuns(), sessions, runtimeInfo(target,
        settings));
  }

  @Override
  public Comparison compare(Path model, Path reference, TargetProfile target, MeasureSettings settings) {
    requireAvailable(target);
    return interleaved(model, readModel(model), reference, readModel(reference), target, settings);
  }

  @Override
  public Comparison measureCalibrated(Path model, TargetProfile target, MeasureSettings settings) {
    requireAvailable(target);
    return interleaved(model, readModel(model), CALIBRATION, CalibrationModel.bytes(), target, settings);
  }

  private Comparison interleaved(Path model, byte[] bytesA, Path reference, byte[] bytesB, TargetProfile target,
      MeasureSettings settings) {
    SampleTimer timer = new SampleTimer(ticker);
    SplittableRandom order = new SplittableRandom(settings.seed());
    List<double[]> sessionsA = new ArrayList<>();
    List<double[]> sessionsB = new ArrayList<>();
    Map<String, List<Long>> shapesA = Map.of();
    Map<String, List<Long>> shapesB = Map.of();
    int runs = settings.runsPerSession();
    long minTimePerSession = (long) (settings.minTimeMs() * 1e6 / settings.sessions());
    try (OrtSession.SessionOptions options = options(target, settings)) {
      for (int s = 0; s < settings.sessions(); s++) {
        try (Loaded a = load(model, bytesA, options, settings);
            Loaded b = load(reference, bytesB, options, reference == CALIBRATION ? settings.withoutShapes()
                : settings)) {
          a.dryRun();
          b.dryRun();
          shapesA = a.shapes;
          shapesB = b.shapes;
          for (int i = 0; i < settings.warmupRuns(); i++) {
            a.runOnce();
            b.runOnce();
          }
          double[] sa = new double[runs];
          double[] sb = new double[runs];
          int n = 0;
          long total = 0;
          while (n < MeasureSettings.MAX_RUNS_PER_SESSION && (n < runs || total < minTimePerSession)) {
            if (n == sa.length) {
              sa = Arrays.copyOf(sa, sa.length * 2);
              sb = Arrays.copyOf(sb, sb.length * 2);
            }
            if (order.nextBoolean()) {
              sa[n] = timer.timeOnce(a::runOnce);
              sb[n] = timer.timeOnce(b::runOnce);
            } else {
              sb[n] = timer.timeOnce(b::runOnce);
              sa[n] = timer.timeOnce(a::runOnce);
            }
            total += (long) (sa[n] * 1e6);
            n++;
          }
          sessionsA.add(Arrays.copyOf(sa, n));
          sessionsB.add(Arrays.copyOf(sb, n));
        }
      }
    } catch (InvalidArgumentException | TargetUnavailableException | ProfilingException e) {
      throw e;
    } catch (Exception e) {
      throw new ProfilingException("ONNX Runtime failed while timing " + model + " interleaved with " + reference
          + " on target " + target.id() + ": " + oneLine(e), e);
    }
    RuntimeInfo info = runtimeInfo(target, settings);
    return new Comparison(
        new Measurement(model, sha256(bytesA), shapesA, settings.warmupRuns(), sessionsA, info),
        new Measurement(reference, sha256(bytesB), shapesB, settings.warmupRuns(), sessionsB, info));
  }

  /**
   * Checks, without reading it, that the model file exists, is a regular file and is not empty.
   *
   * @throws InvalidModelException naming the file and the problem
   */
  public static void checkModelFile(Path model) {
    checkPath(model);
    try {
      if (Files.size(model) == 0) {
        throw new InvalidModelException("invalid model " + model + ": the file is empty");
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot read model file " + model + ": " + e.getMessage(), e);
    }
  }

  private static void checkPath(Path model) {
    if (!Files.exists(model)) {
      throw new InvalidModelException("model file not found: " + model);
    }
    if (Files.isDirectory(model)) {
      throw new InvalidModelException("model path is a directory, not an ONNX file: " + model);
    }
    if (!Files.isRegularFile(model)) {
      throw new InvalidModelException("model path is not a regular file: " + model);
    }
  }

  /** Reads the model file, rejecting a missing, non-regular or empty file with a message naming it. */
  public static byte[] readModel(Path model) {
    checkPath(model);
    try {
      byte[] bytes = Files.readAllBytes(model);
      if (bytes.length == 0) {
        throw new InvalidModelException("invalid model " + model + ": the file is empty");
      }
      return bytes;
    } catch (IOException e) {
      throw new InvalidModelException("cannot read model file " + model + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 (hex) of the bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The provenance this profiler records for the target and settings. Loads the native library. */
  public static RuntimeInfo runtimeInfo(TargetProfile target, MeasureSettings settings) {
    return new RuntimeInfo(onnxRuntimeVersion(), target.executionProvider().name(), settings.threads(), 1,
        settings.spinning(), "SEQUENTIAL", "ALL_OPT", TIMED_REGION, cpuModel(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /** The CPU's "model name" from /proc/cpuinfo, or {@code os.arch} where that file does not exist. */
  public static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try {
        for (String line : Files.readAllLines(cpuinfo)) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).strip();
          }
        }
      } catch (IOException e) {
        // fall through to the architecture
      }
    }
    return System.getProperty("os.arch");
  }

  /**
   * The process's ONNX Runtime environment (ONNX Runtime logs errors only), created on first use. Everything in nas
   * that opens a session uses it: asking ONNX Runtime for an environment with another name or level once one exists
   * makes it print a warning on every call.
   */
  public static OrtEnvironment environment() {
    return EnvironmentHolder.ENV;
  }

  private static final class EnvironmentHolder {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "nas");
  }

  private static OrtSession.SessionOptions options(TargetProfile target, MeasureSettings settings) {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(settings.threads());
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.addConfigEntry(SPINNING_KEY, settings.spinning() ? "1" : "0");
    } catch (OrtException e) {
      options.close();
      throw new ProfilingException("ONNX Runtime rejected the session settings: " + oneLine(e), e);
    }
    if (target.executionProvider() == ExecutionProvider.CUDA) {
      try {
        options.addCUDA(0);
      } catch (OrtException e) {
        options.close();
        throw new TargetUnavailableException("target " + target.id() + ": cannot register the CUDA execution"
            + " provider: " + oneLine(e), e);
      }
    }
    return options;
  }

  private Loaded load(Path model, byte[] bytes, OrtSession.SessionOptions options, MeasureSettings settings) {
    OrtSession session;
    try {
      session = environment().createSession(bytes, options);
    } catch (OrtException e) {
      throw new InvalidModelException("invalid model " + model + ": ONNX Runtime cannot load it: " + oneLine(e), e);
    }
    try {
      return new Loaded(model, session, settings);
    } catch (RuntimeException e) {
      closeQuietly(session, e);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable c, Throwable primary) {
    try {
      c.close();
    } catch (Exception suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** An open session with its generated inputs. */
  private static final class Loaded implements AutoCloseable {
    final Path model;
    final OrtSession session;
    final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    final Map<String, List<Long>> shapes = new LinkedHashMap<>();

    Loaded(Path model, OrtSession session, MeasureSettings settings) {
      this.model = model;
      this.session = session;
      Map<String, NodeInfo> infos;
      try {
        infos = session.getInputInfo();
      } catch (OrtException e) {
        throw new InvalidModelException("invalid model " + model + ": cannot read its inputs: " + oneLine(e), e);
      }
      for (String name : settings.inputShapes().keySet()) {
        if (!infos.containsKey(name)) {
          throw new InvalidArgumentException("--shape " + name + ": model " + model + " has no input named '"
              + name + "' (inputs: " + String.join(", ", infos.keySet()) + ")");
        }
      }
      SplittableRandom random = new SplittableRandom(settings.seed());
      try {
        for (NodeInfo node : infos.values()) {
          long[] shape = shapeOf(node, settings.inputShapes().get(node.getName()));
          OnnxJavaType type = ((TensorInfo) node.getInfo()).type;
          inputs.put(node.getName(), tensor(node.getName(), type, shape, random));
          shapes.put(node.getName(), Arrays.stream(shape).boxed().collect(Collectors.toList()));
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private long[] shapeOf(NodeInfo node, List<Long> override) {
      ValueInfo info = node.getInfo();
      if (!(info instanceof TensorInfo tensor)) {
        throw new InvalidModelException("invalid model " + model + ": input '" + node.getName()
            + "' is not a tensor (" + info + "); only tensor inputs can be generated");
      }
      long[] declared = tensor.getShape();
      if (override == null) {
        long[] shape = declared.clone();
        for (int i = 0; i < shape.length; i++) {
          if (shape[i] <= 0) {
            shape[i] = 1;
          }
        }
        return shape;
      }
      if (override.size() != declared.length) {
        throw new InvalidArgumentException("--shape " + node.getName() + "=" + join(override) + ": model " + model
            + " declares rank " + declared.length + " " + Arrays.toString(declared));
      }
      long[] shape = new long[declared.length];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = override.get(i);
        if (declared[i] > 0 && declared[i] != shape[i]) {
          throw new InvalidArgumentException("--shape " + node.getName() + "=" + join(override) + ": dimension "
              + i + " is fixed to " + declared[i] + " in model " + model);
        }
      }
      return shape;
    }

    private static String join(List<Long> dims) {
      return dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    private OnnxTensor tensor(String name, OnnxJavaType type, long[] shape, SplittableRandom random) {
      if (type == OnnxJavaType.STRING || type == OnnxJavaType.UNKNOWN) {
        throw new InvalidModelException("invalid model " + model + ": input '" + name + "' has type " + type
            + ", for which nas cannot generate values");
      }
      long count = 1;
      for (long d : shape) {
        count = Math.multiplyExact(count, d);
      }
      long bytes = count * type.size;
      if (bytes > Integer.MAX_VALUE) {
        throw new InvalidArgumentException("input '" + name + "' of " + model + " would need " + bytes
            + " bytes at shape " + Arrays.toString(shape) + "; give a smaller --shape");
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
      if (type == OnnxJavaType.FLOAT) {
        for (long i = 0; i < count; i++) {
          buffer.putFloat((float) random.nextDouble());
        }
      } else if (type == OnnxJavaType.DOUBLE) {
        for (long i = 0; i < count; i++) {
          buffer.putDouble(random.nextDouble());
        }
      }
      buffer.rewind();
      try {
        return OnnxTensor.createTensor(environment(), buffer, shape, type);
      } catch (OrtException e) {
        throw new InvalidModelException("invalid model " + model + ": cannot create input '" + name + "' of type "
            + type + " and shape " + Arrays.toString(shape) + ": " + oneLine(e), e);
      }
    }

    void dryRun() {
      try (OrtSession.Result ignored = session.run(inputs)) {
        // the outputs are not looked at
      } catch (OrtException e) {
        throw new InvalidModelException("invalid model " + model + ": the dry run failed: " + oneLine(e), e);
      }
    }

    void runOnce() throws OrtException {
      try (OrtSession.Result ignored = session.run(inputs)) {
        // closed inside the timed region on purpose
      }
    }

    @Override
    public void close() {
      for (OnnxTensor t : inputs.values()) {
        t.close();
      }
      try {
        session.close();
      } catch (OrtException e) {
        throw new ProfilingException("ONNX Runtime failed to close the session of " + model + ": " + oneLine(e), e);
      }
    }
  }
}
