package io.dhcpstate.model;

/** How IPv6 hosts on a subnet get addresses and options, as Neutron's ipv6 modes. */
public enum Ipv6Mode {
  /** Addresses and options from DHCPv6. */
  DHCPV6_STATEFUL("dhcpv6-stateful"),
  /** Addresses by SLAAC, options from DHCPv6. */
  DHCPV6_STATELESS("dhcpv6-stateless"),
  /** Addresses by SLAAC, no DHCPv6. */
  SLAAC("slaac");

  private final String text;

  Ipv6Mode(String text) {
    this.text = text;
  }

  /**
   * Returns Neutron's spelling, such as {@code dhcpv6-stateful}.
   *
   * @return the mode's name as Neutron writes it
   */
  public String text() {
    return text;
  }
}
