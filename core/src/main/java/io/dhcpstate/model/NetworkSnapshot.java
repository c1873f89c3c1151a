package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Snapshot;
import java.util.Collection;
import java.util.Optional;

/**
 * An immutable, validated view of one network with its subnets and ports, indexed so every
 * lookup is O(1) (by id, MAC or IP). Snapshots share structure: the agent makes the next one
 * from the last in time independent of the network's size. Thread-safe because immutable.
 *
 * <p>Every snapshot satisfies {@link NetworkValidator}: subnets and ports belong to the
 * network, subnets do not overlap, each fixed IP lies in an existing subnet, and no two ports
 * share a MAC or an IP.
 */
public interface NetworkSnapshot {

  /**
   * Builds a validated snapshot.
   *
   * @param network the network
   * @param subnets its subnets
   * @param ports its ports
   * @return the snapshot
   * @throws InvalidResourceException listing every cross-resource rule broken
   */
  static NetworkSnapshot of(
      Network network, Collection<Subnet> subnets, Collection<Port> ports) {
    return Snapshot.of(network, subnets, ports);
  }

  /**
   * Returns the network.
   *
   * @return the network record
   */
  Network network();

  /**
   * Returns the subnets, ordered by id.
   *
   * @return an immutable collection
   */
  Collection<Subnet> subnets();

  /**
   * Returns a subnet by id.
   *
   * @param subnetId the id
   * @return the subnet, or empty
   */
  Optional<Subnet> subnet(String subnetId);

  /**
   * Returns the ports, in no particular but stable order for equal content.
   *
   * @return an immutable collection
   */
  Collection<Port> ports();

  /**
   * Returns the number of ports.
   *
   * @return the port count
   */
  int portCount();

  /**
   * Returns a port by id.
   *
   * @param portId the id
   * @return the port, or empty
   */
  Optional<Port> port(String portId);

  /**
   * Returns the port with a MAC.
   *
   * @param mac the MAC
   * @return the port, or empty
   */
  Optional<Port> portByMac(MacAddress mac);

  /**
   * Returns the port holding an address.
   *
   * @param ip the address
   * @return the port, or empty
   */
  Optional<Port> portByIp(IpAddress ip);
}
