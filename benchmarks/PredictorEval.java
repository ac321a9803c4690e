import java.nio.file.Path;
import org.nas4j.search.latency.fit.PredictorReport;

/** Prints the predictor evaluation report; run through benchmarks/predictor-eval.sh. */
public class PredictorEval {
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/benchmarks");
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    System.out.print(PredictorReport.run(dir, folds, seed));
  }
}
