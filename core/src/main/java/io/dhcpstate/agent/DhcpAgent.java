package io.dhcpstate.agent;

import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The sync engine that keeps DHCP drivers serving exactly what the host application's
 * {@link io.dhcpstate.spi.NetworkSource} says, built with {@link #builder()}.
 *
 * <p>The host reports changes with {@link #submit}; the agent applies them per network in
 * (priority, arrival) order, drops stale revisions and tombstoned ids, rejects invalid or
 * conflicting changes with a resync of that network only, and tells its
 * {@link AgentListener} which ports are ready. On {@link #start()} and on request it runs a
 * full sync: it enables what the source lists and disables everything else, including
 * networks a driver still serves from before a restart.
 *
 * <p>Thread-safe: every method may be called from any thread. {@link #submit} never blocks on
 * driver or source I/O.
 */
public interface DhcpAgent extends AutoCloseable {

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  static DhcpAgentBuilder builder() {
    return new DhcpAgentBuilder();
  }

  /**
   * Starts the drivers, begins applying queued events and schedules the first full sync.
   *
   * @throws IllegalStateException if the agent was already started or closed
   */
  void start();

  /**
   * Queues a change; returns at once. Events submitted before {@link #start()} wait for it.
   *
   * @param event the change
   * @throws IllegalStateException if the agent is closing or closed
   */
  void submit(ResourceEvent event);

  /**
   * Schedules a re-read of one network from the source, throttled.
   *
   * @param networkId the network
   * @param reason why, for the listener and logs
   * @throws io.dhcpstate.InvalidResourceException if the id is not an identifier
   */
  void requestResync(String networkId, String reason);

  /**
   * Schedules a full sync, throttled.
   *
   * @param reason why, for the listener and logs
   */
  void requestFullSync(String reason);

  /**
   * Returns the cached state of a network.
   *
   * @param networkId the network id
   * @return its latest snapshot, or empty when the agent does not know it
   */
  Optional<NetworkSnapshot> network(String networkId);

  /**
   * Returns the ids of the cached networks.
   *
   * @return an immutable set
   */
  Set<String> networkIds();

  /**
   * Returns the agent's serving settings.
   *
   * @return the settings drivers apply
   */
  DhcpSettings settings();

  /**
   * Returns the agent's counters.
   *
   * @return a snapshot of the counters
   */
  AgentStats stats();

  /**
   * Waits until no event is queued, no driver call is in flight, no retry is pending on the
   * scheduler and no listener callback is undelivered.
   *
   * @param timeout how long to wait, in real time
   * @return true when idle; false on timeout or interrupt
   */
  boolean awaitIdle(Duration timeout);

  /**
   * Stops accepting events, waits up to the close timeout for queued work, cancels what is
   * left, closes the drivers and stops the threads the agent created. Idempotent.
   */
  @Override
  void close();
}
