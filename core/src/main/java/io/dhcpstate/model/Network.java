package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;
import java.util.Optional;

/**
 * A layer-2 network as the controller sees it: the unit a DHCP driver serves. Subnets and
 * ports refer to it by id. Immutable and validated on construction.
 *
 * @param id the network's identifier (1–64 of {@code [A-Za-z0-9._-]}, starting alphanumeric)
 * @param name a display name, at most 255 characters without control characters; never
 *     written to a configuration file
 * @param adminStateUp whether DHCP should be served on it at all
 * @param mtu the link MTU, 68..65535, sent to clients as option 26
 * @param dnsDomain the network's DNS domain, if it has its own; else the agent's default
 * @param revision the controller's revision number of this network, never negative
 */
public record Network(
    String id,
    String name,
    boolean adminStateUp,
    int mtu,
    Optional<String> dnsDomain,
    long revision) {

  /** Default MTU of an Ethernet network. */
  public static final int DEFAULT_MTU = 1500;

  /**
   * Validates every field.
   *
   * @throws InvalidResourceException naming the network, the field and the value
   */
  public Network {
    Checks.id("network", id, "id", id);
    Checks.text("network", id, "name", name, 255);
    Checks.range("network", id, "mtu", mtu, 68, 65535);
    Checks.optional("network", id, "dnsDomain", dnsDomain)
        .ifPresent(d -> Checks.dnsName("network", id, "dnsDomain", d));
    Checks.range("network", id, "revision", revision, 0, Long.MAX_VALUE);
  }

  /**
   * Returns an administratively up network with the default MTU, no name, no domain and
   * revision 0.
   *
   * @param id the network id
   * @return the network
   * @throws InvalidResourceException if the id is invalid
   */
  public static Network of(String id) {
    return new Network(id, "", true, DEFAULT_MTU, Optional.empty(), 0);
  }

  /**
   * Returns a copy with another revision.
   *
   * @param newRevision the revision
   * @return the copy
   * @throws InvalidResourceException if the revision is negative
   */
  public Network withRevision(long newRevision) {
    return new Network(id, name, adminStateUp, mtu, dnsDomain, newRevision);
  }
}
