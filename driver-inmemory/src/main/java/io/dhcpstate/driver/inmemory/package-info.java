/**
 * The in-memory driver: {@link io.dhcpstate.driver.inmemory.InMemoryDriver}, a pure-Java
 * DHCPv4 server in the host application's JVM, configured with
 * {@link io.dhcpstate.driver.inmemory.InMemoryDriverBuilder}. It serves over UDP sockets or
 * socketless ({@link io.dhcpstate.driver.inmemory.InMemoryDriver#handle}), keeps leases in
 * memory with an optional journal ({@link io.dhcpstate.driver.inmemory.FsyncPolicy}), and
 * reports lease events to the agent.
 */
package io.dhcpstate.driver.inmemory;
