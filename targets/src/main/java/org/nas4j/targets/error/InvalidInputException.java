package org.nas4j.targets.error;

/** Marker for exceptions caused by user input: a bad option, file, profile or architecture. The CLI exits 2. */
public interface InvalidInputException {}
