/**
 * The agent: {@link io.dhcpstate.agent.DhcpAgent}, built with
 * {@link io.dhcpstate.agent.DhcpAgentBuilder}, takes {@link io.dhcpstate.agent.ResourceEvent}s
 * from the host application and keeps its drivers in step, reporting to an
 * {@link io.dhcpstate.agent.AgentListener}.
 */
package io.dhcpstate.agent;
