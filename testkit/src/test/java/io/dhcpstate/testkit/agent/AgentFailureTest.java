package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.testkit.RecordingDriver.Kind;
import io.dhcpstate.testkit.RecordingDriver.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Driver failures and hangs: resync with backoff, recovery, and isolation between networks. */
class AgentFailureTest extends AbstractAgentTest {

  /** Advances one second at a time; returns the seconds at which network n1 got a call. */
  private List<Integer> callTimes(String networkId, int seconds) {
    List<Integer> at = new ArrayList<>();
    for (int t = 1; t <= seconds; t++) {
      int before = callsFor(driver, networkId).size();
      time.advance(Duration.ofSeconds(1));
      if (callsFor(driver, networkId).size() > before) {
        at.add(t);
      }
    }
    return at;
  }

  @Test
  void driverFails_resyncsWithGrowingBackoffThenConverges() {
    start(builder().resyncInterval(Duration.ofSeconds(10)));
    NetworkSnapshot net = simple("n1", 1, 1);
    create(net);
    AtomicInteger failuresLeft = new AtomicInteger(3);
    driver.outcomes(c -> failuresLeft.getAndDecrement() > 0 ? Outcome.FAIL : Outcome.COMPLETE);
    Port p = port("new", "n1", "n1-s", "10.1.0.99", 99, 1);
    NetworkSnapshot truth = snapshot(net.network(), List.copyOf(net.subnets()),
        net.ports().iterator().next(), p);
    source.put(truth);

    submit(new PortCreated(p)); // the apply fails
    assertThat(listener.failures).containsExactly("n1@rec");
    List<Integer> retries = callTimes("n1", 120);

    assertThat(retries).hasSize(3);
    assertThat(retries.get(0)).isBetween(8, 13); // 10 s +-20%
    assertThat(retries.get(1) - retries.get(0)).isBetween(16, 25); // 20 s +-20%
    assertThat(retries.get(2) - retries.get(1)).isBetween(32, 49); // 40 s +-20%
    assertThat(driver.served().get("n1").ports())
        .containsExactlyInAnyOrderElementsOf(truth.ports());
    assertThat(agent.stats().driverFailures()).isEqualTo(3);
    assertThat(agent.awaitIdle(Duration.ofMillis(100))).isTrue();
  }

  @Test
  void driverFails_retryIsFullEnableFromSource() {
    start();
    AtomicInteger failuresLeft = new AtomicInteger(1);
    NetworkSnapshot net = simple("n1", 1, 1);
    create(net);
    driver.outcomes(c -> failuresLeft.getAndDecrement() > 0 ? Outcome.FAIL : Outcome.COMPLETE);
    Port p = port("new", "n1", "n1-s", "10.1.0.99", 99, 1);
    source.put(snapshot(net.network(), List.copyOf(net.subnets()),
        net.ports().iterator().next(), p));

    submit(new PortCreated(p)); // the apply fails
    time.advance(Duration.ofSeconds(10));

    assertThat(kindsFor(driver, "n1")).endsWith(Kind.APPLY, Kind.ENABLE);
    assertThat(driver.served().get("n1").port("new")).contains(p);
    assertThat(spy.fetched).containsExactly("n1");
  }

  @Test
  void driverFails_backoffResetsAfterRecovery() {
    start(builder().resyncInterval(Duration.ofSeconds(10)));
    AtomicInteger failuresLeft = new AtomicInteger(1);
    driver.outcomes(c -> failuresLeft.getAndDecrement() > 0 ? Outcome.FAIL : Outcome.COMPLETE);
    create(simple("n1", 1, 0));
    callTimes("n1", 13); // recovered
    failuresLeft.set(1);

    submit(new PortCreated(port("p", "n1", "n1-s", "10.1.0.20", 20, 1))); // fails again

    assertThat(callTimes("n1", 13)).hasSize(1); // first backoff again, not the second
  }

  @Test
  void driverHangs_timeoutCountsAsFailureAndOtherNetworksProceed() {
    start(builder().workers(1).driverTimeout(Duration.ofSeconds(30)));
    driver.outcomes(c -> c.networkId().equals("slow") ? Outcome.HANG : Outcome.COMPLETE);

    create(simple("slow", 1, 1));
    create(simple("fast", 2, 2));

    assertThat(driver.served()).containsOnlyKeys("fast");
    assertThat(driver.served().get("fast").portCount()).isEqualTo(2);
    assertThat(listener.failures).isEmpty();
    time.advance(Duration.ofSeconds(30));
    assertThat(listener.failures).containsExactly("slow@rec");
    assertThat(listener.errors.get(0)).isInstanceOf(TimeoutException.class);
    assertThat(agent.stats().driverFailures()).isEqualTo(1);
    assertThat(listener.resyncs).contains("slow");
  }

  @Test
  void driverHangsThenRecovers_converges() {
    start(builder().driverTimeout(Duration.ofSeconds(30)));
    AtomicInteger hangs = new AtomicInteger(1);
    driver.outcomes(c -> hangs.getAndDecrement() > 0 ? Outcome.HANG : Outcome.COMPLETE);
    NetworkSnapshot net = simple("n1", 1, 2);

    create(net);
    settle(Duration.ofSeconds(10));

    assertThat(driver.served().get("n1").ports()).containsExactlyInAnyOrderElementsOf(net.ports());
  }

  @Test
  void driverFailsOnOneNetwork_otherNetworkUntouched() {
    start();
    driver.outcomes(c -> c.networkId().equals("bad") ? Outcome.FAIL : Outcome.COMPLETE);
    create(simple("good", 2, 1));
    int goodCalls = callsFor(driver, "good").size();

    create(simple("bad", 1, 1));
    time.advance(Duration.ofMinutes(5));

    assertThat(callsFor(driver, "good")).hasSize(goodCalls);
    assertThat(spy.fetched).doesNotContain("good");
    assertThat(listener.resyncs).doesNotContain("good");
  }

  @Test
  void driverThrowsInsteadOfFailingStage_treatedAsFailure() {
    DelegatingDriver throwing = new DelegatingDriver(driver) {
      @Override
      public java.util.concurrent.CompletionStage<Void> enable(NetworkSnapshot network,
          io.dhcpstate.spi.DhcpSettings settings) {
        throw new IllegalStateException("driver bug (injected)");
      }
    };
    agent = io.dhcpstate.agent.DhcpAgent.builder().source(spy).driver(throwing).clock(time)
        .scheduler(time).executor(Runnable::run).listener(listener)
        .closeTimeout(Duration.ofMillis(200)).build();
    agent.start();

    create(simple("n1", 1, 1));

    assertThat(listener.failures).contains("n1@rec");
    assertThat(listener.resyncs).contains("n1");
  }
}
