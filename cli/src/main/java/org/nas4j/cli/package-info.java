/**
 * The {@code nas} command-line tool. {@link org.nas4j.cli.Main#run} is the one entry point (tests call it); each
 * subcommand is a {@code Callable<Integer>} returning an {@link org.nas4j.cli.ExitCodes} value. Only this package
 * writes to stdout/stderr or exits the JVM; results go to stdout, everything else to stderr.
 */
package org.nas4j.cli;
