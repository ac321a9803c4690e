package org.nas4j.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.targets.error.InvalidArgumentException;

class GenotypeFilesTest {
  @TempDir Path dir;

  @Test
  void fidelityTakesTheFirstGenotypesInOrderSkippingBlanksAndComments() throws Exception {
    Path file = dir.resolve("g.txt");
    List<DartsGenotype> drawn = FidelityStudy.draw(3, 7);
    Files.write(file, List.of("# three", drawn.get(0).toText(), "", "DARTS_V2", drawn.get(2).toText()));
    assertThat(GenotypeFiles.forFidelity(file, -1)).containsExactly(drawn.get(0), DartsGenotype.parse("DARTS_V2"),
        drawn.get(2));
    assertThat(GenotypeFiles.forFidelity(file, 2)).containsExactly(drawn.get(0), DartsGenotype.parse("DARTS_V2"));
  }

  @Test
  void fidelityRefusesTooFewABadLineOrAMissingFile() throws Exception {
    Path file = dir.resolve("g.txt");
    Files.write(file, List.of("DARTS_V2", "DARTS_V1"));
    assertThatThrownBy(() -> GenotypeFiles.forFidelity(file, 3)).isInstanceOf(InvalidArgumentException.class)
        .hasMessage(file + " holds 2 genotype(s); the study needs 3");
    Files.write(file, List.of("DARTS_V2", "Genotype(nonsense)"));
    assertThatThrownBy(() -> GenotypeFiles.forFidelity(file, -1)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(file + " line 2: ");
    assertThatThrownBy(() -> GenotypeFiles.forFidelity(dir.resolve("none.txt"), -1))
        .hasMessageStartingWith("cannot read --genotypes " + dir.resolve("none.txt"));
  }

  @Test
  void signalsReadsTheRowsOfAFidelityOutputAndSkipsItsOtherLines() throws Exception {
    Path file = dir.resolve("fidelity.jsonl");
    List<DartsGenotype> drawn = FidelityStudy.draw(2, 3);
    Files.write(file, List.of("{\"setup\":{\"seed\":3}}",
        "{\"index\":0,\"genotype\":\"" + drawn.get(0).toText() + "\"}",
        "{\"index\":1,\"genotype\":\"" + drawn.get(1).toText() + "\"}",
        "{\"summary\":{\"kendallTau\":1.0}}", "DARTS_V2"));
    assertThat(GenotypeFiles.forSignals(file)).containsExactly(drawn.get(0), drawn.get(1),
        DartsGenotype.parse("DARTS_V2"));
  }

  @Test
  void signalsRefusesAnEmptyFileOrABadLine() throws Exception {
    Path file = dir.resolve("g.txt");
    Files.write(file, List.of("# nothing", ""));
    assertThatThrownBy(() -> GenotypeFiles.forSignals(file)).hasMessage(file + " holds no genotypes");
    Files.write(file, List.of("DARTS_V2", "{not json"));
    assertThatThrownBy(() -> GenotypeFiles.forSignals(file)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(file + " line 2 is not a DARTS genotype or a fidelity row");
  }
}
