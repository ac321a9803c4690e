package org.nas4j.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.EvaluationPool;
import org.nas4j.search.strategy.EvaluationTask;
import org.nas4j.search.strategy.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's {@link EvaluationPool}: a Hazelcast member that publishes tasks on the {@link TaskBoard} and
 * completes each future with the first result posted for it. Workers pull tasks (a worker that joins mid-run takes
 * the next one); when a worker leaves (killed, or stopped with tasks it could not hand back) its claimed tasks are
 * queued again, and a task finishes once, so nothing is lost or recorded twice. A refusal (another build, other data)
 * fails the search with one line naming the worker; so does a cluster without workers for longer than the timeout.
 *
 * <p>{@link #submit} is for the search thread; results arrive on Hazelcast's event threads. One search per cluster
 * name at a time: opening a pool empties the board.
 */
public final class ClusterEvaluationPool implements EvaluationPool {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterEvaluationPool.class);

  private final HazelcastInstance hz;
  private final TaskBoard board;
  private final ClusterSettings settings;
  private final String build;
  private final String dataSha256;
  private final SearchRequest request;
  private final String session = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, TaskRecord> records = new ConcurrentHashMap<>();
  private final ExecutorService housekeeping;
  private final ClusterWorker localWorker;
  private final int localJobs;
  private volatile long noWorkersSince = -1;
  private volatile boolean closed;

  private record Pending(EvaluationTask task, CompletableFuture<TaskResult> future, long submittedNanos) {}

  /**
   * Where one candidate ran.
   *
   * @param worker the worker's address
   * @param queueWaitMs from submission until the worker started it (the result's arrival less its run time)
   * @param runMs the evaluator's wall time on the worker
   */
  public record TaskRecord(String worker, double queueWaitMs, double runMs) {}

  private ClusterEvaluationPool(HazelcastInstance hz, ClusterSettings settings, String build, String dataSha256,
      SearchRequest request, CandidateEvaluator local, int localJobs, Consumer<String> workerLog) {
    this.hz = hz;
    this.board = new TaskBoard(hz);
    this.settings = settings;
    this.build = build;
    this.dataSha256 = dataSha256;
    this.request = request;
    this.localJobs = localJobs;
    this.housekeeping = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nas-cluster-housekeeping");
      t.setDaemon(true);
      return t;
    });
    this.localWorker = localJobs > 0 ? new ClusterWorker(hz, build, localJobs, r -> local, workerLog) : null;
  }

  /**
   * Joins the cluster as the coordinator, waits up to the settings' timeout for a worker, and empties the board.
   *
   * @param build this JVM's {@link BuildId}
   * @param request the search request (it travels with every task)
   * @param evaluator the coordinator's evaluator: gives the data checksum, and runs tasks here when {@code localJobs}
   *     is above 0
   * @param localJobs tasks this JVM runs itself (0: only coordinate)
   * @param workerLog lines of the local worker
   * @throws ClusterUnavailableException when no worker joins in time
   */
  public static ClusterEvaluationPool open(ClusterSettings settings, String build, SearchRequest request,
      CandidateEvaluator evaluator, int localJobs, Consumer<String> workerLog) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    HazelcastInstance hz = ClusterMember.start(settings,
        localJobs > 0 ? ClusterSettings.WORKER : ClusterSettings.COORDINATOR, localJobs);
    try {
      while (ClusterMember.remoteWorkers(hz).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new ClusterUnavailableException("no nas worker reachable at "
              + (settings.members().isEmpty() ? settings.bind() : String.join(",", settings.members()))
              + " in cluster '" + settings.clusterName() + "' within " + seconds(settings.timeout())
              + " (start one with: nas worker --cluster-name " + settings.clusterName() + " --join "
              + ClusterWorker.address(hz.getCluster().getLocalMember()) + ")");
        }
        Thread.sleep(200);
      }
      ClusterEvaluationPool pool = new ClusterEvaluationPool(hz, settings, build,
          ClusterWorker.dataSha256(evaluator), request, evaluator, localJobs, workerLog);
      pool.listen();
      return pool;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hz.shutdown();
      throw new ClusterUnavailableException("interrupted while waiting for workers", e);
    } catch (RuntimeException e) {
      hz.shutdown();
      throw e;
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private void listen() {
    board.clear();
    board.results().addEntryListener(new ResultListener(), true);
    hz.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        LOG.info("worker joined: {}", ClusterWorker.address(e.getMember()));
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        String uuid = e.getMember().getUuid().toString();
        String who = ClusterWorker.address(e.getMember());
        housekeeping.execute(() -> {
          try {
            int n = board.releaseClaimsOf(uuid);
            // A task the worker had taken from the queue but not yet claimed is queued again too.
            pending.keySet().forEach(board::requeue);
            LOG.warn("worker {} left the cluster; {} of its tasks queued again", who, n);
          } catch (HazelcastInstanceNotActiveException ignored) {
            // closing
          }
        });
      }
    });
    Thread watchdog = new Thread(this::watch, "nas-cluster-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    if (localWorker != null) {
      localWorker.start();
    }
  }

  /** Fails the search when no worker has been in the cluster for longer than the timeout. */
  private void watch() {
    try {
      while (!closed) {
        boolean none = localJobs == 0 && ClusterMember.remoteWorkers(hz).isEmpty();
        long now = System.nanoTime();
        if (!none) {
          noWorkersSince = -1;
        } else if (noWorkersSince < 0) {
          noWorkersSince = now;
        } else if (now - noWorkersSince > settings.timeout().toNanos() && !pending.isEmpty()) {
          failAll(new ClusterUnavailableException("every nas worker left cluster '" + settings.clusterName()
              + "' and none joined within " + seconds(settings.timeout()) + "; continue later with --resume"));
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
      // closing
    }
  }

  private void failAll(RuntimeException e) {
    for (Pending p : pending.values()) {
      p.future().completeExceptionally(e);
    }
  }

  private final class ResultListener
      implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> e) {
      accept(e.getKey(), e.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> e) {
      accept(e.getKey(), e.getValue());
    }
  }

  private void accept(String taskId, String json) {
    Pending p = pending.remove(taskId);
    if (p == null) {
      return; // an earlier session's task, or one already finished elsewhere
    }
    ResultMessage r;
    try {
      r = ResultMessage.parse(json);
    } catch (IllegalArgumentException e) {
      p.future().completeExceptionally(new IllegalStateException("task " + taskId + ": " + e.getMessage(), e));
      return;
    }
    if (r.refusal() != null) {
      ClusterUnavailableException refused =
          new ClusterUnavailableException("worker " + r.worker() + " refused a task: " + r.refusal());
      p.future().completeExceptionally(refused);
      failAll(refused);
      return;
    }
    double totalMs = (System.nanoTime() - p.submittedNanos()) / 1e6;
    double runMs = r.nanos() / 1e6;
    records.put(p.task().archId(), new TaskRecord(r.worker(), Math.max(0, totalMs - runMs), runMs));
    p.future().complete(new TaskResult(p.task().archId(), r.values(), r.nanos()));
    housekeeping.execute(() -> {
      try {
        board.withdraw(taskId);
      } catch (HazelcastInstanceNotActiveException ignored) {
        // closing
      }
    });
  }

  @Override
  public int capacity() {
    int n = localJobs;
    for (Member m : ClusterMember.remoteWorkers(hz)) {
      n += Math.max(1, ClusterMember.jobs(m));
    }
    return Math.max(1, n);
  }

  @Override
  public CompletableFuture<TaskResult> submit(EvaluationTask task) {
    if (closed) {
      throw new IllegalStateException("the cluster pool is closed");
    }
    String id = session + ":" + task.archId() + ":" + task.fidelity();
    CompletableFuture<TaskResult> f = new CompletableFuture<>();
    pending.put(id, new Pending(task, f, System.nanoTime()));
    board.publish(id, new TaskMessage(id, build, dataSha256, request, task.archId(), task.genome(),
        task.fidelity()).json());
    return f;
  }

  /** Workers now in the cluster (this JVM counts when it works too). */
  public int workers() {
    return ClusterMember.remoteWorkers(hz).size() + (localJobs > 0 ? 1 : 0);
  }

  /** Tasks handed over and not yet finished. */
  public int inFlight() {
    return pending.size();
  }

  /** The progress line's part: workers and tasks in flight. */
  public String status() {
    return String.format(Locale.ROOT, "workers %d  in flight %d", workers(), inFlight());
  }

  /** The cluster's part of {@code run.json}: name, workers seen and the candidates' workers and queue waits. */
  public Map<String, Object> report() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "cluster");
    r.put("clusterName", settings.clusterName());
    r.put("build", build);
    r.put("localJobs", localJobs);
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (Map.Entry<String, TaskRecord> e : records.entrySet()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("archId", e.getKey());
      t.put("worker", e.getValue().worker());
      t.put("queueWaitMs", Math.round(e.getValue().queueWaitMs() * 10) / 10.0);
      t.put("runMs", Math.round(e.getValue().runMs() * 10) / 10.0);
      tasks.add(t);
    }
    tasks.sort((a, b) -> ((String) a.get("archId")).compareTo((String) b.get("archId")));
    r.put("tasks", tasks);
    return r;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (localWorker != null) {
      localWorker.stop();
    }
    pending.values().forEach(p -> p.future().cancel(true));
    pending.clear();
    housekeeping.shutdownNow();
    try {
      board.clear();
    } catch (RuntimeException ignored) {
      // the cluster may be gone already
    }
    hz.shutdown();
    try {
      housekeeping.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
