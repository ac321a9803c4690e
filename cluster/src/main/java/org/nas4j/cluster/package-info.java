/**
 * Distributed evaluation over Hazelcast: {@link org.nas4j.cluster.ClusterEvaluationPool} is the coordinator's
 * {@link org.nas4j.search.strategy.EvaluationPool} and {@link org.nas4j.cluster.ClusterWorker} the loop of
 * {@code nas worker}. Tasks and results cross the wire as JSON strings ({@link org.nas4j.cluster.TaskMessage},
 * {@link org.nas4j.cluster.ResultMessage}); Java serialization is rejected by the members' filter. Only this module
 * depends on Hazelcast, and nothing outside it loads a Hazelcast class unless a cluster is asked for.
 */
package org.nas4j.cluster;
