package io.dhcpstate.driver.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unit tests of {@link LeaseJournal}: round trips, removals, damaged files, misuse, threads. */
class LeaseJournalTest {
  @TempDir Path dir;

  /** A lease of host {@code host} (1..254) of 10.0.0.0/24 in a network, expiring by host. */
  static Lease lease(String network, int host, LeaseState state) {
    return new Lease(network, MacAddress.of(0x02_00_00_00_00_00L | host),
        IpAddress.ofV4(0x0a_00_00_00 | host), Optional.empty(), Optional.empty(),
        Optional.of(Instant.ofEpochSecond(1_700_000_000L + host)), state);
  }

  /** The leases by "network/ip", for comparisons that ignore order. */
  static Map<String, Lease> byKey(List<Lease> leases) {
    Map<String, Lease> out = new HashMap<>();
    for (Lease l : leases) {
      assertThat(out.put(l.networkId() + "/" + l.ip(), l)).as("one lease per key").isNull();
    }
    return out;
  }

  /** A test oracle independent of the journal: upserts and removals by "network/ip". */
  static void applyTo(Map<String, Lease> model, Lease change) {
    String key = change.networkId() + "/" + change.ip();
    if (change.state() == LeaseState.ACTIVE || change.state() == LeaseState.DECLINED) {
      model.put(key, change);
    } else {
      model.remove(key);
    }
  }

  /** Reopens a directory's journal and returns what it recovered. */
  static Map<String, Lease> recovered(Path directory) {
    try (LeaseJournal j = LeaseJournal.open(directory, FsyncPolicy.NEVER)) {
      return byKey(j.leases());
    }
  }

  private Path journalFile() {
    return dir.resolve(JournalFiles.FILE);
  }

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void record_everyKindOfLease_reopenedEqual(FsyncPolicy policy) {
    List<Lease> leases = List.of(
        lease("net-1", 1, LeaseState.ACTIVE),
        lease("net-1", 2, LeaseState.DECLINED),
        new Lease("n2", MacAddress.parse("fa:16:3e:00:00:01"), IpAddress.parse("2001:db8::1"),
            Optional.of("01:FA:16:3e:00:00:01"), Optional.of("host-1.example.org."),
            Optional.of(Instant.ofEpochSecond(-5, 999_999_999)), LeaseState.ACTIVE),
        new Lease("N.3_x-" + "a".repeat(58), MacAddress.of(0xffff_ffff_ffffL),
            IpAddress.parse("255.255.255.255"), Optional.of(longClientId()),
            Optional.of(("a".repeat(63) + ".").repeat(3) + "b".repeat(61)), Optional.empty(),
            LeaseState.DECLINED));
    try (LeaseJournal j = LeaseJournal.open(dir, policy)) {
      assertThat(j.leases()).isEmpty();
      leases.forEach(j::record);
    }
    try (LeaseJournal j = LeaseJournal.open(dir, policy)) {
      assertThat(j.leases()).containsExactlyInAnyOrderElementsOf(leases);
    }
  }

  private static String longClientId() {
    String[] octets = new String[255];
    Arrays.fill(octets, "Ab");
    return String.join(":", octets);
  }

