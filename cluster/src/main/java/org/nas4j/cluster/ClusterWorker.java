package org.nas4j.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nas4j.search.run.EvaluatorFactory;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.EvaluationTask;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.search.tabular.TabularEvaluatorFactory;
import org.nas4j.search.train.TrainedFrontExporter;
import org.nas4j.search.train.TrainingEvaluatorFactory;

/**
 * Runs tasks from the cluster's {@link TaskBoard}, {@code jobs} at a time: claims one, checks that it comes from this
 * nas build and for data this worker holds (else posts a refusal), runs the candidate's expensive stage, posts the
 * result. Used by {@code nas worker} and by a coordinator that also works ({@code nas search --cluster} with {@code
 * --jobs} above 0). One line per task goes to the log consumer. Thread-safe.
 */
public final class ClusterWorker {
  /** Builds the evaluator for a task's request; called from worker threads, once per distinct request. */
  @FunctionalInterface
  public interface EvaluatorSource {
    CandidateEvaluator evaluator(SearchRequest request);
  }

  private final TaskBoard board;
  private final String member;
  private final String name;
  private final String build;
  private final int jobs;
  private final EvaluatorSource source;
  private final Consumer<String> log;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final Object evaluatorLock = new Object();
  private volatile boolean stopping;
  private String evaluatorKey;
  private CandidateEvaluator evaluator;

  /**
   * A worker on a started member.
   *
   * @param hz the member
   * @param build this JVM's {@link BuildId}
   * @param jobs tasks at once, >= 1
   * @param source builds evaluators
   * @param log receives one line per task
   */
  public ClusterWorker(HazelcastInstance hz, String build, int jobs, EvaluatorSource source, Consumer<String> log) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    this.board = new TaskBoard(hz);
    this.member = hz.getCluster().getLocalMember().getUuid().toString();
    this.name = address(hz.getCluster().getLocalMember());
    this.build = build;
    this.jobs = jobs;
    this.source = source;
    this.log = log;
  }

  /**
   * The evaluators of {@code nas worker}: training or tabular, as the request says, with {@code jobs} trainings at
   * once; {@code dataset} (or null) replaces the request's dataset, for machines that keep it elsewhere.
   */
  public static EvaluatorSource localSource(String nasVersion, int jobs, String dataset) {
    return request -> {
      SearchRequest r = dataset == null || request.training() == null ? request : withDataset(request, dataset);
      EvaluatorFactory f = EvaluatorFactory.byMode(new TabularEvaluatorFactory(jobs),
          new TrainingEvaluatorFactory(nasVersion, TrainedFrontExporter.Progress.NONE, jobs));
      return f.evaluator(r, f.space(r));
    };
  }

  private static SearchRequest withDataset(SearchRequest request, String dataset) {
    ObjectNode n = RunFiles.JSON.valueToTree(request);
    ((ObjectNode) n.get("training")).put("dataset", dataset);
    return RunFiles.JSON.convertValue(n, SearchRequest.class);
  }

  static String address(com.hazelcast.cluster.Member m) {
    return m.getAddress().getHost() + ":" + m.getAddress().getPort();
  }

  /** This worker's address, {@code HOST:PORT}. */
  public String name() {
    return name;
  }

  /** Starts the worker threads. */
  public synchronized void start() {
    for (int i = 0; i < jobs; i++) {
      Thread t = new Thread(this::loop, "nas-worker-" + (i + 1));
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Stops taking tasks and hands the running ones back to the queue, where other workers take them; returns how many
   * it handed back. The member stays up (the caller shuts it down).
   */
  public int stop() {
    stopping = true;
    int n = 0;
    for (String id : List.copyOf(running)) {
      try {
        board.handBack(id, member);
        n++;
      } catch (HazelcastInstanceNotActiveException e) {
        break;
      }
    }
    threads.forEach(Thread::interrupt);
    return n;
  }

  private void loop() {
    while (!stopping) {
      String id;
      String json;
      try {
        id = board.poll(500);
        json = id == null ? null : board.claim(id, member);
      } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
        return;
      }
      if (json == null) {
        continue;
      }
      running.add(id);
      try {
        ResultMessage r = run(id, json);
        if (stopping) {
          return;
        }
        board.finish(id, member, r.json());
        log.accept(line(r, TaskMessage.parse(json)));
      } catch (HazelcastInstanceNotActiveException e) {
        return;
      } finally {
        running.remove(id);
      }
    }
  }

  private ResultMessage run(String id, String json) {
    TaskMessage m;
    try {
      m = TaskMessage.parse(json);
    } catch (IllegalArgumentException e) {
      return ResultMessage.refused(id, name, e.getMessage());
    }
    if (!build.equals(m.build())) {
      return ResultMessage.refused(id, name, "it runs nas " + build + ", the search nas " + m.build());
    }
    CandidateEvaluator ev;
    try {
      ev = evaluator(m.request());
    } catch (RuntimeException e) {
      return ResultMessage.refused(id, name, "cannot build its evaluator: " + e.getMessage());
    }
    String sha = dataSha256(ev);
    if (!Objects.equals(sha, m.dataSha256())) {
      return ResultMessage.refused(id, name, "its data has SHA-256 " + shortSha(sha) + ", the search's "
          + shortSha(m.dataSha256()));
    }
    EvaluationTask task = m.task();
    long t0 = System.nanoTime();
    ObjectiveValues v = ev.expensiveObjectives(task.genome(), task.fidelity());
    return ResultMessage.ran(id, name, v, System.nanoTime() - t0);
  }

  private CandidateEvaluator evaluator(SearchRequest request) {
    String key = request.toString();
    synchronized (evaluatorLock) {
      if (!key.equals(evaluatorKey)) {
        evaluator = null;
        evaluator = source.evaluator(request);
        evaluatorKey = key;
      }
      return evaluator;
    }
  }

  /** The checksum a task's data must match: the training set's or the table's. */
  static String dataSha256(CandidateEvaluator ev) {
    Object sha = ev.provenance().get("datasetSha256");
    if (sha == null) {
      sha = ev.provenance().get("tableSha256");
    }
    return sha == null ? null : sha.toString();
  }

  private static String shortSha(String sha) {
    return sha == null ? "(none)" : sha.substring(0, Math.min(12, sha.length()));
  }

  private static String line(ResultMessage r, TaskMessage m) {
    String arch = m.archId().substring(0, Math.min(12, m.archId().length()));
    if (r.refusal() != null) {
      return "refused " + arch + ": " + r.refusal();
    }
    String took = String.format(Locale.ROOT, "%.1f s", r.nanos() / 1e9);
    if (!r.values().ok()) {
      return "failed  " + arch + " in " + took + ": " + r.values().failureReason();
    }
    Double err = r.values().values().get("error");
    return "done    " + arch + " in " + took
        + (err == null ? "" : String.format(Locale.ROOT, " (error %.4f)", err));
  }
}
