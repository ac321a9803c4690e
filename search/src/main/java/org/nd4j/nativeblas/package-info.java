/**
 * Shim for DL4J 1.0.0-M2.1: {@link org.nd4j.nativeblas.Nd4jCpu} restores the class name that DL4J's oneDNN helper
 * check reflects on. Nothing else lives here; {@code org.nas4j.search.dl4j.Dl4jRuntime} checks that it works.
 */
package org.nd4j.nativeblas;
