package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.AgentListener;
import io.dhcpstate.agent.DriverSelector;
import io.dhcpstate.agent.Scheduler;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.NetworkSource;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The checked settings a builder hands the engine. {@code ownedResources} are closed with the
 * agent (the default executor and timer).
 */
public record AgentConfig(
    NetworkSource source,
    List<DhcpDriver> drivers,
    DriverSelector selector,
    InstantSource clock,
    Executor executor,
    Scheduler scheduler,
    int workers,
    Duration resyncInterval,
    Duration resyncThrottle,
    Duration driverTimeout,
    int readyBatchSize,
    Duration tombstoneLifetime,
    Duration closeTimeout,
    DhcpSettings settings,
    AgentListener listener,
    List<AutoCloseable> ownedResources) {}
