package io.dhcpstate.agent;

import io.dhcpstate.model.Network;
import io.dhcpstate.spi.DhcpDriver;
import java.util.List;
import java.util.Set;

/**
 * Chooses which of the agent's drivers serve a network. Called on the agent's worker threads
 * whenever a network changes; must be fast, thread-safe and return a subset of the drivers it
 * is given.
 */
@FunctionalInterface
public interface DriverSelector {

  /**
   * Returns the drivers that serve the network.
   *
   * @param network the network
   * @param drivers every driver of the agent, in builder order
   * @return the chosen drivers; empty means the network is not served
   */
  Set<DhcpDriver> select(Network network, List<DhcpDriver> drivers);

  /**
   * Returns the selector that lets every driver serve every network (the default).
   *
   * @return the all-drivers selector
   */
  static DriverSelector all() {
    return (network, drivers) -> Set.copyOf(drivers);
  }
}
