package org.nas4j.profiler;

/**
 * Where and how a measurement was made, for provenance blocks and for baseline compatibility checks.
 *
 * @param onnxRuntimeVersion ONNX Runtime's native version, for example "1.29.0"
 * @param executionProvider our execution provider name, for example "CPU"
 * @param threads intra-op threads
 * @param interOpThreads inter-op threads (always 1)
 * @param allowSpinning whether intra-op worker threads spin
 * @param executionMode ONNX Runtime execution mode ("SEQUENTIAL")
 * @param optimizationLevel graph optimisation level ("ALL_OPT")
 * @param timedRegion what one sample covers
 * @param cpuModel "model name" from /proc/cpuinfo, or the OS architecture where that is unavailable
 * @param logicalCpus processors visible to the JVM
 * @param javaVersion {@code java.version}
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 */
public record RuntimeInfo(
    String onnxRuntimeVersion,
    String executionProvider,
    int threads,
    int interOpThreads,
    boolean allowSpinning,
    String executionMode,
    String optimizationLevel,
    String timedRegion,
    String cpuModel,
    int logicalCpus,
    String javaVersion,
    String osName,
    String osArch) {}
