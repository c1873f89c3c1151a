package io.dhcpstate.driver.inmemory.internal;

import static io.dhcpstate.driver.inmemory.internal.JournalFiles.closeQuietly;
import static io.dhcpstate.driver.inmemory.internal.JournalFiles.writeAt;

import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.driver.inmemory.internal.JournalCodec.Key;
import io.dhcpstate.driver.inmemory.internal.JournalCodec.Replay;
import io.dhcpstate.model.Lease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of lease changes ({@code leases.journal} in its directory), replayed on
 * start and compacted in the background. Thread-safe.
 *
 * <p><b>Format.</b> {@link JournalCodec}: a header, then one frame per change, each with its
 * length and a CRC32. Replay applies upserts (active, declined) and removals (released,
 * expired-reclaimed) by (network, address) in order. A torn last frame (a write cut short by a
 * kill) is ignored and cut off; a corrupt frame followed by more data stops the replay there
 * with a WARN, and the damaged file is kept beside the journal as
 * {@code leases.journal.corrupt-<millis>} before it is cut at the last valid frame.
 *
 * <p><b>Durability.</b> {@link #record} writes its frame with a positional {@link FileChannel}
 * write at the end of the last complete frame before it returns, so the operating system holds
 * it: no policy loses an acknowledged lease to a process kill. {@link FsyncPolicy#ALWAYS} also
 * forces the file before returning (group commit: one force covers every frame written before
 * it); {@link FsyncPolicy#INTERVAL} leaves forcing to the background thread, at most 100 ms
 * apart; {@link FsyncPolicy#NEVER} leaves it to the operating system. A failed write returns the
 * file to the last complete frame and throws, so nothing is acknowledged that replay would skip.
 * The caller's interrupt status is set aside during I/O (an interrupt would close the channel
 * for every thread); a channel closed anyway is reopened.
 *
 * <p><b>Compaction.</b> When the current file holds more than max(10,000, 4 × live) frames, the
 * background thread (or a caller of {@link #compact}) rewrites it: (1) under the lock, start
 * collecting a copy of every frame written from now on, while writes go on to the old file as
 * usual; (2) without the lock, write the header and every live lease to
 * {@code leases.journal.tmp} (the live map is concurrent: a lease changed meanwhile may be seen
 * old or new, but its change is in the collected frames, which come later in the new file and
 * win on replay), then the frames collected so far; force the file; (3) under the lock, write
 * the last collected frames, force, rename the temporary file over the journal atomically, force
 * the directory, and swap channels. A crash before the rename leaves the old journal complete
 * (the temporary file is deleted on the next open), after it the new one. A failed compaction
 * leaves the old journal in use and is retried after as many frames again.
 *
 * <p><b>Locking.</b> {@code compactLock} (one compaction at a time) is taken before
 * {@code forceLock} (one force at a time; no channel is swapped or closed during a force),
 * which is taken before {@code lock} (the channel, its end and counters). A lock file in the
 * directory keeps a second journal, in this or another process, from opening the same files.
 */
public final class LeaseJournal implements LeaseLog {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseJournal.class);
  static final int COMPACTION_FLOOR = 10_000;
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int CHUNK = 256 * 1024;

  private final JournalFiles files;
  private final Path file;
  private final FsyncPolicy policy;
  private final int compactionFloor;
  private final List<Lease> recovered;
  private final Thread worker;
  private final ReentrantLock compactLock = new ReentrantLock();
  private final ReentrantLock forceLock = new ReentrantLock();
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean closing = new AtomicBoolean();
  /** Written under {@code lock}; read without it by compaction. */
  private final ConcurrentHashMap<Key, Lease> live;

  /** Guarded by {@code lock}; not swapped or closed while {@code forceLock} is held. */
  private FileChannel channel;
  /** Guarded by {@code lock}: the file offset just after the last complete frame. */
  private long end;
  /** Guarded by {@code lock}: frames in the current file. */
  private long appended;
  /** Guarded by {@code lock}: the count {@link #appended} must pass before compaction retries. */
  private long retryAfter;
  /** Guarded by {@code lock}: while compacting, a copy of every frame written meanwhile. */
  private List<byte[]> collected;
  /** Guarded by {@code lock}. */
  private boolean closed;
  /** Written under {@code lock}: frames written since open. */
  private volatile long written;
  /** Written under {@code forceLock}: how many of {@link #written} are known to be on disk. */
  private volatile long forced;
  private volatile boolean compactionDue;
  private volatile boolean stopping;

  private LeaseJournal(JournalFiles files, FsyncPolicy policy, int compactionFloor)
      throws IOException {
    this.files = files;
    this.file = files.file;
    this.policy = policy;
    this.compactionFloor = compactionFloor;
    Replay replay = files.recover();
    this.live = new ConcurrentHashMap<>(replay.live());
    this.recovered = List.copyOf(replay.live().values());
    this.channel = files.openJournal();
    this.end = replay.validEnd();
    this.appended = replay.records();
    this.compactionDue = appended > threshold();
    this.worker = new Thread(this::work, "dhcpstate-lease-journal");
    worker.setDaemon(true);
    LOG.info("lease journal {}: {} live leases from {} records", file, live.size(), appended);
  }

  /**
   * Opens the journal in a directory, creating both if missing, and replays it.
   *
   * @param directory the journal's directory
   * @param policy when writes are forced to disk
   * @return the open journal; its {@link #leases()} are the leases recovered
   * @throws UncheckedIOException naming the path if the directory or the journal cannot be
   *     created, read or written, or the file is not a journal of this version
   * @throws IllegalStateException if another open journal uses the directory
   */
  public static LeaseJournal open(Path directory, FsyncPolicy policy) {
    return open(directory, policy, COMPACTION_FLOOR);
  }

  /** As {@link #open(Path, FsyncPolicy)}, compacting past max(floor, 4 × live) frames. */
  static LeaseJournal open(Path directory, FsyncPolicy policy, int compactionFloor) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(policy, "policy");
    JournalFiles files = null;
    boolean opened = false;
    try {
      files = JournalFiles.lock(directory);
      LeaseJournal journal = new LeaseJournal(files, policy, compactionFloor);
      journal.worker.start();
      opened = true;
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open lease journal " + directory.resolve(JournalFiles.FILE), e);
    } finally {
      if (!opened && files != null) {
        files.release();
      }
    }
  }

  /**
   * Returns the live leases recovered when the journal was opened.
   *
   * @return the active and declined leases, one per network and address
   */
  public List<Lease> leases() {
    return recovered;
  }

  /**
   * Appends a lease change; returns once the operating system holds it (and, with
   * {@link FsyncPolicy#ALWAYS}, the disk).
   *
   * @param lease the lease after the change
   * @throws UncheckedIOException naming the file if writing or forcing fails; the change is then
   *     not in the journal, or (a failed force) in it but maybe not on disk
   * @throws IllegalStateException if the journal is closed
   */
  @Override
  public void record(Lease lease) {
    byte[] frame = JournalCodec.frame(Objects.requireNonNull(lease, "lease"));
    long sequence;
    lock.lock();
    try {
      checkOpen();
      try {
        writeFrame(frame);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to lease journal " + file, e);
      }
      end += frame.length;
      appended++;
      sequence = ++written;
      JournalCodec.apply(live, lease);
      if (collected != null) {
        collected.add(frame);
      }
      if (!compactionDue && collected == null && appended > threshold()
          && appended > retryAfter) {
        compactionDue = true;
        LockSupport.unpark(worker);
      }
    } finally {
      lock.unlock();
    }
    if (policy == FsyncPolicy.ALWAYS) {
      force(sequence);
    }
  }

  /**
   * Rewrites the journal to hold only the live leases, without stopping {@link #record}.
   *
   * @throws UncheckedIOException naming the file if the rewrite fails; the old journal is then
   *     still complete and in use
   * @throws IllegalStateException if the journal is closed, or closes meanwhile
   */
  public void compact() {
    boolean interrupted = Thread.interrupted(); // an interrupt would close the new file
    compactLock.lock();
    try {
      compactionDue = false;
      rewrite();
    } finally {
      compactLock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the background thread, forces the file (unless the policy is NEVER) and closes it. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    stopping = true;
    LockSupport.unpark(worker);
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    forceLock.lock();
    lock.lock();
    try {
      closed = true;
      if (policy != FsyncPolicy.NEVER && forced < written) {
        channel.force(false);
        forced = written;
      }
    } catch (IOException e) {
      LOG.warn("lease journal {}: final fsync failed", file, e);
    } finally {
      closeQuietly(channel);
      lock.unlock();
      forceLock.unlock();
      files.release();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private long threshold() {
    return Math.max(compactionFloor, 4L * live.size());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("lease journal is closed: " + file);
    }
  }

  /** Writes a frame at {@link #end}; on failure cuts the file back there. Holds {@code lock}. */
  private void writeFrame(byte[] frame) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          writeAt(channel, ByteBuffer.wrap(frame), end);
          return;
        } catch (ClosedChannelException e) {
          // Closed by an interrupt of a forcing thread: reopen and write the frame again.
          if (attempt > 0) {
            throw e;
          }
          interrupted |= Thread.interrupted();
          closeQuietly(channel);
          channel = files.openJournal();
        } catch (IOException e) {
          try {
            channel.truncate(end);
          } catch (IOException again) {
            e.addSuppressed(again); // the next write overwrites the partial frame anyway
          }
          throw e;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Forces the file until at least {@code sequence} frames are on disk (group commit). */
  private void force(long sequence) {
    if (forced >= sequence) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    forceLock.lock();
    try {
      for (int attempt = 0; forced < sequence; attempt++) {
        FileChannel ch;
        long upTo;
        lock.lock();
        try {
          checkOpen();
          ch = channel;
          upTo = written;
        } finally {
          lock.unlock();
        }
        try {
          ch.force(false);
          forced = upTo;
        } catch (ClosedChannelException e) {
          if (attempt > 0) {
            throw new UncheckedIOException("cannot fsync lease journal " + file, e);
          }
          interrupted |= Thread.interrupted();
          reopen(ch);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fsync lease journal " + file, e);
    } finally {
      forceLock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void reopen(FileChannel closedChannel) throws IOException {
    lock.lock();
    try {
      checkOpen();
      if (channel == closedChannel) {
        channel = files.openJournal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The background thread: compacts when due and, with INTERVAL, forces every 100 ms. */
  private void work() {
    while (!stopping) {
      if (compactionDue) {
        try {
          compact();
        } catch (RuntimeException e) {
          if (stopping) {
            return;
          }
          LOG.warn("lease journal {}: compaction failed; the journal stays as it was", file, e);
          lock.lock();
          try {
            retryAfter = appended + threshold();
          } finally {
            lock.unlock();
          }
        }
      }
      tick();
      LockSupport.parkNanos(this, INTERVAL_NANOS);
    }
  }

  /** With INTERVAL, forces what was written since the last force. */
  private void tick() {
    long w = written;
    if (policy == FsyncPolicy.INTERVAL && forced < w && !stopping) {
      try {
        force(w);
      } catch (RuntimeException e) {
        LOG.warn("lease journal {}: periodic fsync failed", file, e);
      }
    }
  }

  /** Compaction's three steps (see the class comment). Holds {@code compactLock}. */
  private void rewrite() {
    long started = System.nanoTime();
    lock.lock();
    try {
      checkOpen();
      collected = new ArrayList<>();
    } finally {
      lock.unlock();
    }
    FileChannel out = null;
    boolean swapped = false;
    try {
      out = files.createTemp();
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK).put(JournalCodec.header());
      long pos = 0;
      long frames = 0;
      long nextTick = System.nanoTime() + INTERVAL_NANOS;
      for (Lease lease : live.values()) {
        byte[] frame = JournalCodec.frame(lease);
        if (chunk.remaining() < frame.length) {
          pos = writeAt(out, chunk.flip(), pos);
          chunk.clear();
          if (System.nanoTime() - nextTick > 0) {
            checkStopping();
            tick(); // INTERVAL's promise holds for the old file during a long compaction
            nextTick = System.nanoTime() + INTERVAL_NANOS;
          }
        }
        chunk.put(frame);
        frames++;
      }
      pos = writeAt(out, chunk.flip(), pos);
      for (int round = 0; round < 3; round++) {
        List<byte[]> batch = takeCollected();
        pos = writeFrames(out, batch, pos);
        frames += batch.size();
      }
      out.force(false);
      forceLock.lock();
      lock.lock();
      try {
        checkOpen();
        checkStopping();
        List<byte[]> batch = collected;
        pos = writeFrames(out, batch, pos);
        frames += batch.size();
        out.force(false);
        files.installTemp();
        swapped = true;
        closeQuietly(channel);
        channel = out;
        end = pos;
        appended = frames;
        retryAfter = 0;
        collected = null;
        forced = written;
      } finally {
        lock.unlock();
        forceLock.unlock();
      }
      LOG.debug("lease journal {} compacted to {} records in {} ms", file, frames,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact lease journal " + file, e);
    } finally {
      if (!swapped) {
        lock.lock();
        try {
          collected = null;
        } finally {
          lock.unlock();
        }
        closeQuietly(out);
        files.deleteTemp();
      }
    }
  }

  private List<byte[]> takeCollected() {
    lock.lock();
    try {
      List<byte[]> batch = collected;
      collected = new ArrayList<>();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void checkStopping() {
    if (stopping) {
      throw new IllegalStateException("lease journal is closing: " + file);
    }
  }

  private static long writeFrames(FileChannel out, List<byte[]> frames, long pos)
      throws IOException {
    for (byte[] f : frames) {
      pos = writeAt(out, ByteBuffer.wrap(f), pos);
    }
    return pos;
  }
}
