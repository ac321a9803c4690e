package org.nas4j.profiler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.bench.JUnitReport.Outcome;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class BaselineFileTest {
  @TempDir Path dir;

  static BaselineEntry entry(String model, double... samples) {
    List<Double> s = java.util.Arrays.stream(samples).boxed().toList();
    return new BaselineEntry(model, "a".repeat(64), TargetRegistry.builtIn("host"),
        TargetRegistry.sha256(TargetRegistry.builtIn("host")), "1.29.0", "cpu", 1, 5,
        SampleStats.of(samples), List.of(s, s), "b".repeat(64), List.of(s, s), null);
  }

  @Test
  void roundTripsTheRawSamples() throws Exception {
    BaselineFile file = new BaselineFile(BaselineFile.SCHEMA, "2026-11-26T00:00:00Z", "dev",
        List.of(entry("a.onnx", 1.0, 1.5, 2.25), entry("b.onnx", 3.0)));
    Path p = dir.resolve("base.json");
    file.write(p);
    BaselineFile back = BaselineFile.read(p);
    assertThat(back).isEqualTo(file);
    assertThat(back.entryFor(Path.of("x/b.onnx")).sessions().get(1)).containsExactly(3.0);
    assertThat(back.entryFor(Path.of("c.onnx"))).isNull();
    assertThat(Files.list(dir)).containsExactly(p); // no temp file left behind
  }

  @Test
  void aSingleEntryMatchesAnyModelName() {
    BaselineFile file = new BaselineFile(BaselineFile.SCHEMA, "t", "dev", List.of(entry("a.onnx", 1.0)));
    assertThat(file.entryFor(Path.of("renamed.onnx"))).isNotNull();
  }

  @Test
  void rejectsCorruptFilesWithOneLineNamingTheFile() throws Exception {
    Path p = dir.resolve("bad.json");
    new BaselineFile(BaselineFile.SCHEMA, "t", "dev", List.of(entry("a.onnx", 1.0))).write(p);
    Files.writeString(p, Files.readString(p).replace("\"nasVersion\"", "\"colour\" : 1, \"nasVersion\""));
    assertThatThrownBy(() -> BaselineFile.read(p)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("bad.json").hasMessageContaining("colour");
    Files.writeString(p, "{\"schema\":\"nas.bench/v1\",\"entries\":[]}");
    assertThatThrownBy(() -> BaselineFile.read(p)).hasMessageContaining("schema must be");
    Files.writeString(p, "{\"schema\":");
    assertThatThrownBy(() -> BaselineFile.read(p)).hasMessageContaining("bad.json");
    BaselineFile good = new BaselineFile(BaselineFile.SCHEMA, "t", "dev", List.of(entry("a.onnx", 1.0)));
    good.write(p);
    Files.writeString(p, Files.readString(p).replace("1.0", "-1.0"));
    assertThatThrownBy(() -> BaselineFile.read(p)).hasMessageContaining("samples must be finite and > 0");
    assertThatThrownBy(() -> BaselineFile.read(dir.resolve("missing.json")))
        .hasMessageContaining("baseline file not found");
  }

  /** A JUnit case as 'nas bench --target host' writes it. */
  private static JUnitReport.Case hostCase(String model, double seconds, Outcome outcome, String message,
      String details) {
    return new JUnitReport.Case(model, "nas.bench.host", seconds, outcome, message, details);
  }

  /** Writes the cases as 'nas bench --target host' does, to {@code name} in the test folder. */
  private Path hostReport(String name, JUnitReport.Case... cases) throws Exception {
    Path p = dir.resolve(name);
    JUnitReport.write(p, "nas bench host", List.of(cases));
    return p;
  }

  @Test
  void junitXmlHasOneTestcasePerModelAndAFailureOnRegression() throws Exception {
    Path p = hostReport("report.xml", hostCase("a.onnx", 1.5, Outcome.PASSED, null, "p50 1 ms"),
        hostCase("b<&>.onnx", 2.0, Outcome.FAILURE, "REGRESSION: +12%", "slowdown +12% > 5%"));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("b<&>.onnx");
    assertThat(failure.getAttribute("message")).isEqualTo("REGRESSION: +12%");
    assertThat(failure.getTextContent()).contains("> 5%");
  }

  @Test
  void junitXmlOfEveryOutcomeIsValidAgainstTheSchemaCiSystemsRead() throws Exception {
    Path p = hostReport("all.xml", hostCase("ok.onnx", 1.5, Outcome.PASSED, null, "OK: +1%"),
        hostCase("slow.onnx", 2.0, Outcome.FAILURE, "REGRESSION: +12%", "details"),
        hostCase("unsure.onnx", 3.0, Outcome.ERROR, "INCONCLUSIVE: +4%", "details"),
        hostCase("skip.onnx", 3.0, Outcome.SKIPPED, "INCONCLUSIVE: +4%", "details"));
    javax.xml.validation.Validator validator = javax.xml.validation.SchemaFactory
        .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(BaselineFileTest.class.getResource("junit.xsd")).newValidator();
    validator.validate(new javax.xml.transform.stream.StreamSource(p.toFile()));
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile()).getDocumentElement();
    assertThat(List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("errors"),
        suite.getAttribute("skipped"))).containsExactly("4", "1", "1", "1");
    // the schema is strict enough to reject what readers choke on: two outcomes in one case
    Path bad = Files.writeString(dir.resolve("bad.xml"), """
        <testsuite name="s" tests="1" failures="1" errors="1"><testcase name="a" classname="c" time="1">
        <failure message="m"/><error message="m"/></testcase></testsuite>""");
    assertThatThrownBy(() -> validator.validate(new javax.xml.transform.stream.StreamSource(bad.toFile())))
        .isInstanceOf(org.xml.sax.SAXException.class);
  }
}