  @Test
  void record_sameAddressTwice_latestValueWins() {
    Lease second = new Lease("n1", MacAddress.of(99), IpAddress.ofV4(0x0a_00_00_01),
        Optional.empty(), Optional.of("other"), Optional.empty(), LeaseState.ACTIVE);
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 1, LeaseState.ACTIVE));
      j.record(second);
    }
    assertThat(recovered(dir).values()).containsExactly(second);
  }

  @Test
  void record_releasedAndReclaimed_removeTheirLeases() {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      for (int h = 1; h <= 4; h++) {
        j.record(lease("n1", h, LeaseState.ACTIVE));
      }
      j.record(lease("n1", 1, LeaseState.RELEASED));
      j.record(lease("n1", 2, LeaseState.EXPIRED_RECLAIMED));
      j.record(lease("n2", 3, LeaseState.RELEASED)); // another network: nothing to remove
      j.record(lease("n1", 9, LeaseState.RELEASED)); // never leased: nothing to remove
    }
    assertThat(recovered(dir).keySet()).containsExactlyInAnyOrder("n1/10.0.0.3", "n1/10.0.0.4");
  }

  @Test
  void open_missingNestedDirectory_createdWithEmptyJournal() throws IOException {
    Path nested = dir.resolve("a/b/c");
    try (LeaseJournal j = LeaseJournal.open(nested, FsyncPolicy.ALWAYS)) {
      assertThat(j.leases()).isEmpty();
    }
    assertThat(Files.size(nested.resolve(JournalFiles.FILE)))
        .isEqualTo(JournalCodec.HEADER_BYTES);
    assertThat(recovered(nested)).isEmpty();
  }

  @Test
  void open_tornLastRecordAtEveryLength_ignoredAndLaterRecordsKept() throws IOException {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 1, LeaseState.ACTIVE));
    }
    long goodEnd = Files.size(journalFile());
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 2, LeaseState.ACTIVE));
    }
    byte[] full = Files.readAllBytes(journalFile());
    for (int cut = (int) goodEnd; cut < full.length; cut++) {
      Files.write(journalFile(), Arrays.copyOf(full, cut));
      try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
        assertThat(byKey(j.leases()).keySet()).as("cut at %d", cut)
            .containsExactly("n1/10.0.0.1");
        j.record(lease("n1", 3, LeaseState.ACTIVE)); // must land after the cut, readable
      }
      assertThat(recovered(dir).keySet()).as("cut at %d", cut)
          .containsExactlyInAnyOrder("n1/10.0.0.1", "n1/10.0.0.3");
    }
    assertThat(corruptCopies()).isEmpty();
  }

  @Test
  void open_zeroFilledTail_treatedAsTorn() throws IOException {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 1, LeaseState.ACTIVE));
    }
    long goodEnd = Files.size(journalFile());
    Files.write(journalFile(), new byte[4096], java.nio.file.StandardOpenOption.APPEND);
    assertThat(recovered(dir).keySet()).containsExactly("n1/10.0.0.1");
    assertThat(Files.size(journalFile())).isEqualTo(goodEnd);
    assertThat(corruptCopies()).isEmpty();
  }

  @Test
  void open_corruptMiddleRecord_stopsThereWarnsWithoutValuesAndKeepsCopy() throws IOException {
    List<Long> ends = new ArrayList<>();
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      for (int h = 1; h <= 3; h++) {
        j.record(lease("n1", h, LeaseState.ACTIVE));
        ends.add(Files.size(journalFile()));
      }
    }
    byte[] bytes = Files.readAllBytes(journalFile());
    bytes[(int) (ends.get(0) + ends.get(1)) / 2] ^= 0x40; // inside the second record
    Files.write(journalFile(), bytes);

    String log = captureStderr(() -> assertThat(recovered(dir).keySet())
        .containsExactly("n1/10.0.0.1"));

    assertThat(log).contains("WARN").contains("corrupt").contains(journalFile().toString())
        .doesNotContain("10.0.0.").doesNotContain("02:00:00");
    assertThat(corruptCopies()).hasSize(1);
    assertThat(Files.readAllBytes(corruptCopies().get(0))).isEqualTo(bytes);
    assertThat(Files.size(journalFile())).isEqualTo(ends.get(0));
  }

  @Test
  void open_validCrcOverInvalidLease_treatedAsCorruption() throws IOException {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 1, LeaseState.ACTIVE));
    }
    byte[] bad = JournalCodec.frame(lease("n1", 2, LeaseState.ACTIVE));
    bad[JournalCodec.FRAME_OVERHEAD + 3] = '.'; // network id ".1": not an identifier
    resealed(bad);
    byte[] after = JournalCodec.frame(lease("n1", 3, LeaseState.ACTIVE));
    Files.write(journalFile(), concat(bad, after), java.nio.file.StandardOpenOption.APPEND);

    assertThat(recovered(dir).keySet()).containsExactly("n1/10.0.0.1");
    assertThat(corruptCopies()).hasSize(1);
  }

  @Test
  void decode_trailingOrUnknownBytes_rejected() {
    byte[] frame = JournalCodec.frame(lease("n1", 1, LeaseState.ACTIVE));
    ByteBuffer payload = ByteBuffer.wrap(frame, JournalCodec.FRAME_OVERHEAD,
        frame.length - JournalCodec.FRAME_OVERHEAD).slice();
    assertThat(JournalCodec.decode(payload)).contains(lease("n1", 1, LeaseState.ACTIVE));

    byte[] longer = Arrays.copyOfRange(frame, JournalCodec.FRAME_OVERHEAD, frame.length + 1);
    assertThat(JournalCodec.decode(ByteBuffer.wrap(longer))).isEmpty();
    byte[] unknownState = payload.array().clone();
    unknownState[JournalCodec.FRAME_OVERHEAD] = 9;
    assertThat(JournalCodec.decode(ByteBuffer.wrap(unknownState, JournalCodec.FRAME_OVERHEAD,
        payload.remaining()).slice())).isEmpty();
  }

  @Test
  void open_fileThatIsNotAJournal_refusedNamingPath() throws IOException {
    Files.writeString(journalFile(), "lease 10.0.0.1 { }\n");
    assertThatThrownBy(() -> LeaseJournal.open(dir, FsyncPolicy.NEVER))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(journalFile().toString())
        .hasStackTraceContaining("not a lease journal");
    assertThat(Files.readString(journalFile())).isEqualTo("lease 10.0.0.1 { }\n");
    // and the directory is not left locked
    Files.delete(journalFile());
    recovered(dir);
  }

  @Test
  void open_directoryPathIsAFile_throwsNamingPath() throws IOException {
    Path notADir = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> LeaseJournal.open(notADir.resolve("j"), FsyncPolicy.NEVER))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(notADir.resolve("j").toString());
  }

  @Test
  void open_headerPrefixOnly_recreatedEmpty() throws IOException {
    Files.write(journalFile(), Arrays.copyOf(JournalCodec.header().array(), 5));
    assertThat(recovered(dir)).isEmpty();
    assertThat(Files.size(journalFile())).isEqualTo(JournalCodec.HEADER_BYTES);
  }

  @Test
  void open_staleTempFromInterruptedCompaction_ignoredAndDeleted() throws IOException {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.NEVER)) {
      j.record(lease("n1", 1, LeaseState.ACTIVE));
    }
    byte[] halfWritten = concat(JournalCodec.header().array(),
        Arrays.copyOf(JournalCodec.frame(lease("n9", 9, LeaseState.ACTIVE)), 11));
    Files.write(dir.resolve(JournalFiles.TEMP), halfWritten);
    assertThat(recovered(dir).keySet()).containsExactly("n1/10.0.0.1");
    assertThat(dir.resolve(JournalFiles.TEMP)).doesNotExist();
  }

  @Test
  void open_directoryAlreadyOpen_refusedUntilClosed() {
    LeaseJournal first = LeaseJournal.open(dir, FsyncPolicy.NEVER);
    assertThatThrownBy(() -> LeaseJournal.open(dir, FsyncPolicy.NEVER))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(dir.toString());
    first.record(lease("n1", 1, LeaseState.ACTIVE));
    first.close();
    assertThat(recovered(dir)).hasSize(1);
  }

  @Test
  void record_afterClose_throwsAndCloseTwiceIsQuiet() {
    LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.INTERVAL);
    j.close();
    j.close();
    assertThatThrownBy(() -> j.record(lease("n1", 1, LeaseState.ACTIVE)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(j::compact).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void record_onInterruptedThread_writtenAndInterruptKept() {
    try (LeaseJournal j = LeaseJournal.open(dir, FsyncPolicy.ALWAYS)) {
      Thread.currentThread().interrupt();
      try {
        j.record(lease("n1", 1, LeaseState.ACTIVE));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      j.record(lease("n1", 2, LeaseState.ACTIVE));
    }
    assertThat(recovered(dir)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void record_fromManyThreads_everyThreadsLatestValuesRecovered(FsyncPolicy policy)
      throws InterruptedException {
    int threads = 8;
    int perThread = policy == FsyncPolicy.ALWAYS ? 300 : 3000;
    List<Map<String, Lease>> models = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LeaseJournal j = LeaseJournal.open(dir, policy)) {
      for (int t = 0; t < threads; t++) {
        Map<String, Lease> model = new HashMap<>();
        models.add(model);
        String network = "t" + t;
        Random random = new Random(t);
        Thread w = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perThread; i++) {
              Lease change = lease(network, 1 + random.nextInt(60),
                  LeaseState.values()[random.nextInt(4)]);
              j.record(change);
              applyTo(model, change);
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        w.start();
        workers.add(w);
      }
      start.countDown();
      for (Thread w : workers) {
        w.join();
      }
    }
    assertThat(failures).isEmpty();
    Map<String, Lease> expected = new HashMap<>();
    models.forEach(expected::putAll);
    assertThat(recovered(dir)).isEqualTo(expected);
  }

  List<Path> corruptCopies() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(JournalFiles.CORRUPT))
          .toList();
    }
  }

  /** Recomputes a frame's CRC after its payload was edited. */
  static void resealed(byte[] frame) {
    CRC32 crc = new CRC32();
    crc.update(frame, 0, 4);
    crc.update(frame, JournalCodec.FRAME_OVERHEAD, frame.length - JournalCodec.FRAME_OVERHEAD);
    ByteBuffer.wrap(frame).putInt(4, (int) crc.getValue());
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Runs code with System.err captured (slf4j-simple writes there) and returns the text. */
  static String captureStderr(Runnable code) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      code.run();
    } finally {
      System.setErr(saved);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
