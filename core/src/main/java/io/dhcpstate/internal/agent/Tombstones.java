package io.dhcpstate.internal.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Deleted ids of one network with their last revision, kept for a lifetime so late or
 * duplicated events about them are dropped. Owned by the network's worker; not thread-safe.
 */
final class Tombstones {
  private record Entry(String id, long revision, Instant expiresAt) {}

  private final Map<String, Entry> byId = new HashMap<>();
  private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

  /** Records a deletion, keeping the highest revision seen for the id. */
  void add(String id, long revision, Instant now, Duration lifetime) {
    purge(now);
    Entry old = byId.get(id);
    Entry e = new Entry(id, old == null ? revision : Math.max(old.revision, revision),
        now.plus(lifetime));
    byId.put(id, e);
    byAge.addLast(e);
  }

  /** Returns the tombstoned revision, or -1 when the id has no live tombstone. */
  long revision(String id, Instant now) {
    Entry e = byId.get(id);
    if (e == null) {
      return -1;
    }
    if (!e.expiresAt.isAfter(now)) {
      byId.remove(id, e);
      return -1;
    }
    return e.revision;
  }

  /** Forgets an id, after it was re-created with a higher revision. */
  void remove(String id) {
    byId.remove(id);
  }

  int size() {
    return byId.size();
  }

  private void purge(Instant now) {
    for (int i = 0; i < 16 && !byAge.isEmpty(); i++) {
      Entry head = byAge.peekFirst();
      if (head.expiresAt.isAfter(now)) {
        return;
      }
      byAge.pollFirst();
      byId.remove(head.id, head);
    }
  }
}
