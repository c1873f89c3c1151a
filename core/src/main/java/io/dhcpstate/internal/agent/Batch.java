package io.dhcpstate.internal.agent;

import io.dhcpstate.internal.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The outcome of applying one batch of items to a network's cache; filled by the worker. */
final class Batch {
  final Snapshot before;
  Snapshot after;
  /** Ports whose record may differ between {@link #before} and {@link #after}. */
  final Set<String> touchedPorts = new LinkedHashSet<>();
  boolean networkChanged;
  boolean subnetsChanged;
  /** A resync or full sync replaced the network: every driver gets a full enable. */
  boolean replaced;
  /** Ports to report ready go to the first tier unless the batch came from a full sync. */
  boolean recent = true;
  final List<String> resyncReasons = new ArrayList<>(0);
  final List<Item.Replace> replaces = new ArrayList<>(0);
  /** The source failed during a resync in this batch. */
  boolean sourceFailed;
  int events;

  Batch(Snapshot before) {
    this.before = before;
    this.after = before;
  }
}
