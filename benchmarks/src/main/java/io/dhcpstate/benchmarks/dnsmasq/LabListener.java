package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.Violation;
import io.dhcpstate.agent.AgentListener;
import io.dhcpstate.agent.ResourceEvent;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects what the agent reports during a lab run: every ready port with the time it was
 * reported (the agent reports a port once every driver confirmed it, and the dnsmasq driver
 * confirms only after dnsmasq's log shows it re-read the files), and counts of failures,
 * rejections and resyncs, which make a figure invalid. Thread-safe.
 */
final class LabListener implements AgentListener {
  /** A port reported ready at {@code nanos} ({@link System#nanoTime()}). */
  record Ready(String portId, long nanos) {}

  private final LinkedBlockingQueue<Ready> ready = new LinkedBlockingQueue<>();
  final AtomicLong driverFailures = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong resyncs = new AtomicLong();
  private volatile String lastProblem = "";

  @Override
  public void portsReady(List<String> portIds) {
    long now = System.nanoTime();
    for (String id : portIds) {
      ready.add(new Ready(id, now));
    }
  }

  @Override
  public void driverFailed(String networkId, String driver, Throwable error) {
    driverFailures.incrementAndGet();
    lastProblem = "driver " + driver + " failed on network " + networkId + ": " + error;
  }

  @Override
  public void eventRejected(ResourceEvent event, List<Violation> violations) {
    rejected.incrementAndGet();
    lastProblem = "rejected " + event.getClass().getSimpleName() + ": " + violations;
  }

  @Override
  public void resyncScheduled(String networkId, List<String> reasons) {
    resyncs.incrementAndGet();
    lastProblem = "resync of " + networkId + ": " + reasons;
  }

  /** The next ready port, or null after {@code millis}. */
  Ready poll(long millis) throws InterruptedException {
    return ready.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Forgets ports reported so far. */
  void clear() {
    ready.clear();
  }

  long problems() {
    return driverFailures.get() + rejected.get() + resyncs.get();
  }

  String lastProblem() {
    return lastProblem;
  }
}
