/**
 * A search run on disk: {@link org.nas4j.search.run.SearchRunner} starts or resumes a run in a directory it locks,
 * writing {@code run.json} (request and provenance), {@code candidates.jsonl} (one fsynced line per evaluation),
 * {@code checkpoint/checkpoint.json} (after every generation), {@code pareto.json}, {@code pareto.png} and {@code
 * convergence.png}. Resume replays {@code candidates.jsonl} through a fresh search with the same seed, so it ends
 * exactly where an uninterrupted run ends. Progress is reported through {@link
 * org.nas4j.search.run.ProgressListener}; only the CLI renders it. Formats are described in {@code
 * docs/file-formats.md}.
 */
package org.nas4j.search.run;
