package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees leases the network no longer wants with {@code dhcp_release}, run in the network's
 * namespace through the command prefix. The tool exits 0 even when nothing was released, so
 * each release is verified by re-reading the lease file for up to 0.3 s, up to three tries.
 * IPv6 leases are not released: {@link LeaseFile} skips them, and {@code dhcp_release6} needs
 * the server DUID and the IAID. Thread-safe.
 */
public final class Releaser {
  private static final Logger LOG = LoggerFactory.getLogger(Releaser.class);
  private static final int TRIES = 3;
  private static final Duration PAUSE = Duration.ofMillis(300);
  private static final Duration POLL = Duration.ofMillis(10);

  /** Releases sent before waiting for dnsmasq to confirm them. */
  static final int WINDOW = 32;

  private final Config config;
  /** Leases released and verified. */
  public final LongAdder released = new LongAdder();
  /** Releases that could not be verified after every try. */
  public final LongAdder failed = new LongAdder();

  /**
   * Creates a releaser.
   *
   * @param config the driver settings
   */
  public Releaser(Config config) {
    this.config = config;
  }

  /**
   * Releases those of the stale tuples that the lease file still holds.
   *
   * @param instance the network
   * @param stale the candidates
   * @param iface the network's interface
   */
  void release(NetworkInstance instance, List<NetworkInstance.Stale> stale, String iface) {
    if (stale.isEmpty()) {
      return;
    }
    List<Lease> all = matching(instance, stale);
    List<Lease> pending = new ArrayList<>();
    // Windows of releases: dnsmasq rewrites its lease file per release, and a burst of
    // release packets overflows its socket buffer while dhcp_release still exits 0.
    for (int from = 0; from < all.size(); from += WINDOW) {
      List<Lease> window = all.subList(from, Math.min(all.size(), from + WINDOW));
      for (int attempt = 0; attempt < TRIES && !window.isEmpty(); attempt++) {
        for (Lease l : window) {
          run(instance.networkId, l, iface);
        }
        window = awaitGone(instance, window);
      }
      pending.addAll(window);
    }
    released.add(all.size() - pending.size());
    if (!pending.isEmpty()) {
      failed.add(pending.size());
      LOG.warn("network {}: {} lease(s) still held after {} release attempts",
          instance.networkId, pending.size(), TRIES);
    }
  }

  /**
   * Releases one lease and verifies it.
   *
   * @param instance the network
   * @param lease the lease
   * @param iface the interface
   * @return true if the lease file no longer holds it
   */
  boolean releaseOne(NetworkInstance instance, Lease lease, String iface) {
    List<Lease> pending = List.of(lease);
    for (int attempt = 0; attempt < TRIES && !pending.isEmpty(); attempt++) {
      run(instance.networkId, lease, iface);
      pending = awaitGone(instance, pending);
    }
    if (pending.isEmpty()) {
      released.increment();
      return true;
    }
    failed.increment();
    return false;
  }

  /**
   * Re-reads the lease file until the asked leases are gone or {@link #PAUSE} has passed:
   * dnsmasq handles the release packet and rewrites its file a moment after the tool exits.
   */
  private static List<Lease> awaitGone(NetworkInstance instance, List<Lease> asked) {
    long deadline = System.nanoTime() + PAUSE.toNanos();
    List<Lease> pending = stillHeld(instance, asked);
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pending = stillHeld(instance, pending);
    }
    return pending;
  }

  /** The leases the file holds for the stale tuples, each once. */
  private static List<Lease> matching(NetworkInstance instance,
      List<NetworkInstance.Stale> stale) {
    Set<List<Object>> wanted = new HashSet<>();
    for (NetworkInstance.Stale s : stale) {
      wanted.add(List.of(s.ip(), s.mac()));
    }
    List<Lease> out = new ArrayList<>();
    for (Lease l : instance.leases().leases()) {
      if (wanted.remove(List.of(l.ip(), l.mac()))) {
        out.add(l);
      }
    }
    return out;
  }

  private static List<Lease> stillHeld(NetworkInstance instance, List<Lease> asked) {
    Set<List<Object>> now = new HashSet<>();
    for (Lease l : instance.leases().leases()) {
      now.add(List.of(l.ip(), l.mac()));
    }
    List<Lease> out = new ArrayList<>();
    for (Lease a : asked) {
      if (now.contains(List.of(a.ip(), a.mac()))) {
        out.add(a);
      }
    }
    return out;
  }

  private void run(String networkId, Lease l, String iface) {
    if (l.ip().version() == IpVersion.V6) {
      // dhcp_release6 needs the server DUID and the IAID, which LeaseFile does not keep.
      LOG.debug("network {}: IPv6 leases are not released", networkId);
      return;
    }
    List<String> cmd = new ArrayList<>(config.prefix().prefixFor(networkId));
    cmd.add(config.dhcpRelease().toString());
    cmd.add(iface);
    cmd.add(l.ip().toString());
    cmd.add(l.mac().toString());
    l.clientId().ifPresent(cmd::add);
    try {
      Exec.Result r = Exec.run(cmd, Duration.ofSeconds(5));
      if (!r.ok()) {
        LOG.debug("dhcp_release for network {} exited {}", networkId, r.exitCode());
      }
    } catch (IOException e) {
      LOG.warn("cannot run {}: {}", cmd.get(0), e.toString());
    }
  }

}
