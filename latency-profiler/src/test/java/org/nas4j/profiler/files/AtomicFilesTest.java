package org.nas4j.profiler.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileWithReadablePermissionsAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("a").resolve("b.json");
    AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(target)).isEqualTo("second");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    assertThat(names(target.getParent())).containsExactly("b.json");
  }

  @Test
  void aTemporaryFileBesideTheTargetIsHiddenAndMovesIntoPlace() throws Exception {
    Path target = dir.resolve("m.onnx");
    Path tmp = AtomicFiles.tempBeside(target);
    assertThat(tmp.getParent()).isEqualTo(dir);
    assertThat(tmp.getFileName().toString()).startsWith(".m.onnx.").endsWith(".tmp");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp))).isEqualTo("rw-r--r--");
    Files.writeString(tmp, "model");
    AtomicFiles.moveInto(tmp, target);
    assertThat(Files.readString(target)).isEqualTo("model");
    assertThat(names(dir)).containsExactly("m.onnx");
  }

  @Test
  void aFailedWriteLeavesTheFolderAsItWas() throws Exception {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> AtomicFiles.write(blocker.resolve("b.json"), new byte[] {1}))
        .isInstanceOf(IOException.class);
    Path existing = Files.createDirectory(dir.resolve("taken"));
    assertThatThrownBy(() -> AtomicFiles.write(existing, new byte[] {1})).isInstanceOf(IOException.class);
    assertThat(names(dir)).containsExactlyInAnyOrder("file", "taken");
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
