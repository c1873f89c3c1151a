package io.dhcpstate.spi;

import java.util.List;
import java.util.Objects;

/**
 * What changed in a network since the driver's last successful call for it: the changed ports,
 * and whether the network record, its subnets or the agent's serving settings changed. The
 * snapshot passed beside it is the complete new state; this record only saves a driver from
 * comparing. Immutable.
 *
 * @param ports the ports created, updated or deleted, each once
 * @param networkChanged whether the network record (MTU, domain, admin state) changed
 * @param subnetsChanged whether any subnet changed without changing the DHCP ranges
 * @param settingsChanged whether the agent's {@link DhcpSettings} changed
 */
public record NetworkChange(
    List<PortChange> ports, boolean networkChanged, boolean subnetsChanged,
    boolean settingsChanged) {

  /** Copies the port list. */
  public NetworkChange {
    ports = List.copyOf(Objects.requireNonNull(ports, "ports"));
  }

  /**
   * Tells whether nothing changed.
   *
   * @return true for an empty change
   */
  public boolean isEmpty() {
    return ports.isEmpty() && !networkChanged && !subnetsChanged && !settingsChanged;
  }
}
