package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.agent.ResourceEvent.NetworkCreated;
import io.dhcpstate.agent.ResourceEvent.NetworkDeleted;
import io.dhcpstate.agent.ResourceEvent.NetworkUpdated;
import io.dhcpstate.agent.ResourceEvent.PortDeleted;
import io.dhcpstate.agent.ResourceEvent.SubnetCreated;
import io.dhcpstate.agent.ResourceEvent.SubnetDeleted;
import io.dhcpstate.agent.ResourceEvent.SubnetUpdated;
import java.util.Comparator;
import java.util.Optional;

/** One unit of work queued on a network: an event, a resync, or a full-sync result. */
sealed interface Item {
  long seq();

  /**
   * The order within a batch: resyncs first, then network events by priority, subnet events,
   * port deletes, and other port events, each group in arrival order. Port deletes go before
   * creates so a freed address can be reused in the same batch; revisions keep events about
   * one resource right whatever their order.
   */
  Comparator<Item> BATCH_ORDER =
      Comparator.comparingInt(Item::batchClass)
          .thenComparingInt(i -> i.batchClass() == 1 ? ((Event) i).event().priority() : 0)
          .thenComparingLong(Item::seq);

  default int batchClass() {
    if (!(this instanceof Event e)) {
      return 0;
    }
    ResourceEvent ev = e.event();
    if (ev instanceof NetworkCreated || ev instanceof NetworkUpdated || ev instanceof NetworkDeleted) {
      return 1;
    }
    if (ev instanceof SubnetCreated || ev instanceof SubnetUpdated || ev instanceof SubnetDeleted) {
      return 2;
    }
    return ev instanceof PortDeleted ? 3 : 4;
  }

  /** A resource event from the host application. */
  record Event(ResourceEvent event, long seq) implements Item {}

  /** Re-read the network from the source. */
  record Resync(long seq) implements Item {}

  /**
   * Replace the network with what a full sync read (empty: the source no longer has it).
   * {@code mutationsAtFetch} detects events applied since the read began.
   */
  record Replace(Optional<NetworkSnapshot> network, FullSyncRun run, long mutationsAtFetch,
      long seq) implements Item {}
}
