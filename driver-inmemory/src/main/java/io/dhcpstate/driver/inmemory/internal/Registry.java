package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.internal.DhcpServer.Placement;
import io.dhcpstate.driver.inmemory.internal.LeaseEntry.Kind;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.PortChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The networks a server serves, their lease tables, and a MAC index across networks, with the
 * rules that place a request in a network and subnet: a known MAC first, then the relay's link
 * (option 118, option 82 link selection, giaddr), then the client's own address, then the only
 * network a transport serves. Java cannot tell which interface a broadcast arrived on, so
 * nothing else is available. Thread-safe.
 */
public final class Registry {
  private final ConcurrentHashMap<String, ServedNetwork> networks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LeaseTable> tables = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MacAddress, String> macs = new ConcurrentHashMap<>();
  private final LeaseLog log;

  /**
   * Creates an empty registry.
   *
   * @param log where lease changes are recorded
   */
  public Registry(LeaseLog log) {
    this.log = log;
  }

  /**
   * Returns a served network.
   *
   * @param networkId the id
   * @return the network, or empty
   */
  public Optional<ServedNetwork> network(String networkId) {
    return Optional.ofNullable(networks.get(networkId));
  }

  /**
   * Returns the ids of the served networks.
   *
   * @return a copy
   */
  public Set<String> networkIds() {
    return Set.copyOf(networks.keySet());
  }

  LeaseTable table(ServedNetwork n) {
    return table(n.snapshot.network().id());
  }

  /**
   * Returns a network's lease table, creating it when absent.
   *
   * @param networkId the id
   * @return the table
   */
  LeaseTable table(String networkId) {
    return tables.computeIfAbsent(networkId, id -> new LeaseTable(id, log));
  }

  /**
   * Returns a network's lease table if it has one.
   *
   * @param networkId the id
   * @return the table, or empty
   */
  Optional<LeaseTable> existingTable(String networkId) {
    return Optional.ofNullable(tables.get(networkId));
  }

  /**
   * Serves a whole network (O(ports)); leases of static subnets that no port holds any more
   * are released and returned.
   *
   * @param next the network
   * @return the leases released
   */
  public List<io.dhcpstate.model.Lease> replace(ServedNetwork next) {
    String id = next.snapshot.network().id();
    ServedNetwork old = networks.put(id, next);
    if (old != null) {
      for (Port p : old.snapshot.ports()) {
        macs.remove(p.mac(), id);
      }
    }
    for (Port p : next.snapshot.ports()) {
      macs.put(p.mac(), id);
    }
    List<io.dhcpstate.model.Lease> released = new ArrayList<>();
    LeaseTable table = tables.get(id);
    if (table != null) {
      for (io.dhcpstate.model.Lease l : table.leases()) {
        releaseIfInvalid(next, table, l.ip(), released);
      }
    }
    return released;
  }

  /**
   * Serves a network after an incremental change (O(changed ports)); leases the changed
   * ports no longer hold are released and returned.
   *
   * @param next the network
   * @param changes the changed ports
   * @return the leases released
   */
  public List<io.dhcpstate.model.Lease> update(ServedNetwork next, Collection<PortChange> changes) {
    String id = next.snapshot.network().id();
    networks.put(id, next);
    List<io.dhcpstate.model.Lease> released = new ArrayList<>();
    LeaseTable table = tables.get(id);
    for (PortChange pc : changes) {
      pc.before().ifPresent(p -> macs.remove(p.mac(), id));
      pc.after().ifPresent(p -> macs.put(p.mac(), id));
      if (table == null) {
        continue;
      }
      // Addresses the port held, and addresses it now holds that another client leased.
      for (Port p : List.of(pc.before(), pc.after()).stream().flatMap(Optional::stream).toList()) {
        for (FixedIp f : p.fixedIps()) {
          releaseIfInvalid(next, table, f.ip(), released);
        }
      }
    }
    return released;
  }

