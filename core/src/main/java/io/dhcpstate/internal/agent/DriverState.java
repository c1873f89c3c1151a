package io.dhcpstate.internal.agent;

import io.dhcpstate.internal.Snapshot;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DriverCapabilities;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one driver has confirmed for one network, and the capability-filtered view it is
 * given. Owned by the network's worker; not thread-safe.
 */
final class DriverState {
  final DhcpDriver driver;
  /** The driver serves the network (its last enable, apply or restart succeeded). */
  boolean enabled;
  /** The last call failed or timed out: the next call is a full enable. */
  boolean dirty;
  /** The view the driver last confirmed, or null after a failure or a disable. */
  Snapshot lastView;
  /** The full snapshot {@link #lastView} was derived from. */
  Snapshot lastFull;
  /** Subnets already reported as skipped for this driver. */
  final Set<String> skippedReported = new HashSet<>();

  DriverState(DhcpDriver driver) {
    this.driver = driver;
  }

  /** Subnets of a snapshot the driver's capabilities exclude. */
  static List<Subnet> excluded(Snapshot s, DriverCapabilities caps) {
    List<Subnet> out = new ArrayList<>(0);
    for (Subnet sub : s.subnets()) {
      if (!caps.ipVersions().contains(sub.ipVersion())
          || !caps.addressModes().contains(sub.addressMode())) {
        out.add(sub);
      }
    }
    return out;
  }

  /**
   * Returns the snapshot the driver may see. Without excluded subnets that is the snapshot
   * itself; with some, ports are filtered one by one from the previous view when only ports
   * changed, and the view is rebuilt (O(ports)) when subnets changed.
   */
  static Snapshot view(Snapshot full, DriverCapabilities caps, Snapshot previousView,
      Snapshot previousFull, Set<String> touchedPorts) {
    List<Subnet> excluded = excluded(full, caps);
    if (excluded.isEmpty()) {
      return full;
    }
    if (previousView != null && previousFull != null && touchedPorts != null
        && previousFull.subnets().equals(full.subnets())
        && previousFull.network().equals(full.network())) {
      Snapshot v = previousView;
      for (String id : touchedPorts) {
        Port p = full.port(id).orElse(null);
        v = p == null ? v.withoutPort(id) : v.withPort(filter(p, excluded));
      }
      return v;
    }
    Snapshot v = full;
    for (Subnet sub : excluded) {
      v = v.withoutSubnet(sub.id());
    }
    return v;
  }

  private static Port filter(Port p, List<Subnet> excluded) {
    List<FixedIp> kept = new ArrayList<>(p.fixedIps().size());
    for (FixedIp f : p.fixedIps()) {
      boolean drop = false;
      for (Subnet s : excluded) {
        drop |= s.id().equals(f.subnetId());
      }
      if (!drop) {
        kept.add(f);
      }
    }
    return kept.size() == p.fixedIps().size() ? p
        : new Port(p.id(), p.networkId(), p.mac(), kept, p.deviceOwner(), p.adminStateUp(),
            p.hostname(), p.extraDhcpOptions(), p.revision());
  }

  /** Whether a view should be served: admin up with at least one DHCP subnet. */
  static boolean servable(Snapshot view) {
    if (view == null || !view.network().adminStateUp()) {
      return false;
    }
    for (Subnet s : view.subnets()) {
      if (s.enableDhcp()) {
        return true;
      }
    }
    return false;
  }

  /** The DHCP ranges of a view; a change in them needs a restart rather than a reload. */
  static List<Object> ranges(Snapshot view) {
    List<Object> out = new ArrayList<>();
    for (Subnet s : view.subnets()) {
      if (s.enableDhcp()) {
        IpPrefix cidr = s.cidr();
        AddressMode mode = s.addressMode();
        out.add(List.of(s.id(), cidr, mode, s.allocationPools(),
            Objects.toString(s.ipv6AddressMode().orElse(null))));
      }
    }
    return out;
  }
}
