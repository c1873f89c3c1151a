package io.dhcpstate.testkit;

import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.NetworkSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link NetworkSource} over an in-memory map that a test edits, with injectable failures.
 * Thread-safe.
 */
public final class FakeNetworkSource implements NetworkSource {
  private final Map<String, NetworkSnapshot> networks = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile boolean failing;
  private final AtomicLong calls = new AtomicLong();

  /**
   * Adds or replaces a network.
   *
   * @param network the network's snapshot
   * @return this source
   */
  public FakeNetworkSource put(NetworkSnapshot network) {
    networks.put(network.network().id(), network);
    return this;
  }

  /**
   * Removes a network.
   *
   * @param networkId the network id
   * @return this source
   */
  public FakeNetworkSource remove(String networkId) {
    networks.remove(networkId);
    return this;
  }

  /**
   * Makes the next {@code count} calls throw.
   *
   * @param count how many calls fail
   */
  public void failNext(int count) {
    failuresLeft.set(count);
  }

  /**
   * Makes every call throw until set back.
   *
   * @param on true to fail every call
   */
  public void setFailing(boolean on) {
    failing = on;
  }

  /**
   * Returns how many calls the source answered or failed.
   *
   * @return the call count
   */
  public long calls() {
    return calls.get();
  }

  /**
   * Returns the network as the source holds it.
   *
   * @param networkId the network id
   * @return the snapshot, or empty
   */
  public Optional<NetworkSnapshot> peek(String networkId) {
    return Optional.ofNullable(networks.get(networkId));
  }

  private void maybeFail() {
    calls.incrementAndGet();
    if (failing || failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      throw new IllegalStateException("fake source failure (injected)");
    }
  }

  @Override
  public Collection<NetworkSnapshot> activeNetworks() {
    maybeFail();
    return List.copyOf(networks.values());
  }

  @Override
  public Optional<NetworkSnapshot> network(String networkId) {
    maybeFail();
    return Optional.ofNullable(networks.get(networkId));
  }
}
