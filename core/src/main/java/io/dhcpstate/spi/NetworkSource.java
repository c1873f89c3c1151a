package io.dhcpstate.spi;

import io.dhcpstate.model.NetworkSnapshot;
import java.util.Collection;
import java.util.Optional;

/**
 * The source of truth the agent reads on start and on resync: the host application's view of
 * which networks are active and what they hold. Calls may block on I/O; the agent makes them
 * from its worker threads, never from the thread that submits events. A failure is an
 * unchecked exception; the agent keeps serving what it has and retries with backoff.
 * Implementations must be safe for concurrent use.
 */
public interface NetworkSource {

  /**
   * Returns every network that should be served, as complete snapshots.
   *
   * @return the active networks
   */
  Collection<NetworkSnapshot> activeNetworks();

  /**
   * Returns one network as it is now.
   *
   * @param networkId the network id
   * @return the network, or empty if the source no longer has it
   */
  Optional<NetworkSnapshot> network(String networkId);
}
