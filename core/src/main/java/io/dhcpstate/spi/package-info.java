/**
 * The service-provider interfaces: {@link io.dhcpstate.spi.DhcpDriver} for DHCP backends and
 * {@link io.dhcpstate.spi.NetworkSource} for the host application's source of truth, with the
 * values passed through them. Drivers are wired explicitly through the agent's builder; there
 * is no service loader.
 */
package io.dhcpstate.spi;
