package io.dhcpstate.benchmarks;

import io.dhcpstate.agent.AgentStats;
import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.Port;
import io.dhcpstate.testkit.RecordingDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code agent.events_per_s}: port updates per second through a started agent serving 1,000
 * networks of 100 ports each with the recording driver.
 *
 * <p>One invocation submits {@value #EVENTS} {@code PortUpdated} events from the benchmark
 * thread, round-robin over the networks (so every network gets {@value #EVENTS} / 1,000 of
 * them), each with a revision higher than the port's last one, and then waits in {@code
 * awaitIdle} until every event is applied, the driver has confirmed it and the ports are
 * reported ready. The score is events per second for that whole cycle. The updated port records
 * are built before the invocation (a host builds them anyway); validation of the port against
 * its network, the cache update, the driver call and ready-port reporting are all timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class AgentThroughputBenchmark {
  static final int NETWORKS = 1_000;
  static final int PORTS_EACH = 100;
  static final int EVENTS = 50_000;

  private DhcpAgent agent;
  private RecordingDriver driver;
  /** The latest record of each port, network-major. */
  private Port[][] ports;
  private int cursor;
  private final List<ResourceEvent> events = new ArrayList<>(EVENTS);
  private long submitted;

  @Setup(Level.Trial)
  public void startAgent() {
    List<Topology.Net> nets = new Topology(1).nets(NETWORKS, PORTS_EACH);
    ports = new Port[NETWORKS][];
    for (int i = 0; i < NETWORKS; i++) {
      ports[i] = nets.get(i).ports().toArray(Port[]::new);
    }
    driver = Agents.driver();
    agent = Agents.agent(Topology.source(nets.stream().map(Topology.Net::snapshot).toList()),
        driver);
    agent.start();
    Agents.awaitIdle(agent);
    Agents.checkServed(driver, NETWORKS, (long) NETWORKS * PORTS_EACH);
  }

  /** Builds the next {@value #EVENTS} updates: each port's revision goes up by one. */
  @Setup(Level.Invocation)
  public void nextEvents() {
    events.clear();
    for (int k = 0; k < EVENTS; k++) {
      int network = cursor % NETWORKS;
      int port = (cursor / NETWORKS) % PORTS_EACH;
      cursor++;
      Port p = ports[network][port];
      Port next = p.withRevision(p.revision() + 1);
      ports[network][port] = next;
      events.add(new ResourceEvent.PortUpdated(next));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void portUpdates() {
    for (ResourceEvent e : events) {
      agent.submit(e);
    }
    submitted += events.size();
    Agents.awaitIdle(agent);
  }

  @TearDown(Level.Trial)
  public void stopAgent() {
    AgentStats stats = agent.stats();
    agent.close();
    if (stats.staleEvents() != 0 || stats.rejectedEvents() != 0 || stats.driverFailures() != 0) {
      throw new IllegalStateException("updates were dropped or failed: " + stats);
    }
    Agents.checkServed(driver, NETWORKS, (long) NETWORKS * PORTS_EACH);
    System.out.println("submitted " + submitted + " updates; " + stats);
  }
}
