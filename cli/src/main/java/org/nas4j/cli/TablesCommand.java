package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.nas4j.search.tabular.BenchmarkTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nas tables list}: the benchmark tables built into nas, which {@code --table NAME} accepts. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = "The benchmark tables built into nas (--table nb201, --table fbnet).",
    subcommands = {TablesCommand.ListTables.class},
    footer = {"%nExample:%n  nas tables list"})
final class TablesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: list");
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List each built-in table with its rows, columns, sources and credits.",
      footer = {"%nExample:%n  nas tables list --format json"})
  static final class ListTables implements Callable<Integer> {
    private static final int WIDTH = 100;

    @Spec CommandSpec spec;
    @Mixin OutputFormat format;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<BenchmarkTables.Table> tables = BenchmarkTables.list();
      if (format.json()) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode().put("schema", "nas.tables/v1");
        ArrayNode arr = root.putArray("tables");
        for (BenchmarkTables.Table t : tables) {
          arr.add(m.valueToTree(t));
        }
        out.println(m.writeValueAsString(root));
        return ExitCodes.OK;
      }
      out.printf("%-6s %-6s %6s %8s  %s%n", "NAME", "SPACE", "ROWS", "COLUMNS", "DESCRIPTION");
      for (BenchmarkTables.Table t : tables) {
        out.printf("%-6s %-6s %6d %8d  %s%n", t.name(), t.space(), t.rows(), t.columns().size(), t.description());
      }
      for (BenchmarkTables.Table t : tables) {
        out.println();
        out.printf("%s (arch column: %s; use as --table %s):%n", t.name(), t.archColumn(), t.name());
        wrap(out, "  columns: ", String.join(", ", t.columns()));
        for (BenchmarkTables.Source s : t.sources()) {
          out.printf("  source: %s (sha256 %s)%n", s.file(), s.sha256());
        }
        for (String c : t.credits()) {
          wrap(out, "  credit: ", c);
        }
      }
      return ExitCodes.OK;
    }

    private static void wrap(PrintWriter out, String prefix, String text) {
      StringBuilder line = new StringBuilder(prefix);
      String indent = " ".repeat(prefix.length());
      for (String word : text.split(" ")) {
        if (line.length() + word.length() + 1 > WIDTH && line.length() > prefix.length()) {
          out.println(line.toString().stripTrailing());
          line = new StringBuilder(indent);
        }
        line.append(word).append(' ');
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
