/**
 * Benchmarks of the in-memory driver, run by {@code benchmarks/inmemory/run.sh}.
 *
 * <ul>
 *   <li>{@link io.dhcpstate.benchmarks.inmemory.HandlerBenchmark} — JMH, packets per second
 *       through the socketless handler with 100,000 known ports
 *       ({@code inmemory.handler_packets_per_s}).
 *   <li>{@link io.dhcpstate.benchmarks.inmemory.PerfServer} — the server perfdhcp measures in
 *       a network namespace ({@code inmemory.dora_per_s_journal}, {@code inmemory.dora_per_s}),
 *       configured as dnsmasq and Kea are in the same run; its {@code transport=inline} and
 *       {@code agent=off} settings are diagnostics for locating where a DORA's time goes.
 * </ul>
 */
package io.dhcpstate.benchmarks.inmemory;
