/** File utilities shared by every module: {@link org.nas4j.profiler.files.AtomicFiles} (no reader sees half a file). */
package org.nas4j.profiler.files;
