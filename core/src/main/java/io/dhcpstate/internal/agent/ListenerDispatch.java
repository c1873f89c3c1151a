package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.AgentListener;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers listener callbacks on the executor, one at a time and in submission order; a
 * throwing callback is logged and ignored. Thread-safe.
 */
final class ListenerDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

  private final AgentListener listener;
  private final Executor executor;
  private final Idle idle;
  private final Object lock = new Object();
  // guarded by lock
  private final ArrayDeque<Consumer<AgentListener>> queue = new ArrayDeque<>();
  // guarded by lock
  private boolean draining;

  ListenerDispatch(AgentListener listener, Executor executor, Idle idle) {
    this.listener = listener;
    this.executor = executor;
    this.idle = idle;
  }

  /** Queues a callback. */
  void post(Consumer<AgentListener> call) {
    idle.enter();
    boolean start;
    synchronized (lock) {
      queue.addLast(call);
      start = !draining;
      draining = true;
    }
    if (start) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    for (int i = 0; ; i++) {
      Consumer<AgentListener> next;
      synchronized (lock) {
        next = queue.pollFirst();
        if (next == null || i == 256) {
          if (next != null) {
            queue.addFirst(next);
            executor.execute(this::drain); // yield the thread, keep order
          } else {
            draining = false;
          }
          return;
        }
      }
      try {
        next.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("listener callback threw; ignored", e);
      } finally {
        idle.exit();
      }
    }
  }
}
