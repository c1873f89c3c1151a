package io.dhcpstate.driver.dnsmasq;

/**
 * Tells the dnsmasq driver which interface serves a network, such as {@code tap1234} or the
 * server side of a veth pair. Provided by the host application; must be fast and thread-safe.
 */
@FunctionalInterface
public interface InterfaceResolver {
  /**
   * Returns the interface name for a network.
   *
   * @param networkId the network id
   * @return an interface name: 1–15 characters of {@code [A-Za-z0-9._-]}
   */
  String interfaceFor(String networkId);
}