  private static void releaseIfInvalid(ServedNetwork next, LeaseTable table, IpAddress ip,
      List<io.dhcpstate.model.Lease> released) {
    synchronized (table) {
      LeaseEntry e = table.byIp(ip);
      if (e == null || e.kind() == Kind.OFFERED || stillValid(next, e.mac(), e.ip())) {
        return;
      }
      table.remove(ip, LeaseState.RELEASED);
      if (e.kind() == Kind.ACTIVE) {
        released.add(e.toLease(next.snapshot.network().id(), LeaseState.RELEASED));
      }
    }
  }

  /** A lease is valid if a port holds it, or it lies in a dynamic subnet's pools. */
  private static boolean stillValid(ServedNetwork n, MacAddress mac, IpAddress ip) {
    Optional<Port> holder = n.snapshot.portByIp(ip);
    if (holder.isPresent()) {
      return holder.get().mac().equals(mac);
    }
    return n.profileContaining(ip)
        .map(p -> p.subnet.addressMode() == AddressMode.DYNAMIC
            && p.subnet.allocationPools().stream().anyMatch(pool -> pool.contains(ip)))
        .orElse(false);
  }

  /**
   * Stops serving a network and drops its leases (logged as released); returns the active
   * ones, as released.
   *
   * @param networkId the id
   * @return the leases dropped
   */
  public List<io.dhcpstate.model.Lease> remove(String networkId) {
    ServedNetwork old = networks.remove(networkId);
    if (old != null) {
      for (Port p : old.snapshot.ports()) {
        macs.remove(p.mac(), networkId);
      }
    }
    LeaseTable table = tables.remove(networkId);
    if (table == null) {
      return List.of();
    }
    List<io.dhcpstate.model.Lease> released = new ArrayList<>();
    for (LeaseEntry e : table.clear()) {
      released.add(e.toLease(networkId, LeaseState.RELEASED));
    }
    return released;
  }

  /** Every lease table, for the reclaimer. */
  Collection<LeaseTable> tables() {
    return tables.values();
  }

  Placement locate(Request req, Set<String> allowed) {
    IpAddress link = req.linkSelection.orElse(req.giaddr.isUnspecified() ? null : req.giaddr);
    String byMac = macs.get(req.mac);
    if (byMac != null && (allowed.isEmpty() || allowed.contains(byMac))) {
      ServedNetwork n = networks.get(byMac);
      Port p = n == null ? null : n.snapshot.portByMac(req.mac).orElse(null);
      if (p != null) {
        Placement placed = placePort(n, p, link);
        if (link == null || placed.profile() != null
            && placed.profile().subnet.cidr().contains(link)) {
          return placed;
        }
      }
    }
    IpAddress hint = link != null ? link : req.ciaddr.isUnspecified() ? null : req.ciaddr;
    List<ServedNetwork> candidates = new ArrayList<>();
    if (allowed.isEmpty()) {
      candidates.addAll(networks.values());
    } else {
      for (String id : allowed) {
        ServedNetwork n = networks.get(id);
        if (n != null) {
          candidates.add(n);
        }
      }
    }
    if (hint != null) {
      for (ServedNetwork n : candidates) {
        Optional<SubnetProfile> p = n.profileContaining(hint);
        if (p.isPresent()) {
          return new Placement(n, null, null, p.get());
        }
      }
      return null;
    }
    if (candidates.size() == 1) {
      ServedNetwork n = candidates.get(0);
      return new Placement(n, null, null, n.firstDynamic().orElse(null));
    }
    return null;
  }

  private static Placement placePort(ServedNetwork n, Port p, IpAddress link) {
    FixedIp chosen = null;
    SubnetProfile profile = null;
    for (FixedIp f : p.fixedIps()) {
      for (SubnetProfile sp : n.profiles) {
        if (sp.subnet.id().equals(f.subnetId())) {
          boolean onLink = link != null && sp.subnet.cidr().contains(link);
          if (chosen == null || onLink) {
            chosen = f;
            profile = sp;
          }
          if (onLink) {
            return new Placement(n, p, chosen, profile);
          }
        }
      }
    }
    return new Placement(n, p, chosen, profile);
  }
}
