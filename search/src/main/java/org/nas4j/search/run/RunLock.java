package org.nas4j.search.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * An exclusive lock on {@code DIR/.lock} held while a search writes to the directory (an OS file lock, released when
 * the process dies, kill -9 included). Not reentrant.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock.
   *
   * @throws InvalidArgumentException if another search holds it
   */
  public static RunLock acquire(Path dir) throws IOException {
    FileChannel ch =
        FileChannel.open(dir.resolve(RunFiles.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new InvalidArgumentException("run directory " + dir + " is locked by another search (" + RunFiles.LOCK
          + "); wait for it to finish or use another --out");
    }
    return new RunLock(ch, l);
  }

  /** Whether some process holds the lock on {@code dir} now (false if there is no lock file). */
  public static boolean isLocked(Path dir) {
    Path file = dir.resolve(RunFiles.LOCK);
    if (!java.nio.file.Files.exists(file)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
