package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Lease queries and host-driven changes over a {@link Registry}. Stateless. */
public final class Leases {
  private Leases() {}

  /**
   * Loads leases replayed from a journal into their networks' tables.
   *
   * @param registry the registry
   * @param leases the recovered leases
   */
  public static void restore(Registry registry, Collection<Lease> leases) {
    for (Lease l : leases) {
      if (l.state() == LeaseState.ACTIVE || l.state() == LeaseState.DECLINED) {
        registry.table(l.networkId()).restore(LeaseEntry.fromLease(l, ""));
      }
    }
  }

  /**
   * Returns a network's active and declined leases.
   *
   * @param registry the registry
   * @param networkId the network
   * @return the leases, empty for an unknown network
   */
  public static List<Lease> of(Registry registry, String networkId) {
    return registry.existingTable(networkId).map(LeaseTable::leases).orElse(List.of());
  }

  /**
   * Returns the lease of an address.
   *
   * @param registry the registry
   * @param networkId the network
   * @param ip the address
   * @return the lease, or empty
   */
  public static Optional<Lease> byIp(Registry registry, String networkId, IpAddress ip) {
    return registry.existingTable(networkId).map(t -> t.byIp(ip))
        .filter(e -> e.kind() != LeaseEntry.Kind.OFFERED)
        .map(e -> e.toLease(networkId, e.kind() == LeaseEntry.Kind.DECLINED
            ? LeaseState.DECLINED : LeaseState.ACTIVE));
  }

  /**
   * Releases a lease held by the given MAC at the given address.
   *
   * @param registry the registry
   * @param lease the lease to release
   * @return the released lease, or empty if no such lease was held
   */
  public static Optional<Lease> release(Registry registry, Lease lease) {
    Optional<LeaseTable> table = registry.existingTable(lease.networkId());
    if (table.isEmpty()) {
      return Optional.empty();
    }
    LeaseTable t = table.get();
    synchronized (t) { // the check and the removal are one step
      LeaseEntry e = t.byIp(lease.ip());
      if (e == null || e.kind() == LeaseEntry.Kind.OFFERED || !e.mac().equals(lease.mac())) {
        return Optional.empty();
      }
      t.remove(lease.ip(), LeaseState.RELEASED);
      return Optional.of(e.toLease(lease.networkId(), LeaseState.RELEASED));
    }
  }
}
