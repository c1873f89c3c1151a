package io.dhcpstate.driver.dnsmasq;

/**
 * Counters of the dnsmasq driver.
 *
 * @param respawns dead dnsmasq processes restarted by the monitor
 * @param leasesReleased leases released with {@code dhcp_release} and verified gone
 * @param releaseFailures releases still present in the lease file after every try
 */
public record DnsmasqStats(long respawns, long leasesReleased, long releaseFailures) {}
