package io.dhcpstate.internal.agent;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.agent.ResourceEvent.NetworkCreated;
import io.dhcpstate.agent.ResourceEvent.NetworkDeleted;
import io.dhcpstate.agent.ResourceEvent.NetworkUpdated;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortDeleted;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.agent.ResourceEvent.SubnetCreated;
import io.dhcpstate.agent.ResourceEvent.SubnetDeleted;
import io.dhcpstate.agent.ResourceEvent.SubnetUpdated;
import io.dhcpstate.internal.Snapshot;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the agent keeps for one network: its queue of pending items, its cached
 * snapshot, tombstones, per-driver state and resync state.
 *
 * <p>Locking: fields marked "guarded by this" are read and written under this object's monitor
 * (intake threads and workers). The rest is owned by the single worker that holds the slot
 * (the engine never runs two workers on one slot); {@link #snapshot} is volatile so readers on
 * other threads see the latest published one.
 */
final class NetworkSlot {
  final String id;

  // guarded by this
  private final List<Item> pending = new ArrayList<>();
  // guarded by this: queued in the run queue, running, or waiting for driver calls
  boolean busy;
  // guarded by this
  final List<String> resyncReasons = new ArrayList<>();
  // guarded by this
  boolean resyncPending;
  // guarded by this
  int resyncFailures;
  // guarded by this
  Instant lastResync = Instant.EPOCH;

  /** The cached network; null when unknown or deleted. Written only by the owning worker. */
  volatile Snapshot snapshot;
  /** Applied mutations, to tell whether a full-sync read is older than the cache. */
  volatile long mutations;
  long networkTombRevision = -1;
  Instant networkTombExpiry = Instant.EPOCH;
  final Tombstones portTombs = new Tombstones();
  final Tombstones subnetTombs = new Tombstones();
  final Map<DhcpDriver, DriverState> drivers = new HashMap<>();

  NetworkSlot(String id) {
    this.id = id;
  }

  /** Queues an item; returns true when the slot must be scheduled. */
  synchronized boolean offer(Item item, boolean started) {
    return offer(item, () -> started);
  }

  /**
   * Queues an item; returns true when the slot must be scheduled. {@code started} is read under
   * this slot's monitor, so an item offered while the agent starts is either seen by
   * {@code start()}'s scan or scheduled here, never neither.
   */
  synchronized boolean offer(Item item, java.util.function.BooleanSupplier started) {
    pending.add(item);
    if (busy || !started.getAsBoolean()) {
      return false;
    }
    busy = true;
    return true;
  }

  /** Takes every pending item, in batch order. */
  synchronized List<Item> takeBatch() {
    List<Item> batch = new ArrayList<>(pending);
    pending.clear();
    batch.sort(Item.BATCH_ORDER);
    return batch;
  }

  /** Ends a run: returns true when more items arrived and the slot must run again. */
  synchronized boolean finishRun() {
    if (pending.isEmpty()) {
      busy = false;
      return false;
    }
    return true;
  }

  /** Marks the slot busy if it has pending items and is idle (used on start). */
  synchronized boolean claimIfPending() {
    if (busy || pending.isEmpty()) {
      return false;
    }
    busy = true;
    return true;
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  /** Schedules a resync of this network; {@code failure} counts toward its backoff. */
  void requestResync(AgentEngine engine, List<String> reasons, boolean failure) {
    Duration delay;
    List<String> all;
    synchronized (this) {
      if (failure) {
        resyncFailures++;
      }
      resyncReasons.addAll(reasons);
      if (resyncPending) {
        return;
      }
      resyncPending = true;
      all = List.copyOf(resyncReasons);
      delay = resyncFailures == 0
          ? engine.throttleDelay(lastResync) : engine.backoff(resyncFailures);
    }
    engine.dispatch.post(l -> l.resyncScheduled(id, all));
    engine.timers.schedule(() -> {
      synchronized (this) {
        resyncPending = false;
        resyncReasons.clear();
        lastResync = engine.clock.instant();
      }
      engine.enqueue(this, new Item.Resync(engine.nextSeq()), 3);
    }, delay);
  }

  /** Resets the backoff after a resync that reached every driver. */
  synchronized void resyncSucceeded() {
    resyncFailures = 0;
  }

  /** Applies a batch of items to the cache; called by the owning worker. */
  Batch apply(List<Item> items, AgentEngine engine) {
    Batch b = new Batch(snapshot);
    Instant now = engine.clock.instant();
    for (Item item : items) {
      if (item instanceof Item.Event e) {
        b.events++;
        applyEvent(e.event(), b, engine, now);
      } else if (item instanceof Item.Resync) {
        resync(b, engine);
      } else if (item instanceof Item.Replace r) {
        b.replaces.add(r);
        if (r.mutationsAtFetch() != mutations) {
          resync(b, engine); // events arrived after the full sync read: read this one again
        } else {
          replace(b, r.network().orElse(null), engine);
          b.recent = false;
        }
      }
    }
    if (b.after != b.before) {
      mutations++;
    }
    snapshot = b.after;
    return b;
  }

  private void resync(Batch b, AgentEngine engine) {
    engine.stats.resyncs.increment();
    Optional<NetworkSnapshot> fresh;
    try {
      fresh = engine.source.network(id);
    } catch (RuntimeException e) {
      engine.stats.sourceFailures.increment();
      engine.log.warn("source failed reading network {}: {}", id, e.toString());
      b.sourceFailed = true;
      return;
    }
    replace(b, fresh.orElse(null), engine);
  }

  private void replace(Batch b, NetworkSnapshot fresh, AgentEngine engine) {
    if (fresh == null) {
      b.replaced = true;
      if (b.after != null) {
        deleteNetwork(b, b.after.network().revision(), engine.clock.instant(), engine);
      }
      for (DhcpDriver d : engine.drivers) {
        drivers.computeIfAbsent(d, DriverState::new).dirty = true; // disable wherever served
      }
      return;
    }
    Snapshot s;
    try {
      if (!fresh.network().id().equals(id)) {
        throw new IllegalStateException("source returned network " + fresh.network().id()
            + " for " + id);
      }
      s = fresh instanceof Snapshot snap ? snap
          : Snapshot.of(fresh.network(), fresh.subnets(), fresh.ports());
    } catch (RuntimeException e) {
      engine.stats.sourceFailures.increment();
      engine.log.warn("source returned an unusable network {}: {}", id, e.getMessage());
      b.sourceFailed = true;
      return;
    }
    b.replaced = true;
    b.after = s;
    networkTombRevision = -1;
    b.networkChanged = true;
    b.subnetsChanged = true;
  }

  private void applyEvent(ResourceEvent ev, Batch b, AgentEngine engine, Instant now) {
    Snapshot s = b.after;
    try {
      if (ev instanceof NetworkCreated || ev instanceof NetworkUpdated) {
        Network n = ev instanceof NetworkCreated c ? c.network() : ((NetworkUpdated) ev).network();
        if (networkTombRevision >= n.revision() && networkTombExpiry.isAfter(now)
            || s != null && s.network().revision() >= n.revision()) {
          engine.stale(ev);
          return;
        }
        b.after = s == null ? Snapshot.empty(n) : s.withNetwork(n);
        networkTombRevision = -1;
        b.networkChanged = true;
      } else if (ev instanceof NetworkDeleted d) {
        if (s == null || s.network().revision() > d.revision()) {
          networkTomb(d.revision(), now, engine);
          engine.stale(ev);
          return;
        }
        deleteNetwork(b, d.revision(), now, engine);
      } else if (ev instanceof SubnetCreated || ev instanceof SubnetUpdated) {
        Subnet sub = ev instanceof SubnetCreated c ? c.subnet() : ((SubnetUpdated) ev).subnet();
        if (s == null) {
          engine.reject(this, ev, "network " + id + " is not known", b);
          return;
        }
        Optional<Subnet> old = s.subnet(sub.id());
        if (subnetTombs.revision(sub.id(), now) >= sub.revision()
            || old.isPresent() && old.get().revision() >= sub.revision()) {
          engine.stale(ev);
          return;
        }
        b.after = s.withSubnet(sub);
        subnetTombs.remove(sub.id());
        b.subnetsChanged = true;
      } else if (ev instanceof SubnetDeleted d) {
        Optional<Subnet> old = s == null ? Optional.empty() : s.subnet(d.subnetId());
        subnetTombs.add(d.subnetId(), d.revision(), now, engine.tombstoneLifetime);
        if (old.isEmpty() || old.get().revision() > d.revision()) {
          engine.stale(ev);
          return;
        }
        for (Port p : s.ports()) {
          for (FixedIp f : p.fixedIps()) {
            if (f.subnetId().equals(d.subnetId())) {
              b.touchedPorts.add(p.id());
              break;
            }
          }
        }
        b.after = s.withoutSubnet(d.subnetId());
        b.subnetsChanged = true;
      } else if (ev instanceof PortCreated || ev instanceof PortUpdated) {
        Port p = ev instanceof PortCreated c ? c.port() : ((PortUpdated) ev).port();
        if (s == null) {
          engine.reject(this, ev, "network " + id + " is not known", b);
          return;
        }
        Optional<Port> old = s.port(p.id());
        if (portTombs.revision(p.id(), now) >= p.revision()
            || old.isPresent() && old.get().revision() >= p.revision()) {
          engine.stale(ev);
          return;
        }
        b.after = s.withPort(p);
        portTombs.remove(p.id());
        b.touchedPorts.add(p.id());
      } else if (ev instanceof PortDeleted d) {
        Optional<Port> old = s == null ? Optional.empty() : s.port(d.portId());
        portTombs.add(d.portId(), d.revision(), now, engine.tombstoneLifetime);
        if (old.isEmpty() || old.get().revision() > d.revision()) {
          engine.stale(ev);
          return;
        }
        b.after = s.withoutPort(d.portId());
        b.touchedPorts.add(d.portId());
      }
      engine.stats.eventsApplied.increment();
    } catch (InvalidResourceException e) {
      engine.reject(this, ev, e, b);
    }
  }

  private void deleteNetwork(Batch b, long revision, Instant now, AgentEngine engine) {
    networkTomb(revision, now, engine);
    b.after = null;
    b.networkChanged = true;
  }

  private void networkTomb(long revision, Instant now, AgentEngine engine) {
    networkTombRevision = Math.max(networkTombRevision, revision);
    networkTombExpiry = now.plus(engine.tombstoneLifetime);
  }
}
