/**
 * Test fixtures shared with other modules through this module's test-jar: {@link
 * org.nas4j.profiler.testing.OnnxModels} builds small valid and broken ONNX models in memory, so tests need no
 * Python and no checked-in binaries.
 */
package org.nas4j.profiler.testing;
