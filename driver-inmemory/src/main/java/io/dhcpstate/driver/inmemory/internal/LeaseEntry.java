package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of a {@link LeaseTable}: an address offered to, leased to or declined by a client.
 *
 * @param ip the address
 * @param clientKey the client: {@code id:<hex>} from option 61, else {@code hw:<mac>}
 * @param mac the client's hardware address
 * @param clientId option 61 as colon hex, if sent
 * @param hostname the client's host name, if known
 * @param kind offered, active or declined
 * @param expiresAt when it ends; {@link Instant#MAX} for an infinite lease
 * @param subnetId the subnet the address belongs to
 */
record LeaseEntry(IpAddress ip, String clientKey, MacAddress mac, Optional<String> clientId,
    Optional<String> hostname, Kind kind, Instant expiresAt, String subnetId) {

  /** What the row holds. */
  enum Kind { OFFERED, ACTIVE, DECLINED }

  boolean expired(Instant now) {
    return !expiresAt.isAfter(now);
  }

  LeaseEntry with(Kind newKind, Instant newExpiry) {
    return new LeaseEntry(ip, clientKey, mac, clientId, hostname, newKind, newExpiry, subnetId);
  }

  /** The model form of this row; offers are not leases and map to ACTIVE only if asked. */
  Lease toLease(String networkId, LeaseState state) {
    return new Lease(networkId, mac, ip, clientId, hostname,
        expiresAt.equals(Instant.MAX) ? Optional.empty() : Optional.of(expiresAt), state);
  }

  static LeaseEntry fromLease(Lease lease, String subnetId) {
    String key = lease.clientId().map(c -> "id:" + c).orElse("hw:" + lease.mac());
    return new LeaseEntry(lease.ip(), key, lease.mac(), lease.clientId(), lease.hostname(),
        lease.state() == LeaseState.DECLINED ? Kind.DECLINED : Kind.ACTIVE,
        lease.expiresAt().orElse(Instant.MAX), subnetId);
  }
}
