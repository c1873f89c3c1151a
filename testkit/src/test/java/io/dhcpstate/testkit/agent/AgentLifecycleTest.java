package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.agent.AgentStats;
import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent.NetworkCreated;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.LeaseEvent;
import io.dhcpstate.testkit.RecordingDriver;
import io.dhcpstate.testkit.RecordingDriver.Outcome;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agent's life: intake, start, awaitIdle, stats and close. */
class AgentLifecycleTest extends AbstractAgentTest {

  /** A driver whose enable blocks its calling thread until released: a badly written driver. */
  static final class BlockingDriver extends DelegatingDriver {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    BlockingDriver() {
      super(new RecordingDriver("blocking"));
    }

    @Override
    public CompletionStage<Void> enable(NetworkSnapshot network, DhcpSettings settings) {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inner.enable(network, settings);
    }
  }

  @Test
  void submit_driverBlocksItsThread_returnsAtOnce() throws Exception {
    BlockingDriver blocking = new BlockingDriver();
    drivers.add(blocking.inner);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      agent = io.dhcpstate.agent.DhcpAgent.builder().source(spy).driver(blocking).clock(time)
          .scheduler(time).executor(pool).closeTimeout(Duration.ofSeconds(5)).build();
      agent.start();
      NetworkSnapshot net = simple("n1", 1, 1);
      source.put(net);

      long t0 = System.nanoTime();
      create(net);
      long took = System.nanoTime() - t0;

      assertThat(blocking.entered.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofMillis(500));
      assertThat(blocking.inner.served()).isEmpty();
      blocking.release.countDown();
      assertThat(agent.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(blocking.inner.served()).containsKey("n1");
    } finally {
      blocking.release.countDown();
      agent.close();
      pool.shutdownNow();
    }
  }

  @Test
  void submit_driverHangs_returnsAndLaterEventsQueue() {
    start();
    driver.outcomes(c -> Outcome.HANG);
    NetworkSnapshot net = simple("n1", 1, 1);

    create(net);
    submit(new PortUpdated(net.ports().iterator().next().withRevision(2)));

    assertThat(agent.stats().queuedEvents()).isEqualTo(2); // the port's create and update
    assertThat(driver.served()).isEmpty();
  }

  @Test
  void submit_beforeStart_waitsForStart() {
    agent = builder().executor(Runnable::run).build();
    NetworkSnapshot net = simple("n1", 1, 1);
    create(net);

    assertThat(driver.callCount()).isZero();
    assertThat(agent.stats().queuedEvents()).isEqualTo(3);

    agent.start();

    assertThat(driver.served()).containsKey("n1");
    assertThat(agent.stats().queuedEvents()).isZero();
  }

