package io.dhcpstate.internal.agent;

import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Requests, throttles and runs full syncs: read every active network from the source and what
 * each driver serves, then queue on each network a replacement with what the source has (or a
 * removal, for networks only the cache or a driver still knows). A failed source read is
 * retried with backoff; the cache keeps serving meanwhile. Thread-safe.
 */
final class FullSync {
  private final AgentEngine engine;
  private final Object lock = new Object();
  // guarded by lock
  private final List<String> reasons = new ArrayList<>();
  // guarded by lock
  private boolean pending;
  // guarded by lock
  private int failures;
  // guarded by lock
  private Instant last = Instant.EPOCH;

  FullSync(AgentEngine engine) {
    this.engine = engine;
  }

  /** Schedules a full sync unless one is pending: throttled, or backed off after failures. */
  void request(String reason) {
    Duration delay;
    List<String> all;
    synchronized (lock) {
      reasons.add(reason);
      if (pending) {
        return;
      }
      pending = true;
      all = List.copyOf(reasons);
      delay = failures == 0 ? engine.throttleDelay(last) : engine.backoff(failures);
    }
    engine.dispatch.post(l -> l.resyncScheduled("*", all));
    engine.timers.schedule(this::run, delay);
  }

  private void run() {
    synchronized (lock) {
      pending = false;
      reasons.clear();
      last = engine.clock.instant();
    }
    engine.stats.fullSyncs.increment();
    Instant started = engine.clock.instant();
    Map<String, Long> mutationsBefore = engine.mutationsBySlot();
    Collection<NetworkSnapshot> active;
    try {
      active = List.copyOf(engine.source.activeNetworks());
    } catch (RuntimeException e) {
      engine.stats.sourceFailures.increment();
      engine.log.warn("full sync: the source failed: {}", e.toString());
      synchronized (lock) {
        failures++;
      }
      request("source failed: " + e.getClass().getSimpleName());
      return;
    }
    synchronized (lock) {
      failures = 0;
    }
    List<CompletableFuture<Set<String>>> served = new ArrayList<>();
    for (DhcpDriver d : engine.drivers) {
      served.add(engine.timers.bounded(d::servedNetworks, engine.driverTimeout(),
          () -> "driver " + d.name() + " listing its networks").handle((ids, e) -> {
            if (e != null) {
              engine.stats.driverFailures.increment();
              engine.log.warn("full sync: driver {} could not list its networks: {}", d.name(),
                  e.toString());
              return Set.<String>of();
            }
            return ids == null ? Set.<String>of() : ids;
          }));
    }
    engine.idle.enter(); // until the listings are in and the networks queued
    CompletableFuture.allOf(served.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
      try {
        Set<String> driverNetworks = new HashSet<>();
        served.forEach(f -> driverNetworks.addAll(f.join()));
        queue(active, driverNetworks, mutationsBefore, started);
      } finally {
        engine.idle.exit();
      }
    });
  }

  private void queue(Collection<NetworkSnapshot> active, Set<String> driverNetworks,
      Map<String, Long> mutationsBefore, Instant started) {
    Set<String> wanted = new HashSet<>();
    for (NetworkSnapshot n : active) {
      wanted.add(n.network().id());
    }
    Set<String> unwanted = new HashSet<>();
    for (String id : engine.knownNetworks()) {
      if (!wanted.contains(id)) {
        unwanted.add(id);
      }
    }
    for (String id : driverNetworks) {
      if (!wanted.contains(id) && Checks.idProblem(id) == null) {
        unwanted.add(id);
      }
    }
    FullSyncRun run = new FullSyncRun(started, active.size() + unwanted.size(), engine.clock,
        summary -> {
          engine.stats.lastSync = summary.duration();
          engine.log.info("full sync finished: {} enabled, {} disabled, {} failed in {} ms",
              summary.networksEnabled(), summary.networksDisabled(), summary.failures(),
              summary.duration().toMillis());
          engine.dispatch.post(l -> l.syncFinished(summary));
        });
    for (NetworkSnapshot n : active) {
      String id = n.network().id();
      engine.enqueue(engine.slot(id), new Item.Replace(Optional.of(n), run,
          mutationsBefore.getOrDefault(id, 0L), engine.nextSeq()), 3);
    }
    for (String id : unwanted) {
      engine.enqueue(engine.slot(id), new Item.Replace(Optional.empty(), run,
          mutationsBefore.getOrDefault(id, 0L), engine.nextSeq()), 3);
    }
  }
}
