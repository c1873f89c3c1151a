package io.dhcpstate.driver.inmemory;

import io.dhcpstate.driver.inmemory.internal.Counters;
import io.dhcpstate.driver.inmemory.internal.DhcpServer;
import io.dhcpstate.driver.inmemory.internal.LeaseJournal;
import io.dhcpstate.driver.inmemory.internal.LeaseLog;
import io.dhcpstate.driver.inmemory.internal.Leases;
import io.dhcpstate.driver.inmemory.internal.Reclaimer;
import io.dhcpstate.driver.inmemory.internal.Registry;
import io.dhcpstate.driver.inmemory.internal.ServedNetwork;
import io.dhcpstate.driver.inmemory.internal.UdpTransport;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverCapabilities;
import io.dhcpstate.spi.DriverContext;
import io.dhcpstate.spi.LeaseEvent;
import io.dhcpstate.spi.NetworkChange;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DhcpDriver} that serves DHCPv4 itself, in this JVM: a pure-Java server (packets
 * encoded and decoded by dhcp4java) with leases in memory and an optional journal. It serves
 * over UDP sockets it binds, or socketless through {@link #handle}, where the host application
 * brings the packets (for example packet-ins from an SDN switch) and sends the replies.
 *
 * <p>Built with {@link #builder()}. IPv4 only: IPv6 subnets are outside its capabilities, so
 * the agent skips and reports them. Applying a port change costs O(1) in the network's size.
 * Thread-safe.
 */
public final class InMemoryDriver implements DhcpDriver {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryDriver.class);

  private final InMemoryDriverBuilder config;
  private final LeaseLog log;
  private final Registry registry;
  private final Counters counters = new Counters();
  private final SwitchableClock clock;
  private final DhcpServer server;
  private final List<UdpTransport> transports = new ArrayList<>();
  private final ScheduledExecutorService reclaimTimer;
  private volatile DriverContext context = DriverContext.standalone();
  private volatile boolean closed;

  InMemoryDriver(InMemoryDriverBuilder config) {
    this.config = config;
    this.clock = new SwitchableClock(config.clock);
    LeaseJournal journal = config.journalDir == null ? null
        : LeaseJournal.open(config.journalDir, config.fsync);
    this.log = journal == null ? LeaseLog.NONE : journal;
    this.registry = new Registry(log);
    if (journal != null) {
      Leases.restore(registry, journal.leases());
    }
    this.server = new DhcpServer(registry, clock, counters, config.offerHold, config.probation);
    server.onLeaseEvent(this::leaseEvent);
    Reclaimer reclaimer = new Reclaimer(registry, clock, config.reclaimMaxLeases,
        config.reclaimMaxTime, this::leaseEvent);
    this.reclaimTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dhcpstate-inmemory-reclaim");
      t.setDaemon(true);
      return t;
    });
    long period = config.reclaimInterval.toMillis();
    reclaimTimer.scheduleWithFixedDelay(() -> {
      try {
        reclaimer.cycle();
      } catch (RuntimeException e) {
        LOG.warn("lease reclamation failed", e);
      }
    }, period, period, TimeUnit.MILLISECONDS);
    try {
      for (InMemoryDriverBuilder.Udp u : config.udp) {
        transports.add(new UdpTransport(u.bind(), server, counters, u.networks(),
            config.replyToSource, config.workers, config.queueCapacity));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static InMemoryDriverBuilder builder() {
    return new InMemoryDriverBuilder();
  }

  private void leaseEvent(LeaseEvent event) {
    context.leaseEvent(event);
  }

  @Override
  public String name() {
    return config.name;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(Set.of(IpVersion.V4), EnumSet.allOf(AddressMode.class));
  }

  @Override
  public void start(DriverContext driverContext) {
    this.context = driverContext;
    if (!config.clockSet) {
      clock.use(driverContext.clock());
    }
  }

  @Override
  public CompletionStage<Void> enable(NetworkSnapshot network, DhcpSettings settings) {
    return run(() -> {
      released(registry.replace(ServedNetwork.of(network, settings, config.serverAddress)));
      return null;
    });
  }

  @Override
  public CompletionStage<Void> apply(NetworkSnapshot network, DhcpSettings settings,
      NetworkChange change) {
    return run(() -> {
      Optional<ServedNetwork> old = registry.network(network.network().id());
      if (old.isEmpty()) {
        released(registry.replace(ServedNetwork.of(network, settings, config.serverAddress)));
      } else {
        released(registry.update(
            old.get().apply(network, settings, change, config.serverAddress), change.ports()));
      }
      return null;
    });
  }

  @Override
  public CompletionStage<Void> restart(NetworkSnapshot network, DhcpSettings settings) {
    return enable(network, settings);
  }

  @Override
  public CompletionStage<Void> disable(String networkId) {
    return run(() -> {
      released(registry.remove(networkId));
      return null;
    });
  }

  @Override
  public CompletionStage<Set<String>> servedNetworks() {
    return run(registry::networkIds);
  }

  @Override
  public CompletionStage<List<Lease>> leases(String networkId) {
    return run(() -> Leases.of(registry, networkId));
  }

  @Override
  public CompletionStage<Boolean> releaseLease(Lease lease) {
    return run(() -> Leases.release(registry, lease).map(l -> {
      leaseEvent(new LeaseEvent(LeaseEvent.Type.RELEASED, l));
      return true;
    }).orElse(false));
  }

  /**
   * Returns the lease a client holds on a network.
   *
   * @param networkId the network
   * @param mac the client's MAC
   * @return the lease, or empty
   */
  public Optional<Lease> lease(String networkId, MacAddress mac) {
    return Leases.of(registry, networkId).stream().filter(l -> l.mac().equals(mac)).findFirst();
  }

  /**
   * Returns the lease of an address on a network.
   *
   * @param networkId the network
   * @param ip the address
   * @return the lease, or empty
   */
  public Optional<Lease> lease(String networkId, IpAddress ip) {
    return Leases.byIp(registry, networkId, ip);
  }

  /**
   * Handles one DHCP message from the host application's own transport.
   *
   * <p>Never throws for what the packet holds: malformed, truncated, oversized (over 4096
   * bytes) and non-request packets are counted in {@link ServerStats#malformed()} and dropped
   * without changing any lease.
   *
   * @param packet the UDP payload; its position and limit mark the message; not changed
   * @param source where it came from (the relay's or client's address and port)
   * @return the reply and where to send it, or empty when there is nothing to send
   * @throws NullPointerException if an argument is null
   */
  public Optional<DhcpReply> handle(ByteBuffer packet, InetSocketAddress source) {
    Objects.requireNonNull(packet, "packet");
    Objects.requireNonNull(source, "source");
    ByteBuffer b = packet.duplicate();
    byte[] data = new byte[Math.min(b.remaining(), DhcpServer.MAX_PACKET + 1)];
    b.get(data);
    return server.handle(data, 0, data.length, source, Set.of(), config.replyToSource);
  }

  /**
   * Returns the addresses of the UDP sockets, in builder order.
   *
   * @return the bound addresses
   */
  public List<InetSocketAddress> udpAddresses() {
    return transports.stream().map(UdpTransport::localAddress).toList();
  }

  /**
   * Returns the server's counters.
   *
   * @return the stats
   */
  public ServerStats stats() {
    long leases = 0;
    for (String id : registry.networkIds()) {
      leases += Leases.of(registry, id).size();
    }
    return counters.snapshot(leases);
  }

  private <T> CompletionStage<T> run(Supplier<T> work) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("driver is closed"));
    }
    try {
      return CompletableFuture.completedFuture(work.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void released(List<Lease> leases) {
    for (Lease l : leases) {
      leaseEvent(new LeaseEvent(LeaseEvent.Type.RELEASED, l));
    }
  }

  /** Stops the sockets, the reclaimer and the journal. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    transports.forEach(UdpTransport::close);
    reclaimTimer.shutdownNow();
    try {
      log.close();
    } catch (Exception e) {
      LOG.warn("closing the lease journal failed", e);
    }
  }
}
