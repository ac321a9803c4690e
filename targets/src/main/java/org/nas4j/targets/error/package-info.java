/**
 * The exception family shared by every module. Exceptions caused by what the user gave us implement {@link
 * org.nas4j.targets.error.InvalidInputException} (exit 2); failures while running extend {@link
 * org.nas4j.targets.error.NasFailure} (exit 1); {@link org.nas4j.targets.error.TargetUnavailableException} means the
 * target cannot run here (exit 4).
 */
package org.nas4j.targets.error;
