package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.Violation;
import io.dhcpstate.agent.AgentListener;
import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.DhcpAgentBuilder;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.agent.SyncSummary;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverCapabilities;
import io.dhcpstate.spi.LeaseEvent;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.NetworkSource;
import io.dhcpstate.testkit.FakeNetworkSource;
import io.dhcpstate.testkit.FakeTime;
import io.dhcpstate.testkit.RecordingDriver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * What the agent's unit tests share: a fake clock and scheduler, a fake source behind a spy
 * that records which networks were fetched, a recording driver and listener, and small model
 * factories. By default the agent runs every task on the calling thread (a direct executor), so
 * a test sees the effects of {@code submit} and {@code time.advance} as soon as they return.
 * After every test the agent is closed and every recording driver must report no contract
 * breach.
 */
abstract class AbstractAgentTest {
  final FakeTime time = new FakeTime();
  final FakeNetworkSource source = new FakeNetworkSource();
  final SpySource spy = new SpySource(source);
  final RecordingDriver driver = new RecordingDriver("rec");
  final List<RecordingDriver> drivers = new ArrayList<>(List.of(driver));
  final RecordingListener listener = new RecordingListener();
  DhcpAgent agent;

  /** A builder wired to the fakes, with a short close timeout; tests add the rest. */
  DhcpAgentBuilder builder() {
    return DhcpAgent.builder().source(spy).driver(driver).clock(time).scheduler(time)
        .listener(listener).closeTimeout(Duration.ofMillis(200));
  }

  /** Builds with a direct executor and starts. */
  DhcpAgent start(DhcpAgentBuilder builder) {
    agent = builder.executor(Runnable::run).build();
    agent.start();
    return agent;
  }

  DhcpAgent start() {
    return start(builder());
  }

  @AfterEach
  void closeAgentAndCheckDrivers() {
    if (agent != null) {
      agent.close();
    }
    for (RecordingDriver d : drivers) {
      d.releaseHung();
      assertThat(d.contractViolations()).as("contract breaches of " + d).isEmpty();
    }
  }

  /** Submits events on the test thread. */
  void submit(ResourceEvent... events) {
    for (ResourceEvent e : events) {
      agent.submit(e);
    }
  }

  /** Puts a network in the source and submits the events that create it, network first. */
  void create(NetworkSnapshot snapshot) {
    source.put(snapshot);
    agent.submit(new ResourceEvent.NetworkCreated(snapshot.network()));
    snapshot.subnets().forEach(s -> agent.submit(new ResourceEvent.SubnetCreated(s)));
    snapshot.ports().forEach(p -> agent.submit(new ResourceEvent.PortCreated(p)));
  }

  /** Advances the fake clock in steps until the agent is idle; fails after 40 steps. */
  void settle(Duration step) {
    for (int i = 0; i < 40; i++) {
      if (agent.awaitIdle(Duration.ofMillis(i == 0 ? 200 : 20))) {
        return;
      }
      time.advance(step);
    }
    throw new AssertionError("agent not idle after 40 steps of " + step + ": " + agent.stats());
  }

  List<RecordingDriver.Call> callsFor(RecordingDriver d, String networkId) {
    return d.calls().stream().filter(c -> c.networkId().equals(networkId)).toList();
  }

  List<RecordingDriver.Kind> kindsFor(RecordingDriver d, String networkId) {
    return callsFor(d, networkId).stream().map(RecordingDriver.Call::kind).toList();
  }

  static Network network(String id, long revision) {
    return new Network(id, "net " + id, true, 1500, Optional.empty(), revision);
  }

  static Subnet subnet(String id, String networkId, String cidr, long revision) {
    return Subnet.builder(id, networkId, cidr).revision(revision).build();
  }

  static Port port(String id, String networkId, String subnetId, String ip, int mac,
      long revision) {
    return new Port(id, networkId, MacAddress.of(0xfa163e000000L + mac),
        List.of(FixedIp.of(subnetId, ip)), "compute:test", true, Optional.empty(), List.of(),
        revision);
  }

  static NetworkSnapshot snapshot(Network n, List<Subnet> subnets, Port... ports) {
    return NetworkSnapshot.of(n, subnets, List.of(ports));
  }

  /**
   * A small served network {@code id}: subnet {@code id-s} 10.{octet}.0.0/24 and ports
   * {@code id-p1..pN} at .11, .12, ... with MACs {@code octet*256 + i}.
   */
  static NetworkSnapshot simple(String id, int octet, int ports) {
    Subnet s = subnet(id + "-s", id, "10." + octet + ".0.0/24", 1);
    List<Port> list = new ArrayList<>();
    for (int i = 1; i <= ports; i++) {
      list.add(port(id + "-p" + i, id, s.id(), "10." + octet + ".0." + (10 + i), octet * 256 + i,
          1));
    }
    return NetworkSnapshot.of(network(id, 1), List.of(s), list);
  }

