package org.nas4j.search.space;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A DARTS genotype: a normal and a reduction cell. {@link #toText()} prints it exactly as the DARTS code prints its
 * {@code Genotype} namedtuple, and {@link #parse(String)} reads that text back ({@code range(2, 6)} is accepted for
 * the concat lists, as are line breaks and either quote character).
 *
 * @param normal the normal cell
 * @param reduce the reduction cell
 */
public record DartsGenotype(DartsCell normal, DartsCell reduce) implements Architecture {
  /** Validates that both cells are present. */
  public DartsGenotype {
    if (normal == null || reduce == null) {
      throw new InvalidSearchSpaceException("a DARTS genotype needs a normal and a reduce cell");
    }
  }

  /** DARTS (first order), from the DARTS repository's {@code cnn/genotypes.py}. */
  public static final DartsGenotype DARTS_V1 = parse("Genotype(normal=[('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
      + " ('skip_connect', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
      + " ('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1),"
      + " ('skip_connect', 2), ('max_pool_3x3', 0), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2),"
      + " ('avg_pool_3x3', 0)], reduce_concat=[2, 3, 4, 5])");

  /** DARTS (second order), the paper's main result, from {@code cnn/genotypes.py}. */
  public static final DartsGenotype DARTS_V2 = parse("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1),"
      + " ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0),"
      + " ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1),"
      + " ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2),"
      + " ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");

  /** NASNet-A as transcribed in DARTS' {@code cnn/genotypes.py} (5 nodes, uses sep_conv_7x7; not searchable). */
  public static final DartsGenotype NASNET = parse("Genotype(normal=[('sep_conv_5x5', 1), ('sep_conv_3x3', 0),"
      + " ('sep_conv_5x5', 0), ('sep_conv_3x3', 0), ('avg_pool_3x3', 1), ('skip_connect', 0), ('avg_pool_3x3', 0),"
      + " ('avg_pool_3x3', 0), ('sep_conv_3x3', 1), ('skip_connect', 1)], normal_concat=[2, 3, 4, 5, 6],"
      + " reduce=[('sep_conv_5x5', 1), ('sep_conv_7x7', 0), ('max_pool_3x3', 1), ('sep_conv_7x7', 0),"
      + " ('avg_pool_3x3', 1), ('sep_conv_5x5', 0), ('skip_connect', 3), ('avg_pool_3x3', 2), ('sep_conv_3x3', 2),"
      + " ('max_pool_3x3', 1)], reduce_concat=[4, 5, 6])");

  /** AmoebaNet-A as transcribed in DARTS' {@code cnn/genotypes.py} (5 nodes, uses 7x7 ops; not searchable). */
  public static final DartsGenotype AMOEBANET = parse("Genotype(normal=[('avg_pool_3x3', 0), ('max_pool_3x3', 1),"
      + " ('sep_conv_3x3', 0), ('sep_conv_5x5', 2), ('sep_conv_3x3', 0), ('avg_pool_3x3', 3), ('sep_conv_3x3', 1),"
      + " ('skip_connect', 1), ('skip_connect', 0), ('avg_pool_3x3', 1)], normal_concat=[4, 5, 6],"
      + " reduce=[('avg_pool_3x3', 0), ('sep_conv_3x3', 1), ('max_pool_3x3', 0), ('sep_conv_7x7', 2),"
      + " ('sep_conv_7x7', 0), ('avg_pool_3x3', 1), ('max_pool_3x3', 0), ('max_pool_3x3', 1),"
      + " ('conv_7x1_1x7', 0), ('sep_conv_3x3', 5)], reduce_concat=[3, 4, 6])");

  /** The published genotypes by name ({@code DARTS} is {@code DARTS_V2}, as in the DARTS code). */
  public static final Map<String, DartsGenotype> NAMED = named();

  private static Map<String, DartsGenotype> named() {
    Map<String, DartsGenotype> m = new LinkedHashMap<>();
    m.put("DARTS_V1", DARTS_V1);
    m.put("DARTS_V2", DARTS_V2);
    m.put("DARTS", DARTS_V2);
    m.put("NASNet", NASNET);
    m.put("AmoebaNet", AMOEBANET);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String space() {
    return DartsSpace.NAME;
  }

  /** Whether both cells are in the searchable space (and so have a genome). */
  public boolean searchable() {
    return normal.searchable() && reduce.searchable();
  }

  /** The genotype with both cells in canonical form. */
  public DartsGenotype canonical() {
    return new DartsGenotype(normal.canonical(), reduce.canonical());
  }

  @Override
  public String toText() {
    return "Genotype(normal=" + edgesText(normal) + ", normal_concat=" + normal.concat() + ", reduce="
        + edgesText(reduce) + ", reduce_concat=" + reduce.concat() + ")";
  }

  @Override
  public String toString() {
    return toText();
  }

  private static String edgesText(DartsCell cell) {
    return cell.edges().stream().map(e -> "('" + e.op().text() + "', " + e.input() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String canonicalJson() {
    DartsGenotype c = canonical();
    return "{\"space\":\"darts\",\"normal\":" + edgesJson(c.normal) + ",\"normalConcat\":"
        + c.normal.concat().toString().replace(" ", "") + ",\"reduce\":" + edgesJson(c.reduce)
        + ",\"reduceConcat\":" + c.reduce.concat().toString().replace(" ", "") + "}";
  }

  private static String edgesJson(DartsCell cell) {
    return cell.edges().stream().map(e -> "[\"" + e.op().text() + "\"," + e.input() + "]")
        .collect(Collectors.joining(",", "[", "]"));
  }

  /**
   * Parses a genotype text as DARTS prints it, or a name from {@link #NAMED}.
   *
   * @throws InvalidSearchSpaceException naming the character position and token, or the cell and edge
   */
  public static DartsGenotype parse(String text) {
    if (text == null) {
      throw new InvalidSearchSpaceException("invalid DARTS genotype: no text");
    }
    DartsGenotype named = NAMED == null ? null : NAMED.get(text.strip());
    if (named != null) {
      return named;
    }
    return new Parser(text).genotype();
  }

  /** A small recursive-descent parser for the namedtuple text. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    DartsGenotype genotype() {
      skipWs();
      if (!s.startsWith("Genotype", pos)) {
        throw error("expected 'Genotype(' or one of " + String.join(", ", NAMED == null ? List.of() : NAMED.keySet()));
      }
      pos += "Genotype".length();
      expect('(');
      Map<String, Object> fields = new LinkedHashMap<>();
      while (true) {
        skipWs();
        int keyPos = pos;
        String key = identifier();
        if (!List.of("normal", "normal_concat", "reduce", "reduce_concat").contains(key)) {
          pos = keyPos;
          throw error("unknown field '" + key + "' (expected normal, normal_concat, reduce, reduce_concat)");
        }
        if (fields.containsKey(key)) {
          pos = keyPos;
          throw error("field '" + key + "' given twice");
        }
        expect('=');
        fields.put(key, key.endsWith("concat") ? concat() : edges(key));
        skipWs();
        if (peek() == ',') {
          pos++;
          skipWs();
          if (peek() == ')') {
            break;
          }
          continue;
        }
        break;
      }
      expect(')');
      skipWs();
      if (pos != s.length()) {
        throw error("unexpected text after the closing ')'");
      }
      for (String k : List.of("normal", "normal_concat", "reduce", "reduce_concat")) {
        if (!fields.containsKey(k)) {
          throw new InvalidSearchSpaceException("invalid DARTS genotype: missing field '" + k + "'");
        }
      }
      DartsCell normal = cell("normal", fields);
      DartsCell reduce = cell("reduce", fields);
      return new DartsGenotype(normal, reduce);
    }

    @SuppressWarnings("unchecked")
    private static DartsCell cell(String name, Map<String, Object> fields) {
      try {
        return new DartsCell((List<DartsCell.Edge>) fields.get(name), (List<Integer>) fields.get(name + "_concat"));
      } catch (InvalidSearchSpaceException e) {
        throw new InvalidSearchSpaceException("invalid DARTS genotype: " + name + " cell: " + e.getMessage());
      }
    }

    private List<DartsCell.Edge> edges(String cell) {
      expect('[');
      List<DartsCell.Edge> out = new ArrayList<>();
      skipWs();
      while (peek() != ']') {
        expect('(');
        skipWs();
        int opPos = pos;
        String name = string();
        DartsOp op = DartsOp.byText(name);
        if (op == null) {
          pos = opPos;
          throw error("unknown op '" + name + "' in " + cell + " edge " + out.size() + " (known: "
              + DartsOp.knownNames() + ")");
        }
        expect(',');
        skipWs();
        int inputPos = pos;
        int input = integer();
        if (input < 0) {
          pos = inputPos;
          throw error("negative input node " + input + " in " + cell + " edge " + out.size());
        }
        expect(')');
        out.add(new DartsCell.Edge(op, input));
        afterItem();
      }
      pos++;
      return out;
    }

    /** After a list item: skips a ',' and the white space around it; anything but ',' or the closing ']' is bad. */
    private void afterItem() {
      skipWs();
      if (peek() == ',') {
        pos++;
        skipWs();
      } else if (peek() != ']') {
        throw error("expected ',' or ']'");
      }
    }

    private List<Integer> concat() {
      skipWs();
      List<Integer> out = new ArrayList<>();
      if (s.startsWith("range", pos)) {
        pos += "range".length();
        expect('(');
        int from = integer();
        expect(',');
        int to = integer();
        expect(')');
        if (to - from > 64) {
          throw error("range(" + from + ", " + to + ") is too long");
        }
        for (int i = from; i < to; i++) {
          out.add(i);
        }
        return out;
      }
      expect('[');
      skipWs();
      while (peek() != ']') {
        out.add(integer());
        afterItem();
      }
      pos++;
      return out;
    }

    private String identifier() {
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a field name");
      }
      return s.substring(start, pos);
    }

    private String string() {
      char q = peek();
      if (q != '\'' && q != '"') {
        throw error("expected a quoted op name");
      }
      int end = s.indexOf(q, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String v = s.substring(pos + 1, end);
      pos = end + 1;
      return v;
    }

    private int integer() {
      skipWs();
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      if (start == pos || (pos == start + 1 && s.charAt(start) == '-')) {
        pos = start;
        throw error("expected an integer");
      }
      try {
        return Integer.parseInt(s.substring(start, pos));
      } catch (NumberFormatException e) {
        pos = start;
        throw error("integer out of range");
      }
    }

    private void expect(char c) {
      skipWs();
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private InvalidSearchSpaceException error(String what) {
      String found;
      if (pos >= s.length()) {
        found = "end of text";
      } else {
        int end = Math.min(s.length(), pos + 16);
        found = "'" + s.substring(pos, end).replaceAll("\\s+", " ") + (end < s.length() ? "...'" : "'");
      }
      return new InvalidSearchSpaceException(String.format(Locale.ROOT,
          "invalid DARTS genotype at character %d: %s, found %s", pos + 1, what, found));
    }
  }
}
