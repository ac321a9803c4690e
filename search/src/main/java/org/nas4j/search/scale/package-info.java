/**
 * Scaling a cell architecture into a mobile- or server-sized network and training it as a final model. {@link
 * org.nas4j.search.scale.ScalePlanner} chooses cells, channels and input size under a {@link
 * org.nas4j.search.scale.ScaleBudget} (MACs, trainable parameters, milliseconds per target from a {@link
 * org.nas4j.search.latency.LatencyOracle}); {@link org.nas4j.search.scale.ScalePreset} holds the DARTS/NASNet
 * presets; {@link org.nas4j.search.scale.ScaledTrainer} trains with a checkpoint per epoch and resumes exactly;
 * {@link org.nas4j.search.scale.ScaledModel} is {@code scaled.json}. Planners and trainers are not thread-safe.
 */
package org.nas4j.search.scale;