  /** A source that records which networks the agent fetched one by one. Thread-safe. */
  static final class SpySource implements NetworkSource {
    final FakeNetworkSource delegate;
    final List<String> fetched = new CopyOnWriteArrayList<>();
    final AtomicInteger listings = new AtomicInteger();

    SpySource(FakeNetworkSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Collection<NetworkSnapshot> activeNetworks() {
      listings.incrementAndGet();
      return delegate.activeNetworks();
    }

    @Override
    public Optional<NetworkSnapshot> network(String networkId) {
      fetched.add(networkId);
      return delegate.network(networkId);
    }
  }

  /**
   * A driver that hands every call to a recording driver; tests override the calls they want
   * to misbehave. Thread-safe when the overrides are.
   */
  static class DelegatingDriver implements DhcpDriver {
    final RecordingDriver inner;

    DelegatingDriver(RecordingDriver inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public DriverCapabilities capabilities() {
      return inner.capabilities();
    }

    @Override
    public CompletionStage<Void> enable(NetworkSnapshot network, DhcpSettings settings) {
      return inner.enable(network, settings);
    }

    @Override
    public CompletionStage<Void> apply(NetworkSnapshot n, DhcpSettings s, NetworkChange c) {
      return inner.apply(n, s, c);
    }

    @Override
    public CompletionStage<Void> restart(NetworkSnapshot n, DhcpSettings s) {
      return inner.restart(n, s);
    }

    @Override
    public CompletionStage<Void> disable(String networkId) {
      return inner.disable(networkId);
    }

    @Override
    public CompletionStage<Set<String>> servedNetworks() {
      return inner.servedNetworks();
    }

    @Override
    public CompletionStage<List<Lease>> leases(String networkId) {
      return inner.leases(networkId);
    }

    @Override
    public CompletionStage<Boolean> releaseLease(Lease lease) {
      return inner.releaseLease(lease);
    }
  }

  /** An executor that queues tasks until the test runs them. Thread-safe. */
  static final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
      tasks.addLast(command);
    }

    /** Runs queued tasks, and the tasks they queue, until none is left. */
    void runAll() {
      for (int i = 0; i < 100_000; i++) {
        Runnable next;
        synchronized (this) {
          next = tasks.pollFirst();
        }
        if (next == null) {
          return;
        }
        next.run();
      }
      throw new AssertionError("tasks keep queueing more tasks");
    }
  }

  /** A rejection the listener saw. */
  record Rejection(ResourceEvent event, List<Violation> violations) {}

  /** A listener that records every callback; it can be told to throw from portsReady. */
  static final class RecordingListener implements AgentListener {
    final List<List<String>> ready = new CopyOnWriteArrayList<>();
    final List<String> enabled = new CopyOnWriteArrayList<>();
    final List<String> disabled = new CopyOnWriteArrayList<>();
    final List<Rejection> rejected = new CopyOnWriteArrayList<>();
    final List<String> resyncs = new CopyOnWriteArrayList<>();
    final List<List<String>> resyncReasons = new CopyOnWriteArrayList<>();
    final List<SyncSummary> syncs = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> skipped = new CopyOnWriteArrayList<>();
    final List<LeaseEvent> leases = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger readyThrows = new AtomicInteger();

    List<String> readyIds() {
      List<String> all = new ArrayList<>();
      ready.forEach(all::addAll);
      return all;
    }

    @Override
    public void portsReady(List<String> portIds) {
      threads.add(Thread.currentThread().getName());
      if (readyThrows.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("listener failure (injected)");
      }
      ready.add(portIds);
    }

    @Override
    public void networkEnabled(String networkId, String driver) {
      enabled.add(networkId + "@" + driver);
    }

    @Override
    public void networkDisabled(String networkId, String driver) {
      disabled.add(networkId + "@" + driver);
    }

    @Override
    public void eventRejected(ResourceEvent event, List<Violation> violations) {
      rejected.add(new Rejection(event, violations));
    }

    @Override
    public void resyncScheduled(String networkId, List<String> reasons) {
      resyncs.add(networkId);
      resyncReasons.add(reasons);
    }

    @Override
    public void syncFinished(SyncSummary summary) {
      syncs.add(summary);
    }

    @Override
    public void driverFailed(String networkId, String driver, Throwable error) {
      failures.add(networkId + "@" + driver);
      errors.add(error);
    }

    @Override
    public void capabilitySkipped(String networkId, String driver, String what) {
      skipped.add(networkId + "@" + driver + ": " + what);
    }

    @Override
    public void leaseEvent(String driver, LeaseEvent event) {
      leases.add(event);
    }
  }
}
