package io.dhcpstate.internal.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts outstanding work (queued events, running workers, driver calls in flight, pending
 * retries, undelivered callbacks) so {@code awaitIdle} can wait for zero. Thread-safe.
 */
final class Idle {
  private final AtomicLong busy = new AtomicLong();
  private final Object lock = new Object();

  void enter() {
    busy.incrementAndGet();
  }

  void exit() {
    if (busy.decrementAndGet() == 0) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  long busy() {
    return busy.get();
  }

  boolean await(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (lock) {
      while (busy.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }
}
