package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.AgentListener;
import io.dhcpstate.agent.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ports confirmed by their drivers, waiting to be reported to the listener in batches:
 * recently changed ports first, then ports confirmed by a full sync. A failed report puts the
 * ports back and retries after a delay. Thread-safe.
 */
final class ReadyPorts {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyPorts.class);
  static final Duration RETRY_DELAY = Duration.ofMillis(200);

  private final int batchSize;
  private final ListenerDispatch dispatch;
  private final Scheduler scheduler;
  private final Executor executor;
  private final Idle idle;
  private final Object lock = new Object();
  // guarded by lock
  private final LinkedHashSet<String> recent = new LinkedHashSet<>();
  // guarded by lock
  private final LinkedHashSet<String> bulk = new LinkedHashSet<>();
  // guarded by lock: a delivery is queued, running or waiting for its retry
  private boolean delivering;

  ReadyPorts(int batchSize, ListenerDispatch dispatch, Scheduler scheduler, Executor executor,
      Idle idle) {
    this.batchSize = batchSize;
    this.dispatch = dispatch;
    this.scheduler = scheduler;
    this.executor = executor;
    this.idle = idle;
  }

  /** Adds ready ports; {@code isRecent} puts them in the first tier. */
  void add(Collection<String> portIds, boolean isRecent) {
    if (portIds.isEmpty()) {
      return;
    }
    synchronized (lock) {
      for (String id : portIds) {
        if (isRecent) {
          bulk.remove(id);
          recent.add(id);
        } else if (!recent.contains(id)) {
          bulk.add(id);
        }
      }
      if (delivering) {
        return;
      }
      delivering = true;
    }
    idle.enter();
    dispatch.post(this::deliver);
  }

  /** Forgets ports that were deleted before they were reported. */
  void remove(Collection<String> portIds) {
    synchronized (lock) {
      recent.removeAll(portIds);
      bulk.removeAll(portIds);
    }
  }

  int pending() {
    synchronized (lock) {
      return recent.size() + bulk.size();
    }
  }

  private void deliver(AgentListener listener) {
    while (true) {
      List<String> batch = new ArrayList<>(batchSize);
      synchronized (lock) {
        take(recent, batch);
        take(bulk, batch);
        if (batch.isEmpty()) {
          delivering = false;
          idle.exit();
          return;
        }
      }
      try {
        listener.portsReady(List.copyOf(batch));
      } catch (RuntimeException e) {
        LOG.warn("portsReady threw for {} ports; they will be reported again", batch.size(), e);
        synchronized (lock) {
          LinkedHashSet<String> again = new LinkedHashSet<>(batch);
          again.addAll(recent);
          recent.clear();
          recent.addAll(again);
        }
        scheduler.schedule(executor, () -> dispatch.post(this::deliver), RETRY_DELAY);
        return; // still delivering; idle stays entered until the retry empties the sets
      }
    }
  }

  private void take(LinkedHashSet<String> from, List<String> into) {
    Iterator<String> it = from.iterator();
    while (into.size() < batchSize && it.hasNext()) {
      into.add(it.next());
      it.remove();
    }
  }
}
