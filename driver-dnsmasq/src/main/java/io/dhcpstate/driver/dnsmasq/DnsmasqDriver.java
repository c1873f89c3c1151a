package io.dhcpstate.driver.dnsmasq;

import io.dhcpstate.driver.dnsmasq.internal.Config;
import io.dhcpstate.driver.dnsmasq.internal.Instances;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverCapabilities;
import io.dhcpstate.spi.NetworkChange;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link DhcpDriver} that serves each network with its own dnsmasq process, as Neutron's
 * dnsmasq driver does: per-network host, additional-hosts and options files written
 * atomically from the validated model, a Neutron-style command line passed as arguments (no
 * shell), reloads by SIGHUP batched within a window and verified in dnsmasq's log, restarts
 * when the DHCP ranges change, lease release with {@code dhcp_release}, and a monitor that
 * respawns dead processes with backoff.
 *
 * <p>Built with {@link #builder()}. Serves IPv4 and IPv6 (stateful and stateless), static and
 * dynamic subnets. Thread-safe.
 */
public final class DnsmasqDriver implements DhcpDriver {
  private final Config config;
  private final Instances instances;
  private final boolean keepRunning;

  DnsmasqDriver(DnsmasqDriverBuilder b) {
    this.config = new Config(b.name, b.dnsmasq, b.dhcpRelease, b.dhcpRelease6, b.stateDirectory,
        b.interfaces, b.prefix, List.copyOf(b.forwarders), b.leaseCap, b.extraConfig,
        b.pingBeforeOffer, b.dns, b.batchingWindow, b.stopTimeout, b.respawn, b.respawnMin,
        b.respawnMax, b.user, Set.copyOf(b.dirMode), Set.copyOf(b.fileMode));
    this.instances = new Instances(config);
    this.keepRunning = b.keepRunningOnClose;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static DnsmasqDriverBuilder builder() {
    return new DnsmasqDriverBuilder();
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(EnumSet.allOf(IpVersion.class), EnumSet.allOf(AddressMode.class));
  }

  @Override
  public CompletionStage<Void> enable(NetworkSnapshot network, DhcpSettings settings) {
    return guard(() -> instances.submit(network, settings, List.of(), false));
  }

  @Override
  public CompletionStage<Void> apply(NetworkSnapshot network, DhcpSettings settings,
      NetworkChange change) {
    return guard(() -> instances.submit(network, settings, change.ports(), false));
  }

  @Override
  public CompletionStage<Void> restart(NetworkSnapshot network, DhcpSettings settings) {
    return guard(() -> instances.submit(network, settings, List.of(), true));
  }

  @Override
  public CompletionStage<Void> disable(String networkId) {
    return guard(() -> instances.async(() -> {
      instances.disable(networkId);
      return null;
    }));
  }

  @Override
  public CompletionStage<Set<String>> servedNetworks() {
    return guard(() -> instances.async(instances::served));
  }

  @Override
  public CompletionStage<List<Lease>> leases(String networkId) {
    return guard(() -> instances.async(() -> instances.leases(networkId).leases()));
  }

  @Override
  public CompletionStage<Boolean> releaseLease(Lease lease) {
    return guard(() -> instances.async(() -> instances.release(lease)));
  }

  /**
   * Returns the pid of a network's dnsmasq, if it runs.
   *
   * @param networkId the network
   * @return the pid, or empty
   */
  public Optional<Long> pid(String networkId) {
    return instances.pid(networkId);
  }

  /**
   * Returns how many lease-file lines of a network were skipped as malformed on the last
   * read.
   *
   * @param networkId the network
   * @return the count
   */
  public int malformedLeaseLines(String networkId) {
    return instances.leases(networkId).malformed();
  }

  /**
   * Returns counters: respawns, leases released and releases that failed verification.
   *
   * @return the stats
   */
  public DnsmasqStats stats() {
    return new DnsmasqStats(instances.respawns.sum(), instances.releaser().released.sum(),
        instances.releaser().failed.sum());
  }

  private static <T> CompletionStage<T> guard(
      java.util.function.Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Stops the driver's threads and, unless configured to keep them, its dnsmasq processes. */
  @Override
  public void close() {
    if (!keepRunning) {
      instances.stopAll();
    }
    instances.close();
  }
}
