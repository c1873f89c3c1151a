package io.dhcpstate.internal.agent;

import io.dhcpstate.internal.Snapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The driver phase of a batch: decides per driver whether to enable, apply, restart or
 * disable, makes the calls with the agent's timeout, and records the outcome (driver state,
 * ready ports, resyncs, full-sync progress). Runs on the slot's owning worker and on the
 * threads that complete driver stages, never two at once for one slot.
 */
final class DriverCalls {
  private enum Action { ENABLE, APPLY, RESTART, DISABLE }

  private record Call(DriverState state, Action action, Snapshot view,
      CompletableFuture<Void> result) {}

  private final AgentEngine engine;
  private final ListenerDispatch dispatch;
  private final ReadyPorts ready;

  DriverCalls(AgentEngine engine, ListenerDispatch dispatch, ReadyPorts ready) {
    this.engine = engine;
    this.dispatch = dispatch;
    this.ready = ready;
  }

  CompletableFuture<Void> sync(NetworkSlot slot, Batch b) {
    Snapshot after = b.after;
    Set<DhcpDriver> selected = Set.of();
    if (after != null) {
      try {
        selected = engine.selector.select(after.network(), engine.drivers);
      } catch (RuntimeException e) {
        engine.log.warn("driver selector failed for network {}; serving with every driver",
            slot.id, e);
        selected = Set.copyOf(engine.drivers);
      }
    }
    DhcpSettings settings = engine.settingsNow();
    List<Call> calls = new ArrayList<>();
    boolean served = false;
    for (DhcpDriver d : engine.drivers) {
      DriverState st = slot.drivers.get(d);
      if (!selected.contains(d)) {
        if (st != null && (st.enabled || st.dirty)) {
          calls.add(call(st, Action.DISABLE, null, () -> d.disable(slot.id)));
        }
        continue;
      }
      if (st == null) {
        st = new DriverState(d);
        slot.drivers.put(d, st);
      }
      Snapshot view = DriverState.view(after, d.capabilities(), st.lastView, st.lastFull,
          b.before == st.lastFull ? b.touchedPorts : null);
      reportSkipped(slot.id, st, after, d);
      if (!DriverState.servable(view)) {
        if (st.enabled || st.dirty) {
          calls.add(call(st, Action.DISABLE, null, () -> d.disable(slot.id)));
        }
        continue;
      }
      served = true;
      Action action;
      if (!st.enabled || st.dirty || b.replaced || st.lastView == null || st.lastFull != b.before) {
        action = Action.ENABLE;
      } else if (!DriverState.ranges(view).equals(DriverState.ranges(st.lastView))) {
        action = Action.RESTART;
      } else {
        action = Action.APPLY;
      }
      Snapshot v = view;
      DriverState s = st;
      switch (action) {
        case ENABLE -> calls.add(call(st, action, view, () -> d.enable(v, settings)));
        case RESTART -> calls.add(call(st, action, view, () -> d.restart(v, settings)));
        default -> {
          NetworkChange change = change(s.lastView, view, b);
          if (change.isEmpty()) {
            st.lastView = view;
            st.lastFull = after;
          } else {
            calls.add(call(st, action, view, () -> d.apply(v, settings, change)));
          }
        }
      }
    }
    boolean anyServed = served;
    CompletableFuture<?>[] all = calls.stream().map(Call::result).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all).handle((v, e) -> {
      finish(slot, b, calls, anyServed);
      return null;
    });
  }

  private NetworkChange change(Snapshot lastView, Snapshot view, Batch b) {
    List<PortChange> ports = new ArrayList<>(b.touchedPorts.size());
    for (String id : b.touchedPorts) {
      Optional<Port> before = lastView.port(id);
      Optional<Port> now = view.port(id);
      if (!before.equals(now)) {
        ports.add(new PortChange(before, now));
      }
    }
    boolean subnets = !lastView.subnets().equals(view.subnets());
    boolean network = !lastView.network().equals(view.network());
    return new NetworkChange(ports, network, subnets, false);
  }

  private void reportSkipped(String networkId, DriverState st, Snapshot full, DhcpDriver d) {
    for (Subnet s : DriverState.excluded(full, d.capabilities())) {
      if (st.skippedReported.add(s.id())) {
        String what = "subnet " + s.id() + " (IPv" + s.ipVersion().number() + ", "
            + s.addressMode().name().toLowerCase(Locale.ROOT) + ")";
        dispatch.post(l -> l.capabilitySkipped(networkId, d.name(), what));
      }
    }
  }

  private Call call(DriverState st, Action action, Snapshot view,
      Supplier<CompletionStage<Void>> invoke) {
    CompletableFuture<Void> f = engine.timers.bounded(invoke, engine.driverTimeout(),
        () -> "driver " + st.driver.name() + " " + action.name().toLowerCase(Locale.ROOT));
    return new Call(st, action, view, f);
  }

  private void finish(NetworkSlot slot, Batch b, List<Call> calls, boolean served) {
    List<String> failures = new ArrayList<>(0);
    for (Call c : calls) {
      DriverState st = c.state;
      String name = st.driver.name();
      Throwable error = c.result.isCompletedExceptionally() ? cause(c.result) : null;
      if (error == null) {
        boolean wasEnabled = st.enabled;
        st.dirty = false;
        if (c.action == Action.DISABLE) {
          st.enabled = false;
          st.lastView = null;
          st.lastFull = null;
          if (wasEnabled) {
            dispatch.post(l -> l.networkDisabled(slot.id, name));
          }
        } else {
          st.enabled = true;
          st.lastView = c.view;
          st.lastFull = b.after;
          if (!wasEnabled) {
            dispatch.post(l -> l.networkEnabled(slot.id, name));
          }
        }
      } else {
        st.dirty = true;
        st.lastView = null;
        st.lastFull = null;
        engine.stats.driverFailures.increment();
        engine.log.warn("driver {} failed to {} network {}: {}", name,
            c.action.name().toLowerCase(Locale.ROOT), slot.id, error.toString());
        dispatch.post(l -> l.driverFailed(slot.id, name, error));
        failures.add("driver " + name + " failed: " + error.getClass().getSimpleName());
      }
    }
    if (b.after == null) {
      slot.drivers.values().removeIf(st -> !st.dirty);
    }
    long portDelta = (b.after == null ? 0 : b.after.portCount())
        - (b.before == null ? 0 : b.before.portCount());
    engine.stats.ports.add(portDelta);
    engine.stats.networks.add((b.after == null ? 0 : 1) - (b.before == null ? 0 : 1));
    reportReady(b, served && failures.isEmpty());
    boolean ok = failures.isEmpty() && !b.sourceFailed;
    for (Item.Replace r : b.replaces) {
      r.run().done(b.after == null, ok);
    }
    if (!failures.isEmpty()) {
      slot.requestResync(engine, failures, true);
    }
    if (b.sourceFailed) {
      slot.requestResync(engine, List.of("source failed"), true);
    } else if (failures.isEmpty() && b.replaced) {
      slot.resyncSucceeded();
    }
    if (!b.resyncReasons.isEmpty()) {
      slot.requestResync(engine, b.resyncReasons, false);
    }
  }

  private void reportReady(Batch b, boolean confirmed) {
    List<String> gone = new ArrayList<>(0);
    List<String> readyIds = new ArrayList<>();
    if (b.replaced && b.after != null) {
      Set<String> kept = new HashSet<>();
      for (Port p : b.after.ports()) {
        kept.add(p.id());
        readyIds.add(p.id());
      }
      if (b.before != null) {
        for (Port p : b.before.ports()) {
          if (!kept.contains(p.id())) {
            gone.add(p.id());
          }
        }
      }
    } else {
      for (String id : b.touchedPorts) {
        if (b.after != null && b.after.port(id).isPresent()) {
          readyIds.add(id);
        } else {
          gone.add(id);
        }
      }
    }
    ready.remove(gone);
    if (confirmed && b.after != null) {
      ready.add(readyIds, b.recent);
    }
  }

  private static Throwable cause(CompletableFuture<?> f) {
    try {
      f.join();
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }
}
