package io.dhcpstate.driver.inmemory.internal;

import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.applyTo;
import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.recovered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.testkit.ModelGenerators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties of {@link LeaseJournal}: a crash at any point loses no acknowledged change, any
 * valid lease survives encoding, and damaged bytes never replay into anything but a prefix.
 */
class LeaseJournalPropertiesTest {
  private static final String[] NETWORKS = {"n1", "n2", "n3"};
  /** The runs test logic, not the disk: on tmpfs where there is one, fsync costs nothing. */
  @TempDir(factory = TmpfsWhereAvailable.class) Path dir;
  private final AtomicInteger example = new AtomicInteger();

  /** One step: a lease change, or (lease null) a compaction. */
  record Op(Lease change) {
    @Override
    public String toString() {
      return change == null ? "compact" : change.state() + " " + change.networkId() + "/"
          + change.ip() + " " + change.mac() + " " + change.hostname().orElse("-");
    }
  }

  /**
   * A run: the steps, how many are acknowledged before the crash, and the crash image: the file
   * as it is, or cut at a point of the next change's record (per mille of its length).
   */
  record Scenario(List<Op> ops, int acknowledged, boolean cut, int cutPerMille) {}

  private static long draw(RandomnessSource rs, long min, long max) {
    return rs.next(Constraint.between(min, max));
  }

  /** Changes over 3 networks × 6 addresses, with field values that differ between versions. */
  private static Lease change(RandomnessSource rs) {
    String network = NETWORKS[(int) draw(rs, 0, NETWORKS.length - 1)];
    int host = (int) draw(rs, 1, 6);
    LeaseState state = LeaseState.values()[(int) draw(rs, 0, 3)];
    int version = (int) draw(rs, 0, 9999);
    return new Lease(network, MacAddress.of(0x02_00_00_00_00_00L | version),
        IpAddress.ofV4(0x0a_00_00_00 | host),
        version % 2 == 0 ? Optional.of(String.format("01:%02X:%02x", version >> 8, version & 0xff))
            : Optional.empty(),
        version % 3 == 0 ? Optional.empty() : Optional.of("host-" + version),
        version % 5 == 0 ? Optional.empty()
            : Optional.of(Instant.ofEpochSecond(1_700_000_000L + version, version * 1000L)),
        state);
  }

