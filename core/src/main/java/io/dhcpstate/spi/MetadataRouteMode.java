package io.dhcpstate.spi;

/**
 * Whether clients get a host route to the metadata service (169.254.169.254/32), and through
 * which next hop, as Neutron's isolated and forced metadata settings.
 */
public enum MetadataRouteMode {
  /** No metadata route. */
  OFF,
  /** Route through the network's DHCP port address on each IPv4 subnet. */
  VIA_DHCP_PORT,
  /** Route through each IPv4 subnet's gateway. */
  VIA_GATEWAY
}
