package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.ServerStats;
import java.util.concurrent.atomic.LongAdder;

/** The server's counters. Thread-safe. */
public final class Counters {
  final LongAdder received = new LongAdder();
  final LongAdder replies = new LongAdder();
  final LongAdder offers = new LongAdder();
  final LongAdder acks = new LongAdder();
  final LongAdder naks = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder unknownClients = new LongAdder();
  final LongAdder ignored = new LongAdder();
  final LongAdder poolExhausted = new LongAdder();
  /** Packets dropped by a transport because its queue was full. */
  public final LongAdder overloadDrops = new LongAdder();

  /**
   * Returns a snapshot of the counters.
   *
   * @param leases the number of leases held
   * @return the stats
   */
  public ServerStats snapshot(long leases) {
    return new ServerStats(received.sum(), replies.sum(), offers.sum(), acks.sum(), naks.sum(),
        malformed.sum(), unknownClients.sum(), ignored.sum(), poolExhausted.sum(),
        overloadDrops.sum(), leases);
  }
}