  private static Gen<Scenario> scenarios() {
    return rs -> {
      int n = (int) draw(rs, 0, 60);
      List<Op> ops = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ops.add(new Op(draw(rs, 0, 11) == 0 ? null : change(rs)));
      }
      return new Scenario(ops, (int) draw(rs, 0, n), draw(rs, 0, 1) == 1,
          (int) draw(rs, 0, 1000));
    };
  }

  @Test
  void crash_atAnyPoint_replaysEveryAcknowledgedChangeAndNothingRemoved() {
    qt().withExamples(500).forAll(scenarios()).checkAssert(this::crashAndReplay);
  }

  private void crashAndReplay(Scenario s) {
    Path run = dir.resolve("run-" + example.incrementAndGet());
    Path live = run.resolve("live");
    Path image = run.resolve("image");
    Map<String, Lease> acknowledged = new HashMap<>();
    Map<String, Lease> withNext = acknowledged;
    try (LeaseJournal j = LeaseJournal.open(live, FsyncPolicy.NEVER, Integer.MAX_VALUE)) {
      for (Op op : s.ops().subList(0, s.acknowledged())) {
        if (op.change() == null) {
          j.compact();
        } else {
          j.record(op.change());
          applyTo(acknowledged, op.change());
        }
      }
      Path file = live.resolve(JournalFiles.FILE);
      long ackEnd = Files.size(file);
      byte[] crashed = Files.readAllBytes(file);
      Op next = s.acknowledged() < s.ops().size() ? s.ops().get(s.acknowledged()) : null;
      if (s.cut() && next != null && next.change() != null) {
        // The next change is in flight: its record is written, maybe only in part.
        j.record(next.change());
        byte[] after = Files.readAllBytes(file);
        int at = (int) (ackEnd + (after.length - ackEnd) * s.cutPerMille() / 1000);
        crashed = Arrays.copyOf(after, at);
        if (at == after.length) {
          withNext = new HashMap<>(acknowledged);
          applyTo(withNext, next.change());
        }
      }
      Files.createDirectories(image);
      Files.write(image.resolve(JournalFiles.FILE), crashed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(recovered(image)).isEqualTo(withNext);
  }

  @Test
  void frame_anyValidLease_decodesEqual() {
    qt().withExamples(1000).forAll(ModelGenerators.leases()).checkAssert(lease -> {
      byte[] frame = JournalCodec.frame(lease);
      assertThat(frame.length - JournalCodec.FRAME_OVERHEAD)
          .isBetween(JournalCodec.MIN_PAYLOAD, JournalCodec.MAX_PAYLOAD);
      assertThat(replay(frame).live().values()).containsExactlyInAnyOrderElementsOf(
          JournalCodec.isLive(lease.state()) ? List.of(lease) : List.of());
      assertThat(replay(frame).records()).isEqualTo(1);
    });
  }

  /**
   * Damage anywhere: any byte of a journal changed to any other value. Replay must stop at the
   * damaged record and return exactly the state of the records before it, never throw.
   */
  /** Changes, the offset of a damaged byte in their frames, and what it is XORed with. */
  record DamageCase(List<Lease> changes, int position, int xor) {}

  @Test
  void replay_oneByteDamagedAnywhere_returnsStateBeforeTheDamagedRecord() {
    Gen<DamageCase> cases = rs -> {
      List<Lease> changes = new ArrayList<>();
      for (int i = (int) draw(rs, 1, 20); i > 0; i--) {
        changes.add(change(rs));
      }
      return new DamageCase(changes, (int) draw(rs, 0, 1_000_000), (int) draw(rs, 1, 255));
    };
    qt().withExamples(1000).forAll(cases).checkAssert(d -> {
      List<Integer> ends = new ArrayList<>();
      ByteBuffer all = ByteBuffer.allocate(64 * 1024);
      for (Lease c : d.changes()) {
        all.put(JournalCodec.frame(c));
        ends.add(all.position());
      }
      byte[] bytes = Arrays.copyOf(all.array(), all.position());
      int at = d.position() % bytes.length;
      bytes[at] ^= (byte) d.xor();
      Map<String, Lease> expected = new HashMap<>();
      for (int i = 0; i < d.changes().size() && ends.get(i) <= at; i++) {
        applyTo(expected, d.changes().get(i));
      }
      JournalCodec.Replay replay = replay(bytes);
      assertThat(LeaseJournalTest.byKey(List.copyOf(replay.live().values())))
          .isEqualTo(expected);
      assertThat(replay.damage()).isNotEqualTo(JournalCodec.Damage.NONE);
    });
  }

  @Test
  void replay_randomBytes_neverThrows() {
    Gen<byte[]> garbage = rs -> {
      byte[] b = new byte[(int) draw(rs, 0, 120)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) draw(rs, 0, 255);
      }
      if (b.length >= 4 && draw(rs, 0, 1) == 0) {
        ByteBuffer.wrap(b).putInt(0, (int) draw(rs, 0, 300)); // a plausible length
      }
      return b;
    };
    qt().withExamples(1000).forAll(garbage).checkAssert(b -> {
      JournalCodec.Replay replay = replay(b);
      assertThat(replay.validEnd() + replay.ignoredBytes()).isEqualTo(b.length);
    });
  }

  private static JournalCodec.Replay replay(byte[] frames) {
    try {
      return JournalCodec.replay(Channels.newChannel(new java.io.ByteArrayInputStream(frames)),
          0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Temporary directories in /dev/shm when it is a writable directory, else the default. */
  static final class TmpfsWhereAvailable implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
        throws IOException {
      Path shm = Path.of("/dev/shm");
      return Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "lease-journal-")
          : Files.createTempDirectory("lease-journal-");
    }
  }
}
