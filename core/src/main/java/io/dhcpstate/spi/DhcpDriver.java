package io.dhcpstate.spi;

import io.dhcpstate.model.Lease;
import io.dhcpstate.model.NetworkSnapshot;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A DHCP backend the agent keeps in step: it serves the networks the agent enables in it, as
 * each snapshot describes them.
 *
 * <p>The agent computes what changed; drivers do I/O. Every method is idempotent (enabling an
 * enabled network with the same snapshot changes nothing), must be safe for concurrent use,
 * and must not block the calling thread on I/O: it returns a stage that completes when the
 * change is live (a driver may batch changes internally) or completes exceptionally when it
 * failed. The agent calls at most one of {@link #enable}, {@link #apply}, {@link #restart} or
 * {@link #disable} at a time for one network. A stage that does not complete within the agent's
 * driver timeout counts as a failure, and the agent later repeats the work with
 * {@link #enable}.
 *
 * <p>Snapshots are immutable and share structure; drivers may keep them. They hold only what
 * the driver's {@link #capabilities()} cover: the agent strips other subnets first.
 */
public interface DhcpDriver extends AutoCloseable {

  /**
   * Returns a short name for logs and reports, such as {@code "dnsmasq"}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns what this driver can serve.
   *
   * @return the capabilities; constant for the driver's life
   */
  DriverCapabilities capabilities();

  /**
   * Starts the driver with the agent's context; called once before any other call.
   *
   * @param context the clock and lease-event sink
   */
  default void start(DriverContext context) {}

  /**
   * Serves a network exactly as the snapshot says, starting whatever it needs; replaces any
   * earlier state for the network.
   *
   * @param network the whole network
   * @param settings the agent's serving settings
   * @return a stage completing when the network is served
   */
  CompletionStage<Void> enable(NetworkSnapshot network, DhcpSettings settings);

  /**
   * Applies an incremental change to a served network. The snapshot is the complete new state;
   * the change says what differs from the last snapshot the driver was given.
   *
   * @param network the whole network after the change
   * @param settings the agent's serving settings
   * @param change what changed
   * @return a stage completing when the change is live
   */
  CompletionStage<Void> apply(NetworkSnapshot network, DhcpSettings settings, NetworkChange change);

  /**
   * Serves a network again from scratch, for structural changes such as new DHCP ranges.
   *
   * @param network the whole network
   * @param settings the agent's serving settings
   * @return a stage completing when the network is served again
   */
  CompletionStage<Void> restart(NetworkSnapshot network, DhcpSettings settings);

  /**
   * Stops serving a network and removes what the driver keeps for it; a network not served
   * completes at once.
   *
   * @param networkId the network id
   * @return a stage completing when the network is no longer served
   */
  CompletionStage<Void> disable(String networkId);

  /**
   * Lists the networks the driver serves now, including ones left from before a restart of
   * the host application, so the agent can disable those the source no longer has.
   *
   * @return a stage with the network ids
   */
  CompletionStage<Set<String>> servedNetworks();

  /**
   * Lists the leases of a network.
   *
   * @param networkId the network id
   * @return a stage with the leases, empty when the network is not served
   */
  CompletionStage<List<Lease>> leases(String networkId);

  /**
   * Releases a lease so its address is free at once.
   *
   * @param lease the lease
   * @return a stage with true if the lease existed and is now released
   */
  CompletionStage<Boolean> releaseLease(Lease lease);

  /** Stops everything the driver started. Called once, after the agent stopped calling. */
  @Override
  default void close() {}
}
