package org.nas4j.profiler.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files through a temporary file in the same folder and a rename, so no reader sees half a file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes} atomically where the file system allows it.
   *
   * @throws IOException if the folder is not writable or the move fails; the temporary file is removed
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = tempBeside(target);
    try {
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
          java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      moveInto(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new, empty, hidden temporary file in {@code target}'s folder (created if missing), readable by everyone and
   * writable by its owner ({@code rw-r--r--}) as a file written directly would be: {@link Files#createTempFile} alone
   * makes it private to its owner, which the moved file would keep. The caller deletes it if it is not moved.
   */
  public static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
    return tmp;
  }

  /** Moves {@code tmp} onto {@code target}, replacing it, atomically where the file system allows it. */
  public static void moveInto(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
