package org.nas4j.search.dl4j;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide DL4J/ND4J set-up. {@link #init()} must run before any ND4J or DL4J class initialises; every entry
 * point that builds or runs a network calls it first. It sets {@code org.eclipse.deeplearning4j.helpers.disable=false}
 * (unless the user set it) so that DL4J M2.1 creates its oneDNN conv and BatchNorm helpers, and checks with {@code
 * BaseMKLDNNHelper.mklDnnEnabled()} that they are active (that also needs the {@link org.nd4j.nativeblas.Nd4jCpu}
 * shim), logging a loud warning if not. It also sets the OpenMP thread count ({@value #THREADS_PROPERTY}).
 * Thread-safe and idempotent.
 *
 * <p>OpenMP's thread count is a per-thread setting: a thread other than the one that ran {@link #init()} starts with
 * OpenMP's default (all cores). Every thread that trains must call {@link #initThread()} first; two trainings on two
 * threads with 1 OpenMP thread each are then bit-identical to the same trainings run one after the other (with the
 * default they are not, and they fight for the cores).
 */
public final class Dl4jRuntime {
  /**
   * System property with the number of OpenMP threads libnd4j and oneDNN use for training (default {@value
   * #DEFAULT_THREADS}). One thread is the default because the proxy networks are made of many small ops: measured on
   * the shared 2-core machine under load 5, a DARTS network (5 cells, C=8, 28x28, batch 128) trained at 89 img/s
   * with 1 thread and 10 img/s with 2 (OpenMP's spinning workers fight for the cores); see
   * benchmarks/results/train-speed.md.
   */
  public static final String THREADS_PROPERTY = "nas4j.dl4j.threads";

  /** DL4J's switch for its memory crash dumps; off unless the user sets it. */
  public static final String CRASH_DUMPS_PROPERTY = "org.deeplearning4j.crash.reporting.enabled";

  /** The default number of OpenMP threads. */
  public static final int DEFAULT_THREADS = 1;

  /** The system property DL4J M2.1 reads; its default ({@code true}) disables all layer helpers. */
  public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  private static final Logger LOG = LoggerFactory.getLogger(Dl4jRuntime.class);

  static {
    if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
      System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
    }
  }

  private static volatile Boolean helpersActive;
  private static volatile int configuredThreads;
  private static final ThreadLocal<Boolean> THREAD_READY = ThreadLocal.withInitial(() -> false);

  private Dl4jRuntime() {}

  /** Sets DL4J up (once) and returns whether the oneDNN helpers are active. */
  public static boolean init() {
    Boolean active = helpersActive;
    if (active != null) {
      return active;
    }
    synchronized (Dl4jRuntime.class) {
      if (helpersActive == null) {
        boolean on;
        try {
          on = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY))
              && org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
        } catch (RuntimeException | LinkageError e) {
          LOG.warn("oneDNN helper check failed: {}", e.toString());
          on = false;
        }
        if (!on) {
          LOG.warn("*** DL4J oneDNN layer helpers are NOT active: conv/BatchNorm training will be 5-8x slower. "
              + "Check that {} is not 'true', that nd4j-native's onednn classifier is on the classpath and that "
              + "the org.nd4j.nativeblas.Nd4jCpu shim is present. ***", HELPERS_DISABLE_PROPERTY);
        } else {
          LOG.debug("DL4J oneDNN layer helpers are active");
        }
        configuredThreads = configuredThreads();
        applyThreads();
        helpersActive = on;
        if (System.getProperty(CRASH_DUMPS_PROPERTY) == null) {
          // DL4J writes a memory crash dump into the working directory on every out-of-memory error; nas reports the
          // failure itself (the candidate is recorded as OUT_OF_MEMORY) and must not litter the user's folder.
          org.deeplearning4j.util.CrashReportingUtil.crashDumpsEnabled(false);
        }
      }
      return helpersActive;
    }
  }

  /**
   * Sets DL4J up (once, see {@link #init()}) and gives the calling thread the configured OpenMP thread count; cheap
   * after the first call on a thread. Returns whether the oneDNN helpers are active.
   */
  public static boolean initThread() {
    boolean on = init();
    if (!THREAD_READY.get()) {
      applyThreads();
    }
    return on;
  }

  private static int configuredThreads() {
    String v = System.getProperty(THREADS_PROPERTY);
    int threads = DEFAULT_THREADS;
    if (v != null) {
      try {
        threads = Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        threads = 0;
      }
      if (threads < 1) {
        LOG.warn("ignoring {}={}: not a positive integer; using {}", THREADS_PROPERTY, v, DEFAULT_THREADS);
        threads = DEFAULT_THREADS;
      }
    }
    return threads;
  }

  /** Applies the configured OpenMP thread count to the calling thread. */
  private static void applyThreads() {
    try {
      org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(configuredThreads);
      LOG.debug("libnd4j OpenMP threads of {}: {}", Thread.currentThread().getName(), configuredThreads);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("could not set the libnd4j thread count: {}", e.toString());
    }
    THREAD_READY.set(true);
  }

  /** The number of OpenMP threads libnd4j uses now on this thread (runs {@link #initThread()} if needed). */
  public static int threads() {
    initThread();
    return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }

  /** Whether the oneDNN helpers are active (runs {@link #init()} if needed). */
  public static boolean helpersActive() {
    return init();
  }
}
