package io.dhcpstate.benchmarks;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.testkit.FakeNetworkSource;
import io.dhcpstate.testkit.RecordingDriver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code agent.full_sync_s}: the time from building an agent to every one of 1,000 networks of
 * 100 ports being enabled in the recording driver, read from a {@link FakeNetworkSource}.
 *
 * <p>Each measured call builds a new agent over the same source and a fresh driver, starts it
 * and waits in {@code awaitIdle}: the full sync lists the networks, every network's worker
 * takes its snapshot and the driver enables it, and the 100,000 ports are reported ready. It
 * then checks the driver serves all 1,000 networks and 100,000 ports. The agent is closed
 * outside the timing.
 *
 * <p>{@code source=plain} (the figure) hands the agent plain records, as a host with its own
 * data model would: the agent validates every network and indexes every port itself. {@code
 * source=snapshot} hands it dhcpstate's own persistent snapshots, which it adopts without a
 * copy; the difference is the cost of validating and indexing 100,000 ports.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class FullSyncBenchmark {
  static final int NETWORKS = 1_000;
  static final int PORTS_EACH = 100;

  @Param({"plain", "snapshot"})
  public String source;

  private FakeNetworkSource fake;
  private RecordingDriver driver;
  private DhcpAgent agent;

  @Setup(Level.Trial)
  public void buildSource() {
    List<Topology.Net> nets = new Topology(4).nets(NETWORKS, PORTS_EACH);
    List<NetworkSnapshot> snapshots = nets.stream()
        .map(n -> "plain".equals(source) ? n.plain() : n.snapshot()).toList();
    fake = Topology.source(snapshots);
  }

  @Setup(Level.Iteration)
  public void freshDriver() {
    driver = Agents.driver();
  }

  @Benchmark
  public DhcpAgent fullSync() {
    agent = Agents.agent(fake, driver);
    agent.start();
    Agents.awaitIdle(agent);
    Agents.checkServed(driver, NETWORKS, (long) NETWORKS * PORTS_EACH);
    return agent;
  }

  @TearDown(Level.Iteration)
  public void closeAgent() {
    if (agent != null) {
      agent.close();
      agent = null;
    }
  }
}
