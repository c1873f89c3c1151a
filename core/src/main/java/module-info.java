/**
 * dhcpstate core: the validated model, the DHCP option catalogue, the agent and the driver and
 * source SPIs. Only API packages are exported; {@code io.dhcpstate.internal} is not.
 */
module io.dhcpstate.core {
  requires org.slf4j;

  exports io.dhcpstate;
  exports io.dhcpstate.model;
  exports io.dhcpstate.options;
  exports io.dhcpstate.agent;
  exports io.dhcpstate.spi;

  // Shared helpers (validation, persistent snapshots) for dhcpstate's own modules only.
  exports io.dhcpstate.internal to
      io.dhcpstate.driver.inmemory,
      io.dhcpstate.driver.dnsmasq,
      io.dhcpstate.testkit;
}
