package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One network as the server serves it: the agent's snapshot (ports by MAC and IP in O(1)) and
 * a {@link SubnetProfile} per DHCP-enabled IPv4 subnet. Immutable; a port change makes a new
 * instance that shares the profiles, so applying it costs O(1) in the network's size.
 */
public final class ServedNetwork {
  final NetworkSnapshot snapshot;
  final DhcpSettings settings;
  final List<SubnetProfile> profiles;
  /** The network's DHCP port, if any. */
  final Port dhcpPort;

  private ServedNetwork(NetworkSnapshot snapshot, DhcpSettings settings,
      List<SubnetProfile> profiles, Port dhcpPort) {
    this.snapshot = snapshot;
    this.settings = settings;
    this.profiles = profiles;
    this.dhcpPort = dhcpPort;
  }

  /**
   * Builds the served form of a whole network (O(ports) to find its DHCP port).
   *
   * @param snapshot the network
   * @param settings the agent's settings
   * @param fallbackServerId the driver's own address, if configured
   * @return the served network
   */
  public static ServedNetwork of(NetworkSnapshot snapshot, DhcpSettings settings,
      Optional<IpAddress> fallbackServerId) {
    Port dhcp = null;
    for (Port p : snapshot.ports()) {
      if (p.isDhcpPort()) {
        dhcp = p;
        break;
      }
    }
    return build(snapshot, settings, dhcp, fallbackServerId);
  }

  private static ServedNetwork build(NetworkSnapshot snapshot, DhcpSettings settings,
      Port dhcpPort, Optional<IpAddress> fallbackServerId) {
    List<SubnetProfile> profiles = new ArrayList<>();
    for (Subnet s : snapshot.subnets()) {
      if (s.enableDhcp() && s.ipVersion() == IpVersion.V4) {
        profiles.add(SubnetProfile.of(snapshot.network(), s, snapshot.subnets(),
            SubnetProfile.dhcpPortIp(dhcpPort, s.id()), fallbackServerId, settings));
      }
    }
    return new ServedNetwork(snapshot, settings, List.copyOf(profiles), dhcpPort);
  }

  /**
   * Returns this network after an incremental change: profiles are rebuilt only when the
   * network, its subnets, the settings or its DHCP port changed.
   *
   * @param next the new snapshot
   * @param nextSettings the settings
   * @param change what changed
   * @param fallbackServerId the driver's own address, if configured
   * @return the served network
   */
  public ServedNetwork apply(NetworkSnapshot next, DhcpSettings nextSettings,
      NetworkChange change, Optional<IpAddress> fallbackServerId) {
    Port dhcp = dhcpPort;
    boolean dhcpChanged = false;
    for (PortChange pc : change.ports()) {
      boolean was = pc.before().map(Port::isDhcpPort).orElse(false);
      boolean is = pc.after().map(Port::isDhcpPort).orElse(false);
      if (was || is) {
        dhcpChanged = true;
        dhcp = is ? pc.after().get() : dhcp != null && dhcp.id().equals(pc.portId()) ? null : dhcp;
      }
    }
    if (dhcpChanged || change.networkChanged() || change.subnetsChanged()
        || change.settingsChanged() || !nextSettings.equals(settings)) {
      if (dhcpChanged && dhcp == null) {
        return of(next, nextSettings, fallbackServerId); // another DHCP port may remain
      }
      return build(next, nextSettings, dhcp, fallbackServerId);
    }
    return new ServedNetwork(next, nextSettings, profiles, dhcpPort);
  }

  /**
   * Returns the network's snapshot.
   *
   * @return the snapshot
   */
  public NetworkSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns the profile of the served subnet containing an address.
   *
   * @param ip the address
   * @return the profile, or empty
   */
  public Optional<SubnetProfile> profileContaining(IpAddress ip) {
    for (SubnetProfile p : profiles) {
      if (p.subnet.cidr().contains(ip)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the profiles of the served IPv4 subnets.
   *
   * @return the profiles
   */
  public List<SubnetProfile> profiles() {
    return profiles;
  }

  /** The first dynamic subnet, for clients nothing else places. */
  Optional<SubnetProfile> firstDynamic() {
    for (SubnetProfile p : profiles) {
      if (p.subnet.addressMode() == AddressMode.DYNAMIC) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
