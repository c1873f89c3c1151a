package io.dhcpstate.agent;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of the agent's counters, taken without stopping it.
 *
 * @param queuedEvents events accepted but not yet applied
 * @param networks networks in the cache
 * @param ports ports in the cache
 * @param eventsApplied events applied to the cache
 * @param staleEvents events dropped as older than the cache or for a tombstoned id
 * @param rejectedEvents events rejected as invalid or conflicting
 * @param resyncs network resyncs run
 * @param fullSyncs full syncs run
 * @param driverFailures driver calls that failed or timed out
 * @param sourceFailures source calls that failed
 * @param lastSyncDuration how long the last full sync took, if one ran
 */
public record AgentStats(
    long queuedEvents,
    long networks,
    long ports,
    long eventsApplied,
    long staleEvents,
    long rejectedEvents,
    long resyncs,
    long fullSyncs,
    long driverFailures,
    long sourceFailures,
    Optional<Duration> lastSyncDuration) {}
