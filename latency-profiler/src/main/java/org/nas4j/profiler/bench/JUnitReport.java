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
 * a {@code <failure>} on a regression.
 */
public final class JUnitReport {
  private JUnitReport() {}

  /**
   * One test case.
   *
   * @param name test name (the model file)
   * @param className class name column (for example {@code nas.bench.host})
   * @param timeS seconds spent on it
   * @param failureMessage one line when it failed, else null
   * @param details the numbers, shown as the failure text or the system-out
   */
  public record Case(String name, String className, double timeS, String failureMessage, String details) {}

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
      w.writeAttribute("failures", String.valueOf(cases.stream().filter(c -> c.failureMessage() != null).count()));
      w.writeAttribute("errors", "0");
      w.writeAttribute("skipped", "0");
      w.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::timeS).sum()));
      for (Case c : cases) {
        w.writeCharacters("\n  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", c.className());
        w.writeAttribute("name", c.name());
        w.writeAttribute("time", seconds(c.timeS()));
        if (c.failureMessage() != null) {
          w.writeCharacters("\n    ");
          w.writeStartElement("failure");
          w.writeAttribute("message", c.failureMessage());
          w.writeAttribute("type", "LatencyRegression");
          w.writeCharacters(c.details());
          w.writeEndElement();
        } else {
          w.writeCharacters("\n    ");
          w.writeStartElement("system-out");
          w.writeCharacters(c.details());
          w.writeEndElement();
        }
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

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
