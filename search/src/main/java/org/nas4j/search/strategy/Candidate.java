package org.nas4j.search.strategy;

/**
 * A distinct, not yet evaluated architecture the search may evaluate next, with its exact cheap objectives.
 *
 * @param genome canonical genome (not copied: the search never mutates it)
 * @param archId its architecture id
 * @param cheap its cheap objectives
 */
record Candidate(int[] genome, String archId, ObjectiveValues cheap) {}
