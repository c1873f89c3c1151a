/** dhcpstate's in-memory driver: a pure-Java DHCPv4 server (packets via dhcp4java). */
module io.dhcpstate.driver.inmemory {
  requires transitive io.dhcpstate.core;
  requires org.dhcp4java;
  requires org.slf4j;

  exports io.dhcpstate.driver.inmemory;
}
