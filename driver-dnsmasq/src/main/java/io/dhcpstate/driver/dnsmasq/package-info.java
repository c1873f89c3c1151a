/**
 * The dnsmasq driver: {@link io.dhcpstate.driver.dnsmasq.DnsmasqDriver}, configured with
 * {@link io.dhcpstate.driver.dnsmasq.DnsmasqDriverBuilder}, runs one dnsmasq per network. The
 * host application tells it each network's interface
 * ({@link io.dhcpstate.driver.dnsmasq.InterfaceResolver}) and, optionally, a
 * {@link io.dhcpstate.driver.dnsmasq.CommandPrefix} such as {@code ip netns exec NAME}.
 *
 * <p>Files per network, under the state directory's {@code <network-id>/}: {@code host},
 * {@code addn_hosts}, {@code opts} (written by the driver), {@code leases} (written by the
 * driver only before the first start, then owned by dnsmasq), {@code pid}, {@code log}, and
 * {@code stdout} (what dnsmasq prints before its log is open).
 *
 * <p>A reload is SIGHUP with the files rewritten atomically; a change of anything on dnsmasq's
 * command line (DHCP ranges, MTU, domain, interface) restarts it, and so does any change while
 * the loaded host file carries {@code set:} tags, because dnsmasq up to 2.90 crashes on SIGHUP
 * once a tagged host has been answered. Only ports with options of their own are tagged.
 */
package io.dhcpstate.driver.dnsmasq;
