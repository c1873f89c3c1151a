package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.internal.LeaseEntry.Kind;
import io.dhcpstate.model.AllocationPool;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.Subnet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The leases of one network, indexed by address and by client, with an expiry queue. Every
 * method is synchronized on the table: one network's packets are serialised here while other
 * networks proceed in parallel. Changes are recorded in the {@link LeaseLog} before the method
 * returns, so a lease is durable before its ACK is sent.
 */
final class LeaseTable {
  private final String networkId;
  private final LeaseLog log;
  private final Map<IpAddress, LeaseEntry> byIp = new HashMap<>();
  private final Map<String, LeaseEntry> byClient = new HashMap<>();
  private final PriorityQueue<LeaseEntry> expiry =
      new PriorityQueue<>((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
  /** Next address to try per subnet, so allocation does not rescan taken addresses. */
  private final Map<String, IpAddress> cursor = new HashMap<>();
  /**
   * The address of each client's last released or expired lease (RFC 2131 §4.3.1: a returning
   * client gets its previous address when it is free), the most recent {@link #PREVIOUS_MAX}.
   */
  private final Map<String, IpAddress> previous = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, IpAddress> eldest) {
      return size() > PREVIOUS_MAX;
    }
  };
  static final int PREVIOUS_MAX = 65_536;

  LeaseTable(String networkId, LeaseLog log) {
    this.networkId = networkId;
    this.log = log;
  }

  String networkId() {
    return networkId;
  }

  synchronized LeaseEntry byClient(String key) {
    return byClient.get(key);
  }

  synchronized LeaseEntry byIp(IpAddress ip) {
    return byIp.get(ip);
  }

  /**
   * Whether an address may go to a client: unused, the client's own, or its row has ended (an
   * expired lease or offer, or a declined address whose probation is over).
   */
  synchronized boolean freeFor(IpAddress ip, String clientKey, Instant now) {
    LeaseEntry e = byIp.get(ip);
    return e == null || e.clientKey().equals(clientKey) || e.expired(now);
  }

  /** The address of the client's last released or expired lease, or null. */
  synchronized IpAddress previousAddress(String clientKey) {
    return previous.get(clientKey);
  }

  /**
   * Puts a row, replacing the client's and the address's previous rows. Returns the active
   * leases this displaced: the client's lease of another address, and another client's lease
   * of this address (the caller reports them as released). Every displaced lease is logged as
   * released unless the new row replaces it in the log. The new row is logged first: if the
   * log fails, the table is unchanged.
   */
  synchronized List<LeaseEntry> put(LeaseEntry entry) {
    if (entry.kind() != Kind.OFFERED) {
      log.record(entry.toLease(networkId,
          entry.kind() == Kind.DECLINED ? LeaseState.DECLINED : LeaseState.ACTIVE));
    }
    List<LeaseEntry> displaced = new ArrayList<>(0);
    List<LeaseEntry> toLog = new ArrayList<>(0);
    LeaseEntry oldForClient = byClient.get(entry.clientKey());
    if (oldForClient != null && !oldForClient.ip().equals(entry.ip())) {
      byIp.remove(oldForClient.ip(), oldForClient);
      if (oldForClient.kind() == Kind.ACTIVE) {
        toLog.add(oldForClient);
        displaced.add(oldForClient);
      }
    }
    LeaseEntry oldForIp = byIp.get(entry.ip());
    if (oldForIp != null && !oldForIp.clientKey().equals(entry.clientKey())) {
      byClient.remove(oldForIp.clientKey(), oldForIp);
      if (oldForIp.kind() != Kind.OFFERED && entry.kind() == Kind.OFFERED) {
        toLog.add(oldForIp); // an offer is not logged, so it does not replace the old row
      }
      if (oldForIp.kind() == Kind.ACTIVE) {
        displaced.add(oldForIp);
      }
    }
    byIp.put(entry.ip(), entry);
    byClient.put(entry.clientKey(), entry);
    if (!entry.expiresAt().equals(Instant.MAX)) {
      expiry.add(entry);
      if (expiry.size() > 2 * byIp.size() + 1024) {
        // Renewals leave superseded rows behind; drop them so the queue tracks live rows only.
        expiry.removeIf(r -> byIp.get(r.ip()) != r);
      }
    }
    for (LeaseEntry e : toLog) {
      log.record(e.toLease(networkId, LeaseState.RELEASED));
    }
    return displaced;
  }

  /** Removes a row; returns it, or null when absent. Leases are logged with {@code why}. */
  synchronized LeaseEntry remove(IpAddress ip, LeaseState why) {
    LeaseEntry e = byIp.get(ip);
    if (e == null) {
      return null;
    }
    if (e.kind() != Kind.OFFERED) {
      log.record(e.toLease(networkId, why)); // first: if the log fails, the row stays
    }
    byIp.remove(ip);
    byClient.remove(e.clientKey(), e);
    if (e.kind() == Kind.ACTIVE) {
      previous.put(e.clientKey(), e.ip());
    }
    return e;
  }

