package io.dhcpstate.agent;

import io.dhcpstate.Violation;
import io.dhcpstate.spi.LeaseEvent;
import java.util.List;

/**
 * Receives what the agent does. Every method has an empty default. Callbacks run on the
 * agent's executor, never on the thread that submitted an event, one at a time and in the
 * order things happened; they must be fast and should not throw (a throwing callback is
 * logged and ignored, except {@link #portsReady}, whose ports are offered again).
 */
public interface AgentListener {

  /**
   * Ports whose entries every driver serving their network has confirmed: the hook a
   * controller uses to mark ports active. Recently changed ports come before ports confirmed
   * by a full sync; at most the builder's batch size per call.
   *
   * @param portIds the ready ports
   */
  default void portsReady(List<String> portIds) {}

  /**
   * A network is now served by the named driver.
   *
   * @param networkId the network
   * @param driver the driver's name
   */
  default void networkEnabled(String networkId, String driver) {}

  /**
   * A network is no longer served by the named driver.
   *
   * @param networkId the network
   * @param driver the driver's name
   */
  default void networkDisabled(String networkId, String driver) {}

  /**
   * An event or source record was rejected and not applied.
   *
   * @param event the event
   * @param violations why
   */
  default void eventRejected(ResourceEvent event, List<Violation> violations) {}

  /**
   * A resync of a network was scheduled.
   *
   * @param networkId the network, or {@code "*"} for a full sync
   * @param reasons why, in the order they were requested
   */
  default void resyncScheduled(String networkId, List<String> reasons) {}

  /**
   * A full sync finished.
   *
   * @param summary what it did
   */
  default void syncFinished(SyncSummary summary) {}

  /**
   * A driver call failed or timed out; the network is scheduled for resync.
   *
   * @param networkId the network
   * @param driver the driver's name
   * @param error the failure
   */
  default void driverFailed(String networkId, String driver, Throwable error) {}

  /**
   * Part of a network was not handed to a driver because its capabilities exclude it.
   *
   * @param networkId the network
   * @param driver the driver's name
   * @param what what was skipped, such as {@code "subnet s6 (IPv6)"}
   */
  default void capabilitySkipped(String networkId, String driver, String what) {}

  /**
   * A driver reported a lease event.
   *
   * @param driver the driver's name
   * @param event the event
   */
  default void leaseEvent(String driver, LeaseEvent event) {}
}
