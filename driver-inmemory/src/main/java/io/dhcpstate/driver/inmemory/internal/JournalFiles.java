package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.internal.JournalCodec.Damage;
import io.dhcpstate.driver.inmemory.internal.JournalCodec.Replay;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a lease journal's directory: the journal ({@value #FILE}), the temporary file a
 * compaction writes ({@value #TEMP}), and a lock file ({@value #LOCK}) held while the journal is
 * open, so that no second journal, in this process or another, writes the same files. The
 * journal file is only ever created or replaced whole: written to the temporary file, forced,
 * renamed over it atomically, and the directory forced.
 *
 * <p>Immutable; {@link LeaseJournal} serialises the calls that change files.
 */
final class JournalFiles {
  // Logged under the journal's name: one place to look for, and to capture in tests.
  private static final Logger LOG = LoggerFactory.getLogger(LeaseJournal.class);
  static final String FILE = "leases.journal";
  static final String TEMP = FILE + ".tmp";
  static final String LOCK = FILE + ".lock";
  static final String CORRUPT = FILE + ".corrupt-";

  final Path directory;
  final Path file;
  final Path temp;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private JournalFiles(Path directory, FileChannel lockChannel, FileLock lock) {
    this.directory = directory;
    this.file = directory.resolve(FILE);
    this.temp = directory.resolve(TEMP);
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if missing, takes its lock and deletes what an unfinished compaction
   * left.
   *
   * @throws IOException if a file operation fails
   * @throws IllegalStateException if another journal holds the directory
   */
  static JournalFiles lock(Path directory) throws IOException {
    Files.createDirectories(directory);
    FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException("lease journal in use by another journal: " + directory);
      }
      JournalFiles files = new JournalFiles(directory, channel, lock);
      Files.deleteIfExists(files.temp);
      return files;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Replays the journal, creating an empty one if it is missing. A torn tail is cut off; a
   * corrupt file is copied aside first, then cut at its last valid frame.
   *
   * @return what was replayed
   * @throws IOException if a file operation fails or the file is not a journal of this version
   */
  Replay recover() throws IOException {
    if (Files.exists(file) && Files.size(file) >= JournalCodec.HEADER_BYTES) {
      Replay replay;
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer start = ByteBuffer.allocate(JournalCodec.HEADER_BYTES);
        while (start.hasRemaining() && in.read(start) >= 0) {
          // a file read returns at least one byte until its end
        }
        JournalCodec.checkHeader(start.flip());
        replay = JournalCodec.replay(in, JournalCodec.HEADER_BYTES);
      }
      if (replay.damage() != Damage.NONE) {
        repair(replay);
      }
      return replay;
    }
    if (Files.exists(file)) {
      // Shorter than a header: a creation cut short (recreated), or not a journal (refused).
      JournalCodec.checkHeader(ByteBuffer.wrap(Files.readAllBytes(file)));
    }
    try (FileChannel out = createTemp()) {
      writeAt(out, JournalCodec.header(), 0);
      out.force(false);
    }
    installTemp();
    return new Replay(new HashMap<>(), 0, JournalCodec.HEADER_BYTES, Damage.NONE, 0);
  }

  private void repair(Replay replay) throws IOException {
    if (replay.damage() == Damage.CORRUPT) {
      Path copy = directory.resolve(CORRUPT + System.currentTimeMillis());
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("lease journal {} is corrupt at offset {}: replay stopped there, {} bytes after it"
          + " are ignored; the damaged file is kept as {}", file, replay.validEnd(),
          replay.ignoredBytes(), copy);
    } else {
      LOG.info("lease journal {}: ignoring an incomplete last record ({} bytes at offset {})",
          file, replay.ignoredBytes(), replay.validEnd());
    }
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      out.truncate(replay.validEnd());
      out.force(true);
    }
  }

  /** Opens the journal for positional writes. */
  FileChannel openJournal() throws IOException {
    return FileChannel.open(file, StandardOpenOption.WRITE);
  }

  /** Creates (or empties) the temporary file and opens it for writing. */
  FileChannel createTemp() throws IOException {
    return FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** Renames the forced temporary file over the journal and forces the directory. */
  void installTemp() throws IOException {
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename itself is done.
      LOG.debug("lease journal {}: cannot fsync directory {}", file, directory, e);
    }
  }

  /** Deletes the temporary file, if any; failures are logged at DEBUG. */
  void deleteTemp() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.debug("lease journal {}: cannot delete {}", file, temp, e);
    }
  }

  /** Releases the directory's lock. */
  void release() {
    try {
      lock.release();
    } catch (IOException e) {
      LOG.debug("lease journal {}: releasing the lock failed", file, e);
    }
    closeQuietly(lockChannel);
  }

  /** Writes a whole buffer at a position; returns the position after it. */
  static long writeAt(FileChannel out, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += out.write(b, pos);
    }
    return pos;
  }

  static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("closing a lease journal file failed", e);
      }
    }
  }
}
