package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.PortChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dnsmasq driver's engine: one {@link NetworkInstance} per served network, the threads
 * that flush them, and the monitor that respawns dead processes. Thread-safe.
 */
public final class Instances implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Instances.class);

  private final Config config;
  private final ConcurrentHashMap<String, NetworkInstance> instances = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor;
  private final Releaser releaser;
  /** Processes respawned by the monitor. */
  public final LongAdder respawns = new LongAdder();

  /**
   * Starts the engine's threads.
   *
   * @param config the driver settings
   */
  public Instances(Config config) {
    this.config = config;
    this.releaser = new Releaser(config);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(4, r -> {
      Thread t = new Thread(r, "dhcpstate-dnsmasq-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::monitor, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Returns a network's directory, checked to lie directly under the state directory.
   *
   * @param networkId the network id
   * @return the directory
   */
  public Path dir(String networkId) {
    Checks.id("network", networkId, "id", networkId);
    Path d = config.stateDirectory().resolve(networkId).normalize();
    if (!config.stateDirectory().equals(d.getParent())) {
      throw new IllegalArgumentException("network directory escapes the state directory");
    }
    return d;
  }

  private NetworkInstance instance(String networkId) {
    return instances.computeIfAbsent(networkId,
        id -> new NetworkInstance(id, dir(id), config, executor, releaser));
  }

  /**
   * Serves a network; completes when dnsmasq has re-read the files.
   *
   * @param network the network
   * @param settings the agent's settings
   * @param changes the changed ports (for releases), empty for a full enable
   * @param restart force a restart
   * @return the completion
   */
  public CompletableFuture<Void> submit(NetworkSnapshot network, DhcpSettings settings,
      List<PortChange> changes, boolean restart) {
    return instance(network.network().id()).submit(network, settings, changes, restart);
  }

  /**
   * Stops a network's dnsmasq and removes its directory.
   *
   * @param networkId the network
   */
  public void disable(String networkId) {
    Path d = dir(networkId);
    NetworkInstance i = instances.remove(networkId);
    if (i == null) {
      if (!Files.isDirectory(d)) {
        return;
      }
      i = new NetworkInstance(networkId, d, config, executor, releaser);
    }
    i.stop(true);
  }

  /**
   * Lists the networks with a directory, whether or not their process runs.
   *
   * @return the network ids
   */
  public Set<String> served() {
    Set<String> out = new HashSet<>(instances.keySet());
    try (var dirs = Files.list(config.stateDirectory())) {
      dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(name -> Checks.idProblem(name) == null).forEach(out::add);
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", config.stateDirectory(), e.toString());
    }
    return Set.copyOf(out);
  }

  /**
   * Parses a network's lease file.
   *
   * @param networkId the network
   * @return the leases and the malformed-line count
   */
  public LeaseFile.Parsed leases(String networkId) {
    NetworkInstance i = instances.get(networkId);
    Path d = dir(networkId);
    if (i == null && !Files.isDirectory(d)) {
      return new LeaseFile.Parsed(List.of(), 0);
    }
    return (i != null ? i : new NetworkInstance(networkId, d, config, executor, releaser))
        .leases();
  }

  /**
   * Releases one lease with {@code dhcp_release} and verifies it.
   *
   * @param lease the lease
   * @return true if it was held and is now gone
   */
  public boolean release(Lease lease) {
    NetworkInstance i = instances.get(lease.networkId());
    if (i == null) {
      return false;
    }
    // Release what dnsmasq holds (its client id, not the caller's), if it holds it.
    Optional<Lease> held = i.leases().leases().stream()
        .filter(l -> l.ip().equals(lease.ip()) && l.mac().equals(lease.mac())).findFirst();
    return held.isPresent() && releaser.releaseOne(i, held.get(), i.iface());
  }

  /**
   * Returns the pid of a network's dnsmasq, if it runs.
   *
   * @param networkId the network
   * @return the pid, or empty
   */
  public Optional<Long> pid(String networkId) {
    NetworkInstance i = instances.get(networkId);
    return i == null ? Optional.empty() : i.pid();
  }

  /**
   * Returns the release counters: released and failed.
   *
   * @return the releaser
   */
  public Releaser releaser() {
    return releaser;
  }

  /**
   * Runs blocking work on the engine's threads.
   *
   * @param <T> the result type
   * @param work the work
   * @return its completion
   */
  public <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }

  private void monitor() {
    Instant now = Instant.now();
    for (NetworkInstance i : instances.values()) {
      try {
        if (i.checkAlive(now)) {
          respawns.increment();
        }
      } catch (RuntimeException e) {
        LOG.warn("monitor check of network {} failed", i.networkId, e);
      }
    }
  }

  /** Stops the threads; dnsmasq processes keep serving (recovery adopts them next time). */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops every dnsmasq this engine runs, keeping their files.
   */
  public void stopAll() {
    for (NetworkInstance i : instances.values()) {
      i.stop(false);
    }
    instances.clear();
  }
}
