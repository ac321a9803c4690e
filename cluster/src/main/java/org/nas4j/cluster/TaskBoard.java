package org.nas4j.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's shared task state, as plain strings: {@code tasks} (task id to {@link TaskMessage} JSON, while the
 * coordinator waits for it), {@code queue} (ids ready to run, in submission order), {@code claims} (task id to the
 * member UUID running it; a claim is an atomic put-if-absent, so a task runs on one worker at a time) and {@code
 * results} (task id to {@link ResultMessage} JSON). Each structure keeps one synchronous backup (Hazelcast's
 * default), so a killed worker takes no entry with it. Thread-safe.
 */
final class TaskBoard {
  private final IMap<String, String> tasks;
  private final IQueue<String> queue;
  private final IMap<String, String> claims;
  private final IMap<String, String> results;

  TaskBoard(HazelcastInstance hz) {
    this.tasks = hz.getMap("nas.tasks");
    this.queue = hz.getQueue("nas.queue");
    this.claims = hz.getMap("nas.claims");
    this.results = hz.getMap("nas.results");
  }

  IMap<String, String> results() {
    return results;
  }

  /** Publishes a task and queues it. */
  void publish(String taskId, String json) {
    tasks.set(taskId, json);
    queue.offer(taskId);
  }

  /** Queues a task again (after its worker left or handed it back) unless it has a result or a live claim. */
  void requeue(String taskId) {
    if (tasks.containsKey(taskId) && !results.containsKey(taskId) && !claims.containsKey(taskId)
        && !queue.contains(taskId)) {
      queue.offer(taskId);
    }
  }

  /** The next queued id, or null after {@code millis}. */
  String poll(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Claims a queued task for {@code member}: its JSON, or null when it is finished, withdrawn or claimed by another
   * member.
   */
  String claim(String taskId, String member) {
    if (results.containsKey(taskId)) {
      return null;
    }
    String json = tasks.get(taskId);
    if (json == null || claims.putIfAbsent(taskId, member) != null) {
      return null;
    }
    return json;
  }

  /** Posts a result and drops the claim. */
  void finish(String taskId, String member, String resultJson) {
    results.set(taskId, resultJson);
    claims.remove(taskId, member);
  }

  /** Drops {@code member}'s claim and queues the task again (a stopping worker hands its tasks back). */
  void handBack(String taskId, String member) {
    if (claims.remove(taskId, member)) {
      requeue(taskId);
    }
  }

  /** Drops the claims of a member that left and queues their tasks again; returns how many. */
  int releaseClaimsOf(String member) {
    int n = 0;
    for (var e : claims.entrySet()) {
      if (e.getValue().equals(member) && claims.remove(e.getKey(), member)) {
        requeue(e.getKey());
        n++;
      }
    }
    return n;
  }

  /** Removes every trace of a task. */
  void withdraw(String taskId) {
    tasks.delete(taskId);
    results.delete(taskId);
    claims.delete(taskId);
    queue.remove(taskId);
  }

  /** Empties the board (a new coordinator session: tasks of an earlier, dead coordinator are void). */
  void clear() {
    queue.clear();
    tasks.clear();
    claims.clear();
    results.clear();
  }

  /** Tasks waiting in the queue. */
  int queued() {
    return queue.size();
  }
}
