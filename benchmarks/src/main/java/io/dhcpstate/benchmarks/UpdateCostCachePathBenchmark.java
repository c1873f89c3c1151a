package io.dhcpstate.benchmarks;

import io.dhcpstate.internal.Snapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import io.dhcpstate.testkit.RecordingDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
 * The cache + driver call path of one port update, on the calling thread, without the agent's
 * queues, threads or batching: {@code Snapshot.withPort} (the port checked against the
 * network's subnet, MAC and IP indexes, then three persistent-map updates), the {@code
 * NetworkChange} the agent would build, and the recording driver's {@code apply}. Reported
 * beside {@code agent.update_cost_ratio} as the structural part of it; ports are updated in a
 * fixed random order, each once per cycle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpdateCostCachePathBenchmark {
  @Param({"1000", "100000"})
  public int ports;

  private Port[] latest;
  private int[] order;
  private int cursor;
  private Snapshot snapshot;
  private RecordingDriver driver;
  private final DhcpSettings settings = DhcpSettings.defaults();

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
    snapshot = (Snapshot) net.snapshot();
    driver = Agents.driver();
    driver.enable(snapshot, settings).toCompletableFuture().join();
  }

  @Benchmark
  public Snapshot portUpdate() {
    int i = order[cursor++ % order.length];
    Port old = latest[i];
    Port after = old.withRevision(old.revision() + 1);
    latest[i] = after;
    Snapshot before = snapshot;
    Snapshot s = before.withPort(after);
    NetworkChange change = new NetworkChange(
        List.of(new PortChange(before.port(after.id()), Optional.of(after))), false, false, false);
    driver.apply(s, settings, change).toCompletableFuture().join();
    snapshot = s;
    return s;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (!driver.contractViolations().isEmpty()) {
      throw new IllegalStateException("driver contract broken: " + driver.contractViolations());
    }
  }
}