  /** Drops the client's pending offer, if it has one (it chose another server). */
  synchronized void forgetOffer(String clientKey) {
    LeaseEntry e = byClient.get(clientKey);
    if (e != null && e.kind() == Kind.OFFERED) {
      byClient.remove(clientKey, e);
      byIp.remove(e.ip(), e);
    }
  }

  /**
   * Finds a free address in a subnet's pools, skipping addresses for which {@code reserved}
   * is true (fixed IPs of ports), declined and leased ones. Returns null when the pools are
   * full. Costs O(1) amortised while addresses are free, O(pool) when it is nearly full.
   */
  synchronized IpAddress allocate(Subnet subnet, String clientKey, Instant now,
      Predicate<IpAddress> reserved) {
    List<AllocationPool> pools = subnet.allocationPools();
    if (pools.isEmpty()) {
      return null;
    }
    long total = 0;
    for (AllocationPool p : pools) {
      total += Math.min(p.end().low() - p.start().low() + 1, 1 << 24);
    }
    IpAddress candidate = cursor.getOrDefault(subnet.id(), pools.get(0).start());
    for (long tried = 0; tried < total; tried++) {
      candidate = normalise(pools, candidate);
      if (!reserved.test(candidate) && freeFor(candidate, clientKey, now)) {
        cursor.put(subnet.id(), candidate.plus(1));
        return candidate;
      }
      candidate = candidate.plus(1);
    }
    return null;
  }

  /** Moves an address into the pools: itself if inside one, else the next pool's start. */
  private static IpAddress normalise(List<AllocationPool> pools, IpAddress a) {
    for (AllocationPool p : pools) {
      if (p.contains(a)) {
        return a;
      }
    }
    AllocationPool next = null;
    for (AllocationPool p : pools) {
      if (p.start().compareTo(a) > 0 && (next == null || p.start().compareTo(next.start()) < 0)) {
        next = p;
      }
    }
    return next != null ? next.start() : pools.stream()
        .min((x, y) -> x.start().compareTo(y.start())).orElseThrow().start();
  }

  /**
   * Reclaims rows that expired by {@code now}: at most {@code budget} live rows (leases, offers
   * and probations), and no later than {@code deadlineNanos} ({@link System#nanoTime()}).
   * Queue entries of rows since replaced (renewed leases, offers that became leases) are
   * dropped without counting against the budget, so they can never hold back real expiries.
   * Returns the rows reclaimed.
   */
  synchronized List<LeaseEntry> reclaim(Instant now, int budget, long deadlineNanos) {
    List<LeaseEntry> out = new ArrayList<>();
    int popped = 0;
    while (out.size() < budget && !expiry.isEmpty() && expiry.peek().expired(now)) {
      if ((++popped & 0xff) == 0 && System.nanoTime() - deadlineNanos > 0) {
        break;
      }
      LeaseEntry e = expiry.poll();
      if (byIp.get(e.ip()) != e) {
        continue; // superseded
      }
      remove(e.ip(), LeaseState.EXPIRED_RECLAIMED);
      out.add(e);
    }
    return out;
  }

  /** Whether expired rows are waiting to be reclaimed. */
  synchronized boolean hasExpired(Instant now) {
    return !expiry.isEmpty() && expiry.peek().expired(now);
  }

  /** The active and declined leases, as model records. */
  synchronized List<Lease> leases() {
    List<Lease> out = new ArrayList<>(byIp.size());
    for (LeaseEntry e : byIp.values()) {
      if (e.kind() != Kind.OFFERED) {
        out.add(e.toLease(networkId,
            e.kind() == Kind.DECLINED ? LeaseState.DECLINED : LeaseState.ACTIVE));
      }
    }
    return out;
  }

  /** Removes every row, logging active ones as released; returns them. */
  synchronized List<LeaseEntry> clear() {
    List<LeaseEntry> out = new ArrayList<>();
    for (LeaseEntry e : List.copyOf(byIp.values())) {
      remove(e.ip(), LeaseState.RELEASED);
      if (e.kind() == Kind.ACTIVE) {
        out.add(e);
      }
    }
    expiry.clear();
    previous.clear();
    return out;
  }

  /** Loads a lease replayed from the journal without logging it again. */
  synchronized void restore(LeaseEntry e) {
    byIp.put(e.ip(), e);
    byClient.put(e.clientKey(), e);
    if (!e.expiresAt().equals(Instant.MAX)) {
      expiry.add(e);
    }
  }

  synchronized int size() {
    return byIp.size();
  }
}
