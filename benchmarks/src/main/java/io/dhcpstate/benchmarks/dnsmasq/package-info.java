/**
 * Benchmarks of the dnsmasq driver, run by {@code benchmarks/dnsmasq/run.sh}.
 *
 * <p>{@link io.dhcpstate.benchmarks.dnsmasq.RenderBenchmark} (JMH, run by
 * {@link io.dhcpstate.benchmarks.dnsmasq.RenderSuite}) times the renderer alone.
 * {@link io.dhcpstate.benchmarks.dnsmasq.DnsmasqLab} runs the agent and the driver against real
 * dnsmasq processes in network namespaces the script creates, with BusyBox {@code udhcpc} as
 * the client: {@code VisibleRun} (a change until a client sees it), {@code ChurnRun} (changes
 * per second through a running dnsmasq) and {@code ReleaseRun} (lease releases per second, and
 * leases a burst of deletes leaves behind). {@code Shape} is the network shape they share,
 * {@code LabSource} the source of truth, {@code CycleWatch} and {@code Samples} an outside view
 * of each reload, {@code Figure} the result lines.
 */
package io.dhcpstate.benchmarks.dnsmasq;
