/**
 * The run report: {@link org.nas4j.search.report.RunReport} turns a search run directory (finished, running or
 * killed) into one self-contained {@code report.html} (front chart, member table, cell drawings from {@link
 * org.nas4j.search.report.ArchDrawings}, convergence, settings, provenance), and {@link
 * org.nas4j.search.report.ReportListener} keeps it current while a search runs. Latencies are milliseconds at batch
 * size 1; accuracies percent. Everything here is stateless or confined to the search thread.
 */
package org.nas4j.search.report;
