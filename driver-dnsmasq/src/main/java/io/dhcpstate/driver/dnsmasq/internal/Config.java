package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.driver.dnsmasq.CommandPrefix;
import io.dhcpstate.driver.dnsmasq.InterfaceResolver;
import io.dhcpstate.model.IpAddress;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The dnsmasq driver's checked settings, as the builder hands them over. */
public record Config(
    String name,
    Path dnsmasq,
    Path dhcpRelease,
    Path dhcpRelease6,
    Path stateDirectory,
    InterfaceResolver interfaces,
    CommandPrefix prefix,
    List<IpAddress> forwarders,
    int leaseCap,
    Optional<Path> extraConfig,
    boolean pingBeforeOffer,
    boolean dns,
    Duration batchingWindow,
    Duration stopTimeout,
    boolean respawn,
    Duration respawnMin,
    Duration respawnMax,
    String user,
    Set<PosixFilePermission> dirMode,
    Set<PosixFilePermission> fileMode) {

  /** How long a reload may take to show in dnsmasq's log before it counts as failed. */
  public static final Duration RELOAD_VERIFY = Duration.ofSeconds(5);
}
