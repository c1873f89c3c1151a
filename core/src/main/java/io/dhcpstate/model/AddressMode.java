package io.dhcpstate.model;

/** How a subnet hands out addresses. */
public enum AddressMode {
  /**
   * Only known ports get addresses: each port's fixed IP, as Neutron serves; unknown clients
   * are ignored.
   */
  STATIC,
  /** Addresses are allocated from the subnet's allocation pools to any client. */
  DYNAMIC
}
