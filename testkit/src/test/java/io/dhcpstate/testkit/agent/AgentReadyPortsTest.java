package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortDeleted;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.testkit.RecordingDriver;
import io.dhcpstate.testkit.RecordingDriver.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Ready ports: confirmed by every serving driver, batched, recent first, re-offered on error. */
class AgentReadyPortsTest extends AbstractAgentTest {

  @Test
  void portCreate_driverConfirmed_reportedReady() {
    start();

    create(simple("n1", 1, 2));

    assertThat(listener.readyIds()).containsExactlyInAnyOrder("n1-p1", "n1-p2");
  }

  @Test
  void portCreate_twoDriversBothConfirm_reportedOnce() {
    RecordingDriver other = new RecordingDriver("other");
    drivers.add(other);
    start(builder().driver(other));

    create(simple("n1", 1, 1));

    assertThat(listener.readyIds()).containsExactly("n1-p1");
  }

  @Test
  void portCreate_oneOfTwoDriversHangs_notReady() {
    RecordingDriver other = new RecordingDriver("other").outcomes(c -> Outcome.HANG);
    drivers.add(other);
    start(builder().driver(other).driverTimeout(Duration.ofSeconds(30)));

    create(simple("n1", 1, 1));
    assertThat(driver.served()).containsKey("n1");
    time.advance(Duration.ofSeconds(31));

    assertThat(listener.readyIds()).isEmpty();
    assertThat(listener.failures).contains("n1@other");
  }

  @Test
  void portCreate_driverFails_notReadyUntilRetrySucceeds() {
    start();
    NetworkSnapshot net = simple("n1", 1, 1);
    create(simple("n1", 1, 0));
    source.put(net);
    driver.outcomes(c -> driver.callCount() == 2 ? Outcome.FAIL : Outcome.COMPLETE);

    submit(new PortCreated(net.ports().iterator().next()));
    assertThat(listener.readyIds()).isEmpty();
    time.advance(Duration.ofSeconds(10));

    assertThat(listener.readyIds()).containsExactly("n1-p1");
  }

  @Test
  void fullSync_manyPorts_reportedInBatchesOfAtMostBatchSize() {
    source.put(simple("n1", 1, 5));

    start(builder().readyBatchSize(2));

    assertThat(listener.ready).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(listener.readyIds()).containsExactlyInAnyOrder(
        "n1-p1", "n1-p2", "n1-p3", "n1-p4", "n1-p5");
  }

  @Test
  void portsReady_throws_idsOfferedAgainLater() {
    start();
    listener.readyThrows.set(1);

    create(simple("n1", 1, 1));
    assertThat(listener.readyIds()).isEmpty();
    time.advance(Duration.ofMillis(200));

    assertThat(listener.readyIds()).containsExactly("n1-p1");
    assertThat(agent.awaitIdle(Duration.ofMillis(100))).isTrue();
  }

  @Test
  void portsReady_recentChangesWaiting_reportedBeforeFullSyncPorts() {
    source.put(simple("b", 2, 1));
    listener.readyThrows.set(1); // the first report fails, so everything below waits for it
    start(builder().readyBatchSize(2).resyncThrottle(Duration.ofMillis(1)));
    source.put(simple("a", 1, 3));
    agent.requestFullSync("new network");
    time.advance(Duration.ofMillis(1)); // a's ports join the full-sync tier
    Port b2 = port("b-p2", "b", "b-s", "10.2.0.50", 600, 1);

    submit(new PortCreated(b2)); // a recent change
    time.advance(Duration.ofMillis(200)); // the retry delivers

    assertThat(listener.ready).extracting(List::size).allMatch(n -> n <= 2);
    assertThat(listener.ready.get(0)).containsExactly("b-p1", "b-p2");
    assertThat(listener.readyIds()).containsExactlyInAnyOrder(
        "b-p1", "b-p2", "a-p1", "a-p2", "a-p3");
  }

  @Test
  void portDeleted_beforeReported_neverReported() {
    start();
    listener.readyThrows.set(1);
    create(simple("n1", 1, 1));

    submit(new PortDeleted("n1", "n1-p1", 1));
    time.advance(Duration.ofMillis(200));

    assertThat(listener.readyIds()).isEmpty();
  }

  @Test
  void listener_calledOffTheSubmittingThread() {
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-pool"));
    try {
      agent = builder().executor(pool).build();
      agent.start();
      assertThat(agent.awaitIdle(Duration.ofSeconds(5))).isTrue(); // the first full sync

      create(simple("n1", 1, 1));
      assertThat(agent.awaitIdle(Duration.ofSeconds(5))).isTrue();

      assertThat(listener.readyIds()).containsExactly("n1-p1");
      assertThat(listener.threads).containsOnly("test-pool");
    } finally {
      agent.close();
      pool.shutdownNow();
    }
  }

  @Test
  void awaitIdle_readyRetryPending_isFalse() {
    start();
    listener.readyThrows.set(1);

    create(simple("n1", 1, 1));

    assertThat(agent.awaitIdle(Duration.ofMillis(50))).isFalse();
    DhcpAgent a = agent;
    time.advance(Duration.ofMillis(200));
    assertThat(a.awaitIdle(Duration.ofMillis(100))).isTrue();
  }
}
