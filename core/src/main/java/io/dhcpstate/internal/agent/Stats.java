package io.dhcpstate.internal.agent;

import java.util.concurrent.atomic.LongAdder;

/** The agent's counters. Thread-safe. */
final class Stats {
  final LongAdder queued = new LongAdder();
  final LongAdder ports = new LongAdder();
  final LongAdder networks = new LongAdder();
  final LongAdder eventsApplied = new LongAdder();
  final LongAdder stale = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder resyncs = new LongAdder();
  final LongAdder fullSyncs = new LongAdder();
  final LongAdder driverFailures = new LongAdder();
  final LongAdder sourceFailures = new LongAdder();
  volatile java.time.Duration lastSync;
}
