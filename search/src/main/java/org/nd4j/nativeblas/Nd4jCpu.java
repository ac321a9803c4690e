package org.nd4j.nativeblas;

/**
 * Compatibility shim: DL4J 1.0.0-M2.1's {@code BaseMKLDNNHelper} looks up this old class name by reflection to
 * decide whether the oneDNN layer helpers may be used, but the class moved to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}. Without this shim the lookup fails and the conv/BN helpers are
 * permanently off (5-8x slower training). See shared/notes/stack.md section 1. Split package: classpath only.
 */
public class Nd4jCpu {
  /** The old nested class; delegates to the moved one. */
  public static class Environment {
    /** A new view on the native environment (the real one is a singleton). */
    public static Environment getInstance() {
      return new Environment();
    }

    /** Whether libnd4j was built with and uses oneDNN. */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
