package io.dhcpstate.testkit;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverCapabilities;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link DhcpDriver} that serves nothing but records what it was told: which networks it
 * serves with which snapshot, every call, and any call that broke the driver contract (an
 * {@code apply} for a network it does not serve, or a change whose {@code before} does not
 * match what it was last given). Failures and hangs can be injected per call. Thread-safe.
 */
public final class RecordingDriver implements DhcpDriver {

  /** The kinds of driver call. */
  public enum Kind {
    /** {@link DhcpDriver#enable}. */
    ENABLE,
    /** {@link DhcpDriver#apply}. */
    APPLY,
    /** {@link DhcpDriver#restart}. */
    RESTART,
    /** {@link DhcpDriver#disable}. */
    DISABLE
  }

  /**
   * One recorded call.
   *
   * @param kind which method
   * @param networkId the network
   * @param change the change, for {@link Kind#APPLY}
   */
  public record Call(Kind kind, String networkId, Optional<NetworkChange> change) {}

  /** What to do with a call: complete it, fail it, or leave it hanging. */
  public enum Outcome {
    /** Complete normally. */
    COMPLETE,
    /** Complete exceptionally; the call has no effect. */
    FAIL,
    /** Never complete (until {@link #releaseHung()}); the call has no effect. */
    HANG
  }

  private final String name;
  private final DriverCapabilities capabilities;
  private final Map<String, NetworkSnapshot> served = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> contractViolations = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Void>> hung = new CopyOnWriteArrayList<>();
  private final AtomicLong callCount = new AtomicLong();
  private volatile boolean recordCalls = true;
  private volatile Function<Call, Outcome> outcome = c -> Outcome.COMPLETE;

  /**
   * Creates a driver that serves IPv4 and IPv6, static and dynamic subnets.
   *
   * @param name the driver name
   */
  public RecordingDriver(String name) {
    this(name, DriverCapabilities.all());
  }

  /**
   * Creates a driver with the given capabilities.
   *
   * @param name the driver name
   * @param capabilities what it serves
   */
  public RecordingDriver(String name, DriverCapabilities capabilities) {
    this.name = name;
    this.capabilities = capabilities;
  }

  /**
   * Decides each call's outcome; the default completes every call.
   *
   * @param decider called for every call before it takes effect
   * @return this driver
   */
  public RecordingDriver outcomes(Function<Call, Outcome> decider) {
    this.outcome = decider;
    return this;
  }

  /**
   * Fails a share of calls at random, reproducibly.
   *
   * @param rate the share of calls to fail, 0 to 1
   * @param seed the random seed
   * @return this driver
   */
  public RecordingDriver failRandomly(double rate, long seed) {
    Random random = new Random(seed);
    return outcomes(c -> {
      synchronized (random) {
        return random.nextDouble() < rate ? Outcome.FAIL : Outcome.COMPLETE;
      }
    });
  }

  /**
   * Stops keeping the call list (for benchmarks); counts are still kept.
   *
   * @return this driver
   */
  public RecordingDriver withoutCallLog() {
    this.recordCalls = false;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DriverCapabilities capabilities() {
    return capabilities;
  }

  private CompletionStage<Void> record(Call call, Runnable effect) {
    callCount.incrementAndGet();
    if (recordCalls) {
      calls.add(call);
    }
    Outcome o = outcome.apply(call);
    if (o == Outcome.FAIL) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("injected failure of " + call.kind() + " " + call.networkId()));
    }
    if (o == Outcome.HANG) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      hung.add(f);
      return f;
    }
    effect.run();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> enable(NetworkSnapshot network, DhcpSettings settings) {
    String id = network.network().id();
    return record(new Call(Kind.ENABLE, id, Optional.empty()), () -> served.put(id, network));
  }

  @Override
  public CompletionStage<Void> apply(
      NetworkSnapshot network, DhcpSettings settings, NetworkChange change) {
    String id = network.network().id();
    return record(new Call(Kind.APPLY, id, Optional.of(change)), () -> {
      NetworkSnapshot old = served.get(id);
      if (old == null) {
        contractViolations.add("apply for network " + id + " which is not enabled");
      } else {
        for (PortChange pc : change.ports()) {
          if (!old.port(pc.portId()).equals(pc.before())) {
            contractViolations.add("apply for network " + id + ": port " + pc.portId()
                + " 'before' does not match what the driver was last given");
          }
          if (!network.port(pc.portId()).equals(pc.after())) {
            contractViolations.add("apply for network " + id + ": port " + pc.portId()
                + " 'after' does not match the snapshot");
          }
        }
      }
      served.put(id, network);
    });
  }

  @Override
  public CompletionStage<Void> restart(NetworkSnapshot network, DhcpSettings settings) {
    String id = network.network().id();
    return record(new Call(Kind.RESTART, id, Optional.empty()), () -> served.put(id, network));
  }

  @Override
  public CompletionStage<Void> disable(String networkId) {
    return record(new Call(Kind.DISABLE, networkId, Optional.empty()),
        () -> served.remove(networkId));
  }

  @Override
  public CompletionStage<Set<String>> servedNetworks() {
    return CompletableFuture.completedFuture(Set.copyOf(served.keySet()));
  }

  @Override
  public CompletionStage<List<Lease>> leases(String networkId) {
    NetworkSnapshot s = served.get(networkId);
    List<Lease> out = new ArrayList<>();
    if (s != null) {
      for (Port p : s.ports()) {
        for (FixedIp f : p.fixedIps()) {
          out.add(new Lease(networkId, p.mac(), f.ip(), Optional.empty(), p.hostname(),
              Optional.empty(), LeaseState.ACTIVE));
        }
      }
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletionStage<Boolean> releaseLease(Lease lease) {
    NetworkSnapshot s = served.get(lease.networkId());
    return CompletableFuture.completedFuture(
        s != null && s.portByIp(lease.ip()).map(p -> p.mac().equals(lease.mac())).orElse(false));
  }

  /**
   * Completes every hung call exceptionally, as if the driver gave up on them.
   *
   * @return how many calls were released
   */
  public int releaseHung() {
    int n = 0;
    for (CompletableFuture<Void> f : hung) {
      n += f.completeExceptionally(new IllegalStateException("released hung call")) ? 1 : 0;
    }
    hung.clear();
    return n;
  }

  /**
   * Returns the networks served now, each with the last snapshot given.
   *
   * @return an immutable copy
   */
  public Map<String, NetworkSnapshot> served() {
    return Map.copyOf(served);
  }

  /**
   * Returns the calls made, in order (empty after {@link #withoutCallLog()}).
   *
   * @return an immutable copy
   */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /**
   * Returns how many calls were made.
   *
   * @return the count
   */
  public long callCount() {
    return callCount.get();
  }

  /**
   * Returns the contract breaches seen, as messages; empty when the agent behaved.
   *
   * @return an immutable copy
   */
  public List<String> contractViolations() {
    return List.copyOf(contractViolations);
  }

  @Override
  public String toString() {
    return "RecordingDriver[" + name + "]";
  }
}
