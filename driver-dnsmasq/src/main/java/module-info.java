/** dhcpstate's dnsmasq driver: runs and reloads one dnsmasq process per network. */
module io.dhcpstate.driver.dnsmasq {
  requires transitive io.dhcpstate.core;
  requires org.slf4j;

  exports io.dhcpstate.driver.dnsmasq;
}