  @Test
  void start_twice_throws() {
    start();

    assertThatThrownBy(agent::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void submit_afterClose_throws() {
    start();
    agent.close();

    assertThatThrownBy(() -> agent.submit(new NetworkCreated(network("n1", 1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("n1");
  }

  @Test
  void close_twice_isHarmless() {
    start();
    agent.close();

    agent.close();
  }

  @Test
  void close_ownedPoolAndTimer_stopsTheirThreads() throws Exception {
    long before = agentThreads();
    DhcpAgent owned = DhcpAgent.builder().source(source).driver(driver).workers(3).build();
    owned.start();
    NetworkSnapshot net = simple("n1", 1, 2);
    source.put(net);
    owned.submit(new NetworkCreated(net.network()));
    assertThat(owned.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(agentThreads()).isGreaterThan(before);

    owned.close();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (agentThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(agentThreads()).isEqualTo(before);
    assertThatThrownBy(() -> owned.submit(new NetworkCreated(network("n2", 1))))
        .isInstanceOf(IllegalStateException.class);
  }

  private static long agentThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("dhcpstate-")).count();
  }

  @Test
  void close_callHangs_returnsWithinCloseTimeout() {
    start();
    driver.outcomes(c -> Outcome.HANG);
    create(simple("n1", 1, 1));

    long t0 = System.nanoTime();
    agent.close();

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void close_retryPendingOnClock_doesNotWaitForIt() {
    agent = builder().executor(Runnable::run).build();
    driver.outcomes(c -> Outcome.FAIL);
    agent.start();
    create(simple("n1", 1, 1)); // fails; a retry waits minutes on the fake clock

    long t0 = System.nanoTime();
    agent.close();

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(150));
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void leaseEvent_reportedByDriver_reachesListenerWithDriverName() {
    java.util.concurrent.atomic.AtomicReference<io.dhcpstate.spi.DriverContext> context =
        new java.util.concurrent.atomic.AtomicReference<>();
    DelegatingDriver reporting = new DelegatingDriver(driver) {
      @Override
      public void start(io.dhcpstate.spi.DriverContext ctx) {
        context.set(ctx);
      }
    };
    agent = DhcpAgent.builder().source(spy).driver(reporting).clock(time).scheduler(time)
        .executor(Runnable::run).listener(listener).build();
    agent.start();
    Lease lease = new Lease("n1", io.dhcpstate.model.MacAddress.parse("fa:16:3e:00:00:01"),
        io.dhcpstate.model.IpAddress.parse("10.1.0.11"), java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty(),
        io.dhcpstate.model.LeaseState.ACTIVE);

    context.get().leaseEvent(new LeaseEvent(LeaseEvent.Type.GRANTED, lease));

    assertThat(context.get().clock()).isSameAs(time);
    assertThat(listener.leases).containsExactly(new LeaseEvent(LeaseEvent.Type.GRANTED, lease));
  }

  @Test
  void requestResync_invalidNetworkId_throws() {
    start();

    assertThatThrownBy(() -> agent.requestResync("../etc", "test"))
        .isInstanceOf(io.dhcpstate.InvalidResourceException.class);
  }

  @Test
  void awaitIdle_nothingQueued_isTrue() {
    start();

    assertThat(agent.awaitIdle(Duration.ofMillis(100))).isTrue();
  }

  @Test
  void awaitIdle_afterEventsApplied_isTrue() {
    start();
    create(simple("n1", 1, 3));

    assertThat(agent.awaitIdle(Duration.ofMillis(100))).isTrue();
  }

  @Test
  void awaitIdle_callInFlight_isFalse() {
    start();
    driver.outcomes(c -> Outcome.HANG);
    create(simple("n1", 1, 1));

    assertThat(agent.awaitIdle(Duration.ofMillis(50))).isFalse();
  }

  @Test
  void awaitIdle_retryPendingOnClock_isFalseUntilItRuns() {
    start();
    NetworkSnapshot net = simple("n1", 1, 1);
    driver.outcomes(c -> c.networkId().equals("n1") && driver.callCount() == 1
        ? Outcome.FAIL : Outcome.COMPLETE);
    create(net);
    assertThat(agent.awaitIdle(Duration.ofMillis(50))).isFalse();

    time.advance(Duration.ofMinutes(1));

    assertThat(agent.awaitIdle(Duration.ofMillis(100))).isTrue();
    assertThat(driver.served()).containsKey("n1");
  }

  @Test
  void awaitIdle_notStarted_isFalseWhileEventsWait() {
    agent = builder().executor(Runnable::run).build();
    submit(new NetworkCreated(network("n1", 1)));

    assertThat(agent.awaitIdle(Duration.ofMillis(50))).isFalse();
  }

  @Test
  void stats_afterWork_countEach() {
    start();
    NetworkSnapshot net = simple("n1", 1, 2);
    create(net);
    Port p1 = net.ports().stream().filter(p -> p.id().equals("n1-p1")).findFirst().orElseThrow();
    submit(new PortUpdated(p1)); // same revision: stale
    submit(new PortCreated(port("bad", "n1", "nosuch", "10.1.0.99", 99, 1))); // rejected

    AgentStats s = agent.stats();

    assertThat(s.networks()).isEqualTo(1);
    assertThat(s.ports()).isEqualTo(2);
    assertThat(s.eventsApplied()).isEqualTo(4);
    assertThat(s.staleEvents()).isEqualTo(1);
    assertThat(s.rejectedEvents()).isEqualTo(1);
    assertThat(s.resyncs()).isEqualTo(1);
    assertThat(s.fullSyncs()).isEqualTo(1);
    assertThat(s.driverFailures()).isZero();
    assertThat(s.sourceFailures()).isZero();
    assertThat(s.queuedEvents()).isZero();
    assertThat(s.lastSyncDuration()).isPresent();
  }

  @Test
  void stats_driverAndSourceFailures_counted() {
    start();
    driver.outcomes(c -> Outcome.FAIL);
    source.setFailing(true);
    create(simple("n1", 1, 0));

    agent.requestFullSync("test");
    time.advance(Duration.ofSeconds(2));

    assertThat(agent.stats().driverFailures()).isEqualTo(1);
    assertThat(agent.stats().sourceFailures()).isEqualTo(1);
  }

  @Test
  void network_afterEvents_returnsCachedSnapshot() {
    start();
    NetworkSnapshot net = simple("n1", 1, 2);
    create(net);

    assertThat(agent.networkIds()).containsExactly("n1");
    assertThat(agent.network("n1")).hasValueSatisfying(n -> {
      assertThat(n.network()).isEqualTo(net.network());
      assertThat(Set.copyOf(n.ports())).isEqualTo(Set.copyOf(net.ports()));
    });
    assertThat(agent.network("other")).isEmpty();
  }
}
