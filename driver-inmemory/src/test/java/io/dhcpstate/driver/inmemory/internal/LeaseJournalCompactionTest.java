package io.dhcpstate.driver.inmemory.internal;

import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.applyTo;
import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.byKey;
import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.lease;
import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.recovered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction of {@link LeaseJournal}: explicit, in the background, concurrent, failing. */
class LeaseJournalCompactionTest {
  @TempDir Path dir;

  private Path journalFile() {
    return dir.resolve(JournalFiles.FILE);
  }

  /** Changes over a few networks and addresses, the same for a seed. */
  private static List<Lease> changes(long seed, int count, int networks, int hosts) {
    Random random = new Random(seed);
    List<Lease> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(lease("n" + random.nextInt(networks), 1 + random.nextInt(hosts),
          LeaseState.values()[random.nextInt(4)]));
    }
    return out;
  }

  @Test
  void compact_manyChanges_keepsEveryLiveLeaseAndShrinksFile() throws IOException {
    Map<String, Lease> model = new HashMap<>();
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      for (Lease change : changes(1, 5000, 3, 40)) {
        j.record(change);
        applyTo(model, change);
      }
      long before = Files.size(journalFile());
      j.compact();
      assertThat(Files.size(journalFile())).isLessThan(before / 10);
      assertThat(dir.resolve(JournalFiles.TEMP)).doesNotExist();
    }
    assertThat(recovered(dir)).isEqualTo(model).isNotEmpty();
  }

  @Test
  void compact_thenReopenAndRecordMore_everythingRecovered() {
    Map<String, Lease> model = new HashMap<>();
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.ALWAYS)) {
      for (Lease change : changes(2, 100, 2, 20)) {
        j.record(change);
        applyTo(model, change);
      }
      j.compact();
      for (Lease change : changes(3, 40, 2, 20)) {
        j.record(change);
        applyTo(model, change);
      }
    }
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.ALWAYS)) {
      assertThat(byKey(j.leases())).isEqualTo(model);
      j.compact();
      for (Lease change : changes(4, 40, 2, 20)) {
        j.record(change);
        applyTo(model, change);
      }
    }
    assertThat(recovered(dir)).isEqualTo(model);
  }

  @Test
  void compact_emptyJournal_leavesValidEmptyJournal() throws IOException {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 1, LeaseState.ACTIVE));
      j.record(lease("n1", 1, LeaseState.RELEASED));
      j.compact();
    }
    assertThat(Files.size(journalFile())).isEqualTo(JournalCodec.HEADER_BYTES);
    assertThat(recovered(dir)).isEmpty();
  }

  @Test
  void record_pastThreshold_compactsInBackground() throws Exception {
    Map<String, Lease> model = new HashMap<>();
    List<Lease> changes = changes(5, 20_000, 2, 25);
    long uncompacted = 0;
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.INTERVAL, 200)) {
      for (Lease change : changes) {
        j.record(change);
        applyTo(model, change);
        uncompacted += JournalCodec.frame(change).length;
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (Files.size(journalFile()) > 400L * 40 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // At most the floor's worth of frames past the last compaction, and far below the total.
      assertThat(Files.size(journalFile())).isLessThan(uncompacted / 10);
    }
    assertThat(recovered(dir)).isEqualTo(model);
  }

  @Test
  void compact_whileManyThreadsRecord_losesNothing() throws Exception {
    int threads = 6;
    List<Map<String, Lease>> models = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger compactions = new AtomicInteger();
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER, 500)) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Map<String, Lease> model = new HashMap<>();
        models.add(model);
        String network = "w" + t;
        Random random = new Random(100 + t);
        Thread w = new Thread(() -> {
          try {
            for (int i = 0; i < 8_000; i++) {
              Lease change = lease(network, 1 + random.nextInt(100),
                  LeaseState.values()[random.nextInt(4)]);
              j.record(change);
              applyTo(model, change);
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        workers.add(w);
        w.start();
      }
      Thread compactor = new Thread(() -> {
        while (!done.get()) {
          j.compact();
          compactions.incrementAndGet();
        }
      });
      compactor.start();
      for (Thread w : workers) {
        w.join();
      }
      done.set(true);
      compactor.join();
    }
    assertThat(failures).isEmpty();
    assertThat(compactions.get()).isPositive();
    Map<String, Lease> expected = new HashMap<>();
    models.forEach(expected::putAll);
    assertThat(recovered(dir)).isEqualTo(expected);
  }

  /**
   * Crash images: copies of the journal taken at random moments while one writer records and
   * the background thread compacts often. Each copy must replay to the state after some number
   * of changes between those acknowledged when the copy began and those written when it ended.
   * On tmpfs where there is one, so that compactions are frequent.
   */
  @Test
  void crashImages_takenDuringRecordsAndCompactions_holdEveryAcknowledgedChange(
      @TempDir(factory = LeaseJournalPropertiesTest.TmpfsWhereAvailable.class) Path dir)
      throws Exception {
    List<Lease> changes = changes(6, 6000, 3, 8);
    AtomicInteger acknowledged = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Path> images = new ArrayList<>();
    List<int[]> windows = new ArrayList<>();
    try (LeaseJournal j = LeaseJournal.open(dir.resolve("live"), FsyncPolicy.NEVER, 20)) {
      Thread writer = new Thread(() -> {
        try {
          for (Lease change : changes) {
            j.record(change);
            acknowledged.incrementAndGet();
            if (acknowledged.get() % 64 == 0) {
              Thread.sleep(1); // let the copier and the compactor interleave
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      writer.start();
      for (int i = 0; writer.isAlive() && i < 300; i++) {
        int from = acknowledged.get();
        Path image = dir.resolve("image-" + i);
        Files.createDirectories(image);
        Files.copy(dir.resolve("live").resolve(JournalFiles.FILE),
            image.resolve(JournalFiles.FILE), StandardCopyOption.REPLACE_EXISTING);
        windows.add(new int[] {from, acknowledged.get() + 1});
        images.add(image);
        Thread.sleep(1); // spread the images over the whole run
      }
      writer.join();
    }
    assertThat(failures).isEmpty();
    assertThat(images).hasSizeGreaterThan(10);
    Map<String, Lease> base = new HashMap<>(); // the state after `applied` changes
    int applied = 0;
    for (int i = 0; i < images.size(); i++) {
      Map<String, Lease> image = recovered(images.get(i));
      int from = windows.get(i)[0];
      int to = Math.min(windows.get(i)[1], changes.size());
      for (; applied < from; applied++) {
        applyTo(base, changes.get(applied));
      }
      Map<String, Lease> model = new HashMap<>(base);
      boolean matched = model.equals(image);
      for (int k = from; k < to && !matched; k++) {
        applyTo(model, changes.get(k));
        matched = model.equals(image);
      }
      assertThat(matched).as("image %d matches the state after %d..%d changes", i, from, to)
          .isTrue();
    }
  }

  @Test
  void compact_failing_keepsOldJournalInUse() throws IOException {
    Map<String, Lease> model = new HashMap<>();
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      for (Lease change : changes(7, 500, 2, 30)) {
        j.record(change);
        applyTo(model, change);
      }
      Path blocker = Files.createDirectories(dir.resolve(JournalFiles.TEMP).resolve("x"));
      assertThatThrownBy(j::compact).isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(journalFile().toString());
      for (Lease change : changes(8, 100, 2, 30)) {
        j.record(change);
        applyTo(model, change);
      }
      Files.delete(blocker);
      Files.delete(blocker.getParent());
    }
    assertThat(recovered(dir)).isEqualTo(model);
  }
}
