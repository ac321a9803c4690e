package org.nas4j.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.InvalidProfileException;
import org.nas4j.targets.error.TargetNotFoundException;

class TargetResolverTest {
  @TempDir Path dir;

  /** A user profile: the built-in host profile under another id. */
  Path userProfile(String id) throws Exception {
    Path f = dir.resolve(id + ".json");
    Files.writeString(f, TargetRegistry.toJson(TargetRegistry.builtIn("host")).replace("\"host\"", "\"" + id + "\""));
    return f;
  }

  @Test
  void idsAreBuiltInsAndJsonPathsAreFiles() throws Exception {
    assertThat(TargetResolver.resolve(" pixel ")).isEqualTo(TargetRegistry.builtIn("pixel"));
    Path f = userProfile("lab-box");
    assertThat(TargetResolver.resolve(f.toString()).id()).isEqualTo("lab-box");
    assertThat(TargetResolver.resolve("host", f).id()).isEqualTo("lab-box");
    assertThat(TargetResolver.resolve("host", null)).isEqualTo(TargetRegistry.builtIn("host"));
    assertThatThrownBy(() -> TargetResolver.resolve("pixle")).isInstanceOf(TargetNotFoundException.class)
        .hasMessageContaining("Did you mean 'pixel'?");
    assertThatThrownBy(() -> TargetResolver.resolve(dir.resolve("missing.json").toString()))
        .isInstanceOf(InvalidProfileException.class).hasMessageContaining("target file not found");
  }

  @Test
  void severalTargetsKeepTheirOrderFallBackToTheDefaultAndMustBeDistinct() throws Exception {
    Path f = userProfile("lab-box");
    assertThat(TargetResolver.resolveAll(List.of("host", "pixel"), f, "cuda")).extracting(TargetProfile::id)
        .containsExactly("host", "pixel", "lab-box");
    assertThat(TargetResolver.resolveAll(List.of(), null, "cuda")).extracting(TargetProfile::id)
        .containsExactly("cuda");
    assertThatThrownBy(() -> TargetResolver.resolveAll(List.of("host", "host"), null, "pixel"))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("--target names a target twice: host,host");
  }
}
