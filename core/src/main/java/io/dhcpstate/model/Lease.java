package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One address leased to one client on one network, as a driver reports it.
 *
 * @param networkId the network
 * @param mac the client's hardware address
 * @param ip the leased address
 * @param clientId the client identifier (option 61) as colon-separated hex, if the client sent
 *     one
 * @param hostname the host name the client gave or was given, if any (RFC 1123)
 * @param expiresAt when the lease ends; empty for an infinite lease
 * @param state the lease's life stage
 */
public record Lease(
    String networkId,
    MacAddress mac,
    IpAddress ip,
    Optional<String> clientId,
    Optional<String> hostname,
    Optional<Instant> expiresAt,
    LeaseState state) {

  private static final String R = "lease";

  /**
   * Validates every field.
   *
   * @throws InvalidResourceException naming the field and the value
   */
  public Lease {
    Checks.id(R, networkId, "networkId", networkId);
    Checks.present(R, networkId, "mac", mac);
    Checks.present(R, networkId, "ip", ip);
    Checks.optional(R, networkId, "clientId", clientId).ifPresent(c -> checkClientId(networkId, c));
    Checks.optional(R, networkId, "hostname", hostname)
        .ifPresent(h -> Checks.dnsName(R, networkId, "hostname", h));
    Checks.optional(R, networkId, "expiresAt", expiresAt);
    Checks.present(R, networkId, "state", state);
  }

  private static void checkClientId(String networkId, String clientId) {
    // One or more hex octets separated by colons: "01:fa:16:3e:00:00:01", at most 255 octets.
    boolean ok = !clientId.isEmpty() && clientId.length() <= 255 * 3 - 1
        && (clientId.length() + 1) % 3 == 0;
    for (int i = 0; ok && i < clientId.length(); i++) {
      char c = clientId.charAt(i);
      ok = i % 3 == 2 ? c == ':' : Checks.hexDigit(c) >= 0;
    }
    if (!ok) {
      Checks.fail(R, networkId, "clientId", clientId, "must be hex octets separated by ':'");
    }
  }

  /**
   * Tells whether the lease has no end.
   *
   * @return true if {@link #expiresAt()} is empty
   */
  public boolean isInfinite() {
    return expiresAt.isEmpty();
  }
}
