package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.LeaseState;
import io.dhcpstate.spi.LeaseEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reclaims expired leases a bounded amount at a time, as Kea does: one cycle handles at most
 * {@code maxLeases} rows (leases, offers, probations) or runs at most {@code maxTime}, so
 * serving never stalls behind a mass expiry; what is left waits for the next cycle. Not thread-safe: one scheduled task
 * calls {@link #cycle()}.
 */
public final class Reclaimer {
  private final Registry registry;
  private final InstantSource clock;
  private final int maxLeases;
  private final Duration maxTime;
  private final Consumer<LeaseEvent> events;

  /**
   * Creates a reclaimer.
   *
   * @param registry the lease tables
   * @param clock the clock that says what expired
   * @param maxLeases most leases per cycle
   * @param maxTime most time per cycle
   * @param events where EXPIRED events go
   */
  public Reclaimer(Registry registry, InstantSource clock, int maxLeases, Duration maxTime,
      Consumer<LeaseEvent> events) {
    this.registry = registry;
    this.clock = clock;
    this.maxLeases = maxLeases;
    this.maxTime = maxTime;
    this.events = events;
  }

  /**
   * Runs one cycle.
   *
   * @return how many leases were reclaimed
   */
  public int cycle() {
    long deadline = System.nanoTime() + maxTime.toNanos();
    Instant now = clock.instant();
    int budget = maxLeases;
    int done = 0;
    for (LeaseTable table : registry.tables()) {
      while (budget > 0 && table.hasExpired(now)) {
        List<LeaseEntry> ended = table.reclaim(now, Math.min(budget, 64), deadline);
        budget -= ended.size();
        for (LeaseEntry e : ended) {
          if (e.kind() == LeaseEntry.Kind.ACTIVE) {
            done++;
            events.accept(new LeaseEvent(LeaseEvent.Type.EXPIRED,
                e.toLease(table.networkId(), LeaseState.EXPIRED_RECLAIMED)));
          }
        }
        if (System.nanoTime() - deadline > 0) {
          return done;
        }
      }
      if (budget <= 0) {
        break;
      }
    }
    return done;
  }
}
