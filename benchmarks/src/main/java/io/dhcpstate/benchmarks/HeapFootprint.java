package io.dhcpstate.benchmarks;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.testkit.FakeNetworkSource;
import io.dhcpstate.testkit.RecordingDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;

/**
 * {@code agent.heap_bytes_per_port}: heap retained per cached port, measured as the difference
 * of used heap after forced, settled garbage collections (System.gc() repeated until used heap
 * stops falling) before and after a started agent receives one network of 100,000 ports.
 *
 * <p>The ports arrive as {@code PortCreated} events, so the agent's cache is the only thing
 * holding them (the recording driver keeps the same snapshot object the cache does, not a
 * copy). The figure therefore covers the port records themselves (id, MAC, fixed IP, hostname
 * strings and objects) and the cache's three indexes (by id, MAC and IP). Before the baseline
 * the agent fills and deletes a 2,000-port network so that class loading and lazily built
 * structures are not counted. Run as a plain main, one JVM per sample; prints one line
 * starting {@code heap.bytes_per_port}.
 */
public final class HeapFootprint {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapFootprint() {}

  /**
   * Measures and prints the figure.
   *
   * @param args optionally the number of ports (default 100,000)
   * @throws InterruptedException if interrupted while settling the heap
   */
  public static void main(String[] args) throws InterruptedException {
    int ports = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Topology topology = new Topology(5);
    RecordingDriver driver = Agents.driver();
    DhcpAgent agent = Agents.agent(new FakeNetworkSource(), driver);
    agent.start();
    Agents.awaitIdle(agent);

    String warmup = fill(agent, topology, 2_000);
    agent.submit(new ResourceEvent.NetworkDeleted(warmup, 2));
    Agents.awaitIdle(agent);

    long[] before = settledUsedHeap();
    fill(agent, topology, ports);
    long[] after = settledUsedHeap();

    Agents.checkServed(driver, 1, ports);
    double perPort = (double) (after[0] - before[0]) / ports;
    System.out.printf("heap.bytes_per_port %.1f ports=%d used_before=%d used_after=%d"
        + " gc_rounds=%d+%d (System.gc() repeated until used heap stopped falling)%n",
        perPort, ports, before[0], after[0], before[1], after[1]);
    Reference.reachabilityFence(agent);
    Reference.reachabilityFence(driver);
    agent.close();
  }

  /** Creates a network with one subnet and {@code ports} ports through events; returns its id. */
  private static String fill(DhcpAgent agent, Topology topology, int ports) {
    String networkId = topology.uuid();
    Subnet subnet = Topology.subnet(topology.uuid(), networkId);
    agent.submit(new ResourceEvent.NetworkCreated(Topology.network(networkId)));
    agent.submit(new ResourceEvent.SubnetCreated(subnet));
    for (int i = 0; i < ports; i++) {
      agent.submit(new ResourceEvent.PortCreated(topology.port(networkId, subnet.id(), i)));
      if (i % 10_000 == 9_999) {
        Agents.awaitIdle(agent); // keeps the queue, not the cache, from dominating the peak
      }
    }
    Agents.awaitIdle(agent);
    return networkId;
  }

  /** Returns {used heap, GC rounds} once a forced GC no longer lowers the used heap. */
  private static long[] settledUsedHeap() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int round = 1; ; round++) {
      System.gc();
      Thread.sleep(100);
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (round >= 3 && (used >= previous - 1024 || round == 20)) {
        return new long[] {Math.min(used, previous), round};
      }
      previous = Math.min(previous, used);
    }
  }
}
