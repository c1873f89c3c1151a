package io.dhcpstate.benchmarks;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.testkit.RecordingDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code agent.update_cost_ratio}: the cost of one port update in a network of 100,000 ports
 * over its cost in a network of 1,000 ports. Flat (about 1) means the cost does not grow with
 * the network; linear would be about 100.
 *
 * <p>One invocation submits {@value #UPDATES} {@code PortUpdated} events for distinct ports of
 * the one network (a fixed random order, cycled) and waits in {@code awaitIdle}; the score is
 * the average time per update, including validation, the cache update, the driver's {@code
 * apply} and ready-port reporting. The worker batches what arrives while it is busy, as it
 * would under load, and both network sizes see the same event stream.
 *
 * <p>{@link UpdateCostCachePathBenchmark} measures the same update without the agent's threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpdateCostBenchmark {
  static final int UPDATES = 1_000;

  @Param({"1000", "100000"})
  public int ports;

  private DhcpAgent agent;
  private RecordingDriver driver;
  private Port[] latest;
  private int[] order;
  private int cursor;
  private final List<ResourceEvent> events = new ArrayList<>(UPDATES);

  @Setup(Level.Trial)
  public void setUp() {
    Topology.Net net = new Topology(2).net(ports);
    latest = net.ports().toArray(Port[]::new);
    List<Integer> shuffled = new ArrayList<>(ports);
    for (int i = 0; i < ports; i++) {
      shuffled.add(i);
    }
    Collections.shuffle(shuffled, new Random(3));
    order = shuffled.stream().mapToInt(Integer::intValue).toArray();

    NetworkSnapshot built = net.snapshot();
    driver = Agents.driver();
    agent = Agents.agent(Topology.source(List.of(built)), driver);
    agent.start();
    Agents.awaitIdle(agent);
    Agents.checkServed(driver, 1, ports);
  }

  private Port next() {
    int i = order[cursor++ % order.length];
    Port p = latest[i];
    Port n = p.withRevision(p.revision() + 1);
    latest[i] = n;
    return n;
  }

  @Setup(Level.Invocation)
  public void nextEvents() {
    events.clear();
    for (int k = 0; k < UPDATES; k++) {
      events.add(new ResourceEvent.PortUpdated(next()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(UPDATES)
  public void portUpdates() {
    for (ResourceEvent e : events) {
      agent.submit(e);
    }
    Agents.awaitIdle(agent);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    var stats = agent.stats();
    agent.close();
    if (stats.staleEvents() != 0 || stats.rejectedEvents() != 0 || stats.driverFailures() != 0
        || !driver.contractViolations().isEmpty()) {
      throw new IllegalStateException("updates were dropped or failed: " + stats + " "
          + driver.contractViolations());
    }
  }
}
