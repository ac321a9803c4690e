package org.nas4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nas4j.search.dl4j.TrainingWorkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nas worker}: a cluster member that trains the candidates of {@code nas search --cluster}. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Join a nas cluster and train candidates for the searches coordinated there, --jobs at a time.",
      "Logs one line per task; stops on SIGTERM, handing its running tasks back to the other workers.",
      "Open-source Hazelcast has no authentication or TLS: keep the cluster on a private network."
    },
    sortOptions = false,
    footer = {"%nExample:%n  nas worker --cluster-name lab --join 10.0.0.5:5701,10.0.0.6:5701 --bind 10.0.0.7"})
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cluster-name", required = true, paramLabel = "NAME",
      description = "The cluster's name; members of another name are not admitted.")
  String clusterName;

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
      description = "Members to join (other workers or the coordinator), or k8s:SERVICE-DNS for Kubernetes "
          + "discovery (default: this machine's ports from --port on).")
  List<String> join = new ArrayList<>();

  @Option(names = "--port", paramLabel = "P", defaultValue = "5701",
      description = "First port to listen on; the next ones are tried when taken (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to bind and announce (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Candidates trained at once (default: the number of cores, at most " + TrainingWorkers.MAX_DEFAULT
          + ").")
  Integer jobs;

  @Option(names = "--dataset", paramLabel = "DATASET",
      description = "Where this machine keeps the search's dataset (e.g. fashion-mnist:DIR); its checksum must match "
          + "the search's (default: the search's --dataset).")
  String dataset;

  @Option(names = "--pretend-build", hidden = true, paramLabel = "ID",
      description = "Test only: announce this build id instead of this JVM's.")
  String pretendBuild;

  @Override
  public Integer call() throws InterruptedException {
    if (jobs != null && jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be >= 1, got " + jobs);
    }
    return Cluster.worker(join, clusterName, bind, port, jobs != null ? jobs : TrainingWorkers.defaultCount(),
        dataset, pretendBuild, spec.commandLine().getErr());
  }
}
