package org.nas4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.nas4j.cluster.BuildId;
import org.nas4j.cluster.ClusterEvaluationPool;
import org.nas4j.cluster.ClusterMember;
import org.nas4j.cluster.ClusterSettings;
import org.nas4j.cluster.ClusterWorker;
import org.nas4j.search.run.SearchRunner;

/**
 * The cli's only door to the cluster module: {@code nas search --cluster} and {@code nas worker} call these static
 * methods, so that no Hazelcast class is loaded unless a cluster is asked for (commands never name a cluster type in
 * a field or signature).
 */
final class Cluster {
  /** Held so that the level set on it stays (JUL keeps loggers weakly). */
  private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("com.hazelcast");

  private Cluster() {}

  /**
   * Hazelcast logs through slf4j at error level unless -v (or the property) says otherwise: its warnings about
   * members that left are what our own lines report. Its first message goes to java.util.logging.
   */
  private static void quietHazelcast() {
    String property = "org.slf4j.simpleLogger.log.com.hazelcast";
    if (System.getProperty(property) == null
        && !"info".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"))) {
      System.setProperty(property, "error");
      JUL.setLevel(java.util.logging.Level.SEVERE);
    }
  }

  /**
   * Checks cluster options of {@code nas search} and returns the pool factory of the run.
   *
   * @param localJobs trainings the coordinator runs itself (0: only coordinate)
   */
  static SearchRunner.PoolFactory pools(List<String> members, String name, String bind, int port, Duration timeout,
      int localJobs, PrintWriter err, ProgressRenderer progress, boolean quiet) {
    ClusterSettings settings = new ClusterSettings(name, members, bind, port, timeout);
    return (request, evaluator) -> {
      quietHazelcast();
      ClusterEvaluationPool pool = ClusterEvaluationPool.open(settings, BuildId.of(VersionProvider.version()),
          request, evaluator, localJobs, line -> {
            if (!quiet) {
              progress.message("local worker: " + line);
            }
          });
      progress.status(pool::status);
      return pool;
    };
  }

  /**
   * Runs {@code nas worker} until SIGTERM (or SIGINT): joins, takes tasks, logs one line each on {@code err}; on the
   * signal it hands its running tasks back and leaves the cluster gracefully.
   */
  static int worker(List<String> join, String name, String bind, int port, int jobs, String dataset, String build,
      PrintWriter err) throws InterruptedException {
    ClusterSettings settings = new ClusterSettings(name, join, bind, port, Duration.ofSeconds(10));
    String id = build != null ? build : BuildId.of(VersionProvider.version());
    quietHazelcast();
    var hz = ClusterMember.startWorker(settings, jobs);
    ClusterWorker worker = new ClusterWorker(hz, id, jobs, ClusterWorker.localSource(VersionProvider.version(),
        jobs, dataset), line -> {
          synchronized (err) {
            err.println("nas worker: " + line);
            err.flush();
          }
        });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int handedBack = worker.stop();
      hz.shutdown();
      synchronized (err) {
        err.println("nas worker: stopped (" + handedBack + " running task" + (handedBack == 1 ? "" : "s")
            + " handed back)");
        err.flush();
      }
      stopped.countDown();
    }, "nas-worker-stop"));
    worker.start();
    synchronized (err) {
      err.println("nas worker: " + worker.name() + " in cluster '" + name + "', " + jobs + " job"
          + (jobs == 1 ? "" : "s") + ", build " + id + ", " + hz.getCluster().getMembers().size() + " member"
          + (hz.getCluster().getMembers().size() == 1 ? "" : "s"));
      err.flush();
    }
    stopped.await();
    return ExitCodes.OK;
  }
}
