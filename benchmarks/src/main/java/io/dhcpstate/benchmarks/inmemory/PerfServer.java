package io.dhcpstate.benchmarks.inmemory;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.driver.inmemory.InMemoryDriver;
import io.dhcpstate.driver.inmemory.InMemoryDriverBuilder;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverContext;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.testkit.FakeNetworkSource;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The in-memory DHCP server of {@code benchmarks/inmemory/run.sh}'s perfdhcp comparison, run
 * as a child JVM in the server's network namespace: one network with one dynamic IPv4 subnet
 * and a pool covering it, 12 h leases, served on UDP through the agent and the in-memory
 * driver, exactly as the other servers of the comparison are configured. Prints
 * {@code READY} once serving, and its counters on standard error when stopped (SIGTERM).
 *
 * <p>Arguments, {@code key=value}: {@code subnet} (default 10.77.0.0/16), {@code pool} (START,END;
 * default 10.77.0.10,10.77.255.254), {@code server} (server identifier, default 10.77.0.1),
 * {@code bind} (default 0.0.0.0:67), {@code journal} (a directory, or {@code off}; the journal
 * never fsyncs, as Kea's memfile), {@code workers} (default the driver's), {@code queue}
 * (receive queue, default the driver's), {@code lease} (seconds, default 43200), and
 * {@code transport}: {@code driver} (the figure: the driver's own UDP transport) or
 * {@code inline} (a diagnostic: {@link InlineTransport} feeding the socketless handler), and
 * {@code agent}: {@code on} (the figure) or {@code off} (a diagnostic: the driver alone, enabled
 * directly, so lease events reach no listener).
 */
public final class PerfServer {
  private PerfServer() {}

  /**
   * Serves until the process is stopped.
   *
   * @param args {@code key=value} settings
   * @throws InterruptedException never in practice; the main thread just waits
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> cfg = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("not key=value: " + a);
      }
      cfg.put(a.substring(0, eq), a.substring(eq + 1));
    }
    String[] pool = cfg.getOrDefault("pool", "10.77.0.10,10.77.255.254").split(",");
    Subnet subnet = Subnet.builder("perf-v4", "perf", cfg.getOrDefault("subnet", "10.77.0.0/16"))
        .addressMode(AddressMode.DYNAMIC).pool(pool[0], pool[1]).revision(1).build();
    FakeNetworkSource source = new FakeNetworkSource().put(NetworkSnapshot.of(
        new Network("perf", "perfdhcp", true, Network.DEFAULT_MTU, Optional.empty(), 1),
        List.of(subnet), List.of()));

    String[] bind = cfg.getOrDefault("bind", "0.0.0.0:67").split(":");
    InetSocketAddress bindAddress = new InetSocketAddress(bind[0], Integer.parseInt(bind[1]));
    boolean inline = cfg.getOrDefault("transport", "driver").equals("inline");
    InMemoryDriverBuilder db = InMemoryDriver.builder()
        .serverAddress(cfg.getOrDefault("server", "10.77.0.1"));
    if (!inline) {
      db.udp(bindAddress);
    }
    String journal = cfg.getOrDefault("journal", "off");
    if (!journal.equals("off")) {
      db.journal(Path.of(journal), FsyncPolicy.NEVER);
    }
    if (cfg.containsKey("workers") && !inline) {
      db.workers(Integer.parseInt(cfg.get("workers")));
    }
    if (cfg.containsKey("queue")) {
      db.receiveQueue(Integer.parseInt(cfg.get("queue")));
    }
    InMemoryDriver driver = db.build();
    Duration lease = Duration.ofSeconds(Long.parseLong(cfg.getOrDefault("lease", "43200")));
    boolean withAgent = !cfg.getOrDefault("agent", "on").equals("off");
    AutoCloseable owner;
    if (withAgent) {
      DhcpAgent agent = DhcpAgent.builder().source(source).driver(driver).leaseTime(lease)
          .build();
      agent.start();
      if (!agent.awaitIdle(Duration.ofSeconds(60))) {
        System.err.println("the agent did not become idle");
        System.exit(1);
      }
      owner = agent;
    } else { // diagnostic: the driver alone, no agent and no lease-event dispatch
      driver.start(DriverContext.standalone());
      DhcpSettings settings = new DhcpSettings(Optional.of(lease), Optional.empty(),
          Optional.empty(), Optional.empty(), List.of(), List.of(), MetadataRouteMode.OFF);
      driver.enable(source.peek("perf").orElseThrow(), settings).toCompletableFuture().join();
      owner = driver;
    }
    if (!driver.servedNetworks().toCompletableFuture().join().contains("perf")) {
      System.err.println("the network is not served");
      System.exit(1);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("stats " + driver.stats());
      try {
        owner.close();
      } catch (Exception e) {
        e.printStackTrace();
      }
      stopped.countDown();
    }, "perf-server-stop"));
    if (inline) {
      InlineTransport.start(driver, bindAddress,
          Integer.parseInt(cfg.getOrDefault("workers", "2")));
    }
    System.out.println("READY journal=" + journal + " transport=" + (inline ? "inline" : "driver")
        + " " + driver.udpAddresses());
    System.out.flush();
    stopped.await();
  }
}
