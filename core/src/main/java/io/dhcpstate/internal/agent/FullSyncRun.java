package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.SyncSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Counts the networks of one full sync as their workers finish them. Thread-safe. */
final class FullSyncRun {
  private final Instant started;
  private final AtomicInteger remaining;
  private final AtomicInteger enabled = new AtomicInteger();
  private final AtomicInteger disabled = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final java.time.InstantSource clock;
  private final Consumer<SyncSummary> onDone;

  FullSyncRun(Instant started, int networks, java.time.InstantSource clock,
      Consumer<SyncSummary> onDone) {
    this.started = started;
    this.remaining = new AtomicInteger(networks);
    this.clock = clock;
    this.onDone = onDone;
    if (networks == 0) {
      finish();
    }
  }

  /** Records one network's outcome. */
  void done(boolean removed, boolean success) {
    if (!success) {
      failed.incrementAndGet();
    } else if (removed) {
      disabled.incrementAndGet();
    } else {
      enabled.incrementAndGet();
    }
    if (remaining.decrementAndGet() == 0) {
      finish();
    }
  }

  private void finish() {
    onDone.accept(new SyncSummary(enabled.get(), disabled.get(), failed.get(),
        Duration.between(started, clock.instant())));
  }
}
