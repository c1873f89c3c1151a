package io.dhcpstate.driver.inmemory;

import io.dhcpstate.InvalidConfigurationException;
import io.dhcpstate.internal.Checks;
import io.dhcpstate.internal.SettingGuard;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Configures an {@link InMemoryDriver}. Each setting is checked when set and may be set once
 * (UDP sockets may be added several times). Not thread-safe.
 *
 * <p>Defaults: name {@code inmemory}; no UDP socket (socketless); RFC reply destinations; 2
 * worker threads and a queue of 4096 datagrams per socket; no journal; offers held 30 s;
 * declined addresses on probation 24 h; reclamation every 10 s of at most 500 leases or 50 ms;
 * the agent's clock.
 */
public final class InMemoryDriverBuilder {
  /** A UDP socket to serve on. */
  record Udp(InetSocketAddress bind, Set<String> networks) {}

  String name = "inmemory";
  final List<Udp> udp = new ArrayList<>();
  boolean replyToSource;
  int workers = 2;
  int queueCapacity = 4096;
  Path journalDir;
  FsyncPolicy fsync = FsyncPolicy.NEVER;
  Duration offerHold = Duration.ofSeconds(30);
  Duration probation = Duration.ofHours(24);
  Duration reclaimInterval = Duration.ofSeconds(10);
  int reclaimMaxLeases = 500;
  Duration reclaimMaxTime = Duration.ofMillis(50);
  Optional<IpAddress> serverAddress = Optional.empty();
  InstantSource clock = InstantSource.system();
  boolean clockSet;
  private final SettingGuard guard = new SettingGuard();

  InMemoryDriverBuilder() {}

  /**
   * Sets the driver's name, used in logs and listener calls.
   *
   * @param driverName an identifier
   * @return this builder
   */
  public InMemoryDriverBuilder name(String driverName) {
    guard.once("name", driverName);
    if (Checks.idProblem(driverName) != null) {
      throw new InvalidConfigurationException("name must be an identifier: "
          + Checks.idProblem(driverName));
    }
    this.name = driverName;
    return this;
  }

  /**
   * Adds a UDP socket serving every network.
   *
   * @param bind the address and port, such as {@code 0.0.0.0:67}; port 0 picks a free port
   * @return this builder
   */
  public InMemoryDriverBuilder udp(InetSocketAddress bind) {
    return udp(bind, Set.of());
  }

  /**
   * Adds a UDP socket serving only the given networks, for one socket per namespace or
   * interface.
   *
   * @param bind the address and port
   * @param networkIds the networks it serves; empty for all
   * @return this builder
   */
  public InMemoryDriverBuilder udp(InetSocketAddress bind, Set<String> networkIds) {
    if (bind == null || bind.isUnresolved()) {
      throw new InvalidConfigurationException("udp bind address must be a resolved address, was "
          + bind);
    }
    for (String id : networkIds) {
      if (Checks.idProblem(id) != null) {
        throw new InvalidConfigurationException("udp networks: not an identifier");
      }
    }
    udp.add(new Udp(bind, Set.copyOf(networkIds)));
    return this;
  }

  /**
   * Sends every reply to the request's source address and port instead of the RFC 2131
   * destination, for loopback use and relays on other ports (default off).
   *
   * @param on true to reply to the source
   * @return this builder
   */
  public InMemoryDriverBuilder replyToSource(boolean on) {
    guard.once("replyToSource", on);
    this.replyToSource = on;
    return this;
  }

  /**
   * Sets the worker threads per UDP socket (default 2, range 1..64).
   *
   * @param count the thread count
   * @return this builder
   */
  public InMemoryDriverBuilder workers(int count) {
    guard.once("workers", count);
    if (count < 1 || count > 64) {
      throw new InvalidConfigurationException("workers must be in 1..64, was " + count);
    }
    this.workers = count;
    return this;
  }

  /**
   * Sets how many datagrams may wait per socket before new ones are dropped and counted
   * (default 4096, range 16..1048576).
   *
   * @param capacity the queue capacity
   * @return this builder
   */
  public InMemoryDriverBuilder receiveQueue(int capacity) {
    guard.once("receiveQueue", capacity);
    if (capacity < 16 || capacity > 1 << 20) {
      throw new InvalidConfigurationException("receiveQueue must be in 16..1048576, was "
          + capacity);
    }
    this.queueCapacity = capacity;
    return this;
  }

  /**
   * Keeps leases in an append-only journal in a directory, replayed on start (default: no
   * journal, leases live in memory only).
   *
   * @param directory the journal's directory; created if missing
   * @param policy when writes are forced to disk
   * @return this builder
   */
  public InMemoryDriverBuilder journal(Path directory, FsyncPolicy policy) {
    guard.once("journal", directory);
    if (policy == null) {
      throw new InvalidConfigurationException("journal fsync policy must not be null");
    }
    this.journalDir = directory;
    this.fsync = policy;
    return this;
  }

  /**
   * Sets how long an offered address is held for the client (default 30 s).
   *
   * @param hold the hold time
   * @return this builder
   */
  public InMemoryDriverBuilder offerHold(Duration hold) {
    guard.once("offerHold", hold);
    this.offerHold = SettingGuard.positive("offerHold", hold);
    return this;
  }

  /**
   * Sets how long a declined address stays unused (default 24 h, as Kea).
   *
   * @param time the probation time
   * @return this builder
   */
  public InMemoryDriverBuilder probation(Duration time) {
    guard.once("probation", time);
    this.probation = SettingGuard.positive("probation", time);
    return this;
  }

  /**
   * Sets how often expired leases are reclaimed and a cycle's bounds (default every 10 s, at
   * most 500 leases or 50 ms per cycle).
   *
   * @param interval time between cycles
   * @param maxLeases most leases per cycle, 1..1000000
   * @param maxTime most time per cycle
   * @return this builder
   */
  public InMemoryDriverBuilder reclaim(Duration interval, int maxLeases, Duration maxTime) {
    guard.once("reclaim", interval);
    this.reclaimInterval = SettingGuard.positive("reclaim interval", interval);
    if (maxLeases < 1 || maxLeases > 1_000_000) {
      throw new InvalidConfigurationException("reclaim maxLeases must be in 1..1000000, was "
          + maxLeases);
    }
    this.reclaimMaxLeases = maxLeases;
    this.reclaimMaxTime = SettingGuard.positive("reclaim maxTime", maxTime);
    return this;
  }

  /**
   * Sets the server identifier for subnets whose network has no DHCP port (default: the
   * subnet's gateway, else its first address).
   *
   * @param ip an IPv4 address, such as the server's address on the client network
   * @return this builder
   */
  public InMemoryDriverBuilder serverAddress(String ip) {
    guard.once("serverAddress", ip);
    IpAddress a = IpAddress.tryParse(ip).filter(x -> x.version() == IpVersion.V4)
        .orElseThrow(() -> new InvalidConfigurationException(
            "serverAddress must be an IPv4 address"));
    this.serverAddress = Optional.of(a);
    return this;
  }

  /**
   * Sets the clock (default: the agent's once started, the system clock before).
   *
   * @param source the clock
   * @return this builder
   */
  public InMemoryDriverBuilder clock(InstantSource source) {
    guard.once("clock", source);
    this.clock = source;
    this.clockSet = true;
    return this;
  }

  /**
   * Builds the driver, binding its sockets and replaying its journal.
   *
   * @return the driver; close it when done
   * @throws java.io.UncheckedIOException if a socket cannot be bound or the journal read
   */
  public InMemoryDriver build() {
    return new InMemoryDriver(this);
  }
}
