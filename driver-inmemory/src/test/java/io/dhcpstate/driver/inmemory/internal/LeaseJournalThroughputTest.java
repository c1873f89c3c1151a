package io.dhcpstate.driver.inmemory.internal;

import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.lease;
import static io.dhcpstate.driver.inmemory.internal.LeaseJournalTest.recovered;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rough figure, printed and not asserted: how many records per second one thread appends.
 * The benchmarks module holds the real measurements; this only reports the order of magnitude
 * on the machine that runs the tests. Tagged slow, as timings stay out of the default run:
 * {@code mvn -pl driver-inmemory test -Dtest=LeaseJournalThroughputTest -DexcludedTestGroups=none}.
 */
@Tag("slow")
class LeaseJournalThroughputTest {
  @TempDir Path dir;

  @Test
  void record_oneThreadEachPolicy_printsRecordsPerSecond() {
    // 25 networks × 250 addresses; the background compaction runs as it would in service.
    List<Lease> changes = new ArrayList<>();
    for (int i = 0; i < 400_000; i++) {
      changes.add(lease("n" + i % 25, 1 + i / 25 % 250,
          i % 7 == 6 ? LeaseState.RELEASED : LeaseState.ACTIVE));
    }
    for (FsyncPolicy policy : FsyncPolicy.values()) {
      Path where = dir.resolve(policy.name());
      int count = 0;
      long elapsed;
      try (LeaseJournal j = LeaseJournal.open(where, policy)) {
        // Half a second of warm-up (not for ALWAYS, which waits on the disk), a second counted.
        long warmUp = policy == FsyncPolicy.ALWAYS ? 0 : 500_000_000L;
        long start = System.nanoTime();
        while (System.nanoTime() - start < warmUp) {
          for (int k = 0; k < 10; k++) {
            j.record(changes.get(count++ % changes.size()));
          }
        }
        count = 0;
        start = System.nanoTime();
        do {
          for (int k = 0; k < 10; k++) {
            j.record(changes.get(count++ % changes.size()));
          }
          elapsed = System.nanoTime() - start;
        } while (elapsed < 1_000_000_000L);
      }
      System.out.printf("lease journal, %s, 1 thread: %,d records/s (%,d records in %d ms)%n",
          policy, (long) (count / (elapsed / 1e9)), count, elapsed / 1_000_000);
      assertThat(recovered(where)).isNotEmpty();
    }
  }
}
