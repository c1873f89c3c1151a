package io.dhcpstate.benchmarks;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.spi.NetworkSource;
import io.dhcpstate.testkit.RecordingDriver;
import java.time.Duration;

/** Builds and waits for agents the same way in every benchmark. */
final class Agents {
  /** Workers: one per core of the 2-core machine the bars are set for. */
  static final int WORKERS = 2;
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);

  private Agents() {}

  /** A recording driver that keeps only counts and the last snapshot per network. */
  static RecordingDriver driver() {
    return new RecordingDriver("recording").withoutCallLog();
  }

  static DhcpAgent agent(NetworkSource source, RecordingDriver driver) {
    return DhcpAgent.builder().source(source).driver(driver).workers(WORKERS).build();
  }

  static void awaitIdle(DhcpAgent agent) {
    if (!agent.awaitIdle(IDLE_TIMEOUT)) {
      throw new IllegalStateException("agent not idle after " + IDLE_TIMEOUT + ": "
          + agent.stats());
    }
  }

  /** Fails the benchmark unless the driver serves exactly the expected networks and ports. */
  static void checkServed(RecordingDriver driver, int networks, long ports) {
    var served = driver.served();
    long servedPorts = served.values().stream().mapToLong(n -> n.portCount()).sum();
    if (served.size() != networks || servedPorts != ports) {
      throw new IllegalStateException("driver serves " + served.size() + " networks and "
          + servedPorts + " ports, expected " + networks + " and " + ports);
    }
  }
}
