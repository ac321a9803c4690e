package org.nas4j.profiler.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.nas4j.profiler.files.AtomicFiles;

/**
 * JUnit XML (the Ant/Surefire {@code <testsuite>} dialect CI servers read) with one {@code <testcase>} per model and
 * a {@code <failure>} on a regression and an {@code <error>} or {@code <skipped>} (by choice) on an inconclusive
 * verdict. {@code src/test/resources/.../junit-jenkins.xsd} is the schema it is tested against.
 */
public final class JUnitReport {
  private JUnitReport() {}

  /** How a test case ended. */
  public enum Outcome { PASSED, FAILURE, ERROR, SKIPPED }

  /**
   * One test case.
   *
   * @param name test name (the model file)
   * @param className class name column (for example {@code nas.bench.host})
   * @param timeS seconds spent on it
   * @param outcome how it ended
   * @param message one line for a failure, error or skip, else null
   * @param details the numbers, shown as the element's text and as system-out
   */
  public record Case(String name, String className, double timeS, Outcome outcome, String message, String details) {}

  /** Writes a {@code <testsuite>} atomically. */
  public static void write(Path file, String suiteName, List<Case> cases) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuite");
      w.writeAttribute("name", suiteName);
      w.writeAttribute("tests", String.valueOf(cases.size()));
      w.writeAttribute("failures", count(cases, Outcome.FAILURE));
      w.writeAttribute("errors", count(cases, Outcome.ERROR));
      w.writeAttribute("skipped", count(cases, Outcome.SKIPPED));
      w.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::timeS).sum()));
      for (Case c : cases) {
        w.writeCharacters("\n  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", c.className());
        w.writeAttribute("name", c.name());
        w.writeAttribute("time", seconds(c.timeS()));
        if (c.outcome() != Outcome.PASSED) {
          w.writeCharacters("\n    ");
          w.writeStartElement(c.outcome() == Outcome.FAILURE ? "failure" : c.outcome() == Outcome.ERROR ? "error"
              : "skipped");
          w.writeAttribute("message", c.message());
          if (c.outcome() != Outcome.SKIPPED) {
            w.writeAttribute("type", c.outcome() == Outcome.FAILURE ? "LatencyRegression" : "Inconclusive");
            w.writeCharacters(c.details());
          }
          w.writeEndElement();
        }
        w.writeCharacters("\n    ");
        w.writeStartElement("system-out");
        w.writeCharacters(c.details());
        w.writeEndElement();
        w.writeCharacters("\n  ");
        w.writeEndElement();
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML " + file + ": " + e.getMessage(), e);
    }
    bytes.write('\n');
    AtomicFiles.write(file, bytes.toByteArray());
  }

  private static String count(List<Case> cases, Outcome outcome) {
    return String.valueOf(cases.stream().filter(c -> c.outcome() == outcome).count());
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
