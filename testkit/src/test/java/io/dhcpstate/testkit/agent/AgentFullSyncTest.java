package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.agent.SyncSummary;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.testkit.RecordingDriver.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Full sync on start and on request, and how it survives a failing source. */
class AgentFullSyncTest extends AbstractAgentTest {

  @Test
  void start_sourceListsNetworks_enablesEach() {
    NetworkSnapshot a = simple("a", 1, 2);
    NetworkSnapshot b = simple("b", 2, 1);
    source.put(a).put(b);

    start();

    assertThat(driver.served()).containsOnlyKeys("a", "b");
    assertThat(driver.served().get("a").ports()).containsExactlyInAnyOrderElementsOf(a.ports());
    assertThat(listener.enabled).containsExactlyInAnyOrder("a@rec", "b@rec");
    assertThat(listener.syncs).singleElement().satisfies(s -> {
      assertThat(s.networksEnabled()).isEqualTo(2);
      assertThat(s.networksDisabled()).isZero();
      assertThat(s.failures()).isZero();
    });
  }

  @Test
  void start_driverServesNetworkSourceDoesNotKnow_disablesIt() {
    driver.enable(simple("left-over", 9, 1), DhcpSettings.defaults());
    source.put(simple("a", 1, 1));

    start();

    assertThat(driver.served()).containsOnlyKeys("a");
    assertThat(kindsFor(driver, "left-over")).containsExactly(Kind.ENABLE, Kind.DISABLE);
    assertThat(listener.syncs).singleElement()
        .extracting(SyncSummary::networksDisabled).isEqualTo(1);
  }

  @Test
  void requestFullSync_networkGoneFromSource_disablesIt() {
    source.put(simple("a", 1, 1)).put(simple("b", 2, 1));
    start();
    source.remove("b");

    agent.requestFullSync("test");
    time.advance(Duration.ofSeconds(1));

    assertThat(driver.served()).containsOnlyKeys("a");
    assertThat(agent.networkIds()).containsExactly("a");
    assertThat(listener.resyncs).contains("*");
  }

  @Test
  void requestFullSync_withinThrottle_waitsForIt() {
    source.put(simple("a", 1, 1));
    start();
    int listings = spy.listings.get();

    agent.requestFullSync("one");
    agent.requestFullSync("two");
    time.advance(Duration.ofMillis(900));
    assertThat(spy.listings.get()).isEqualTo(listings);

    time.advance(Duration.ofMillis(100));

    assertThat(spy.listings.get()).isEqualTo(listings + 1);
    assertThat(listener.resyncReasons).contains(List.of("one"));
  }

  /** Advances one second at a time; returns the seconds at which the source was listed. */
  private List<Integer> listingTimes(int seconds) {
    List<Integer> at = new ArrayList<>();
    for (int t = 1; t <= seconds; t++) {
      int before = spy.listings.get();
      time.advance(Duration.ofSeconds(1));
      if (spy.listings.get() > before) {
        at.add(t);
      }
    }
    return at;
  }

  @Test
  void fullSync_sourceFails_keepsServingAndRetriesWithBackoff() {
    source.put(simple("a", 1, 1));
    start(builder().resyncInterval(Duration.ofSeconds(10)));
    int calls = driver.calls().size();
    source.setFailing(true);
    agent.requestFullSync("test");

    List<Integer> failing = listingTimes(40);

    assertThat(failing).hasSize(3);
    assertThat(failing.get(0)).isEqualTo(1);
    assertThat(failing.get(1) - failing.get(0)).isBetween(8, 13); // 10 s +-20%
    assertThat(failing.get(2) - failing.get(1)).isBetween(16, 25); // 20 s +-20%
    assertThat(agent.stats().sourceFailures()).isEqualTo(3);
    assertThat(driver.served()).containsOnlyKeys("a");
    assertThat(driver.calls()).hasSize(calls);
    assertThat(agent.awaitIdle(Duration.ofMillis(50))).isFalse(); // a retry is pending

    source.setFailing(false);
    listingTimes(60);

    assertThat(spy.listings.get()).isEqualTo(1 + 3 + 1);
    assertThat(driver.served()).containsOnlyKeys("a");
    assertThat(listener.syncs).hasSize(2);
    assertThat(agent.awaitIdle(Duration.ofMillis(100))).isTrue();
  }

  @Test
  void start_sourceFails_servesNothingThenRecovers() {
    source.put(simple("a", 1, 1));
    source.failNext(1);

    start();
    assertThat(driver.served()).isEmpty();
    time.advance(Duration.ofSeconds(7));

    assertThat(driver.served()).containsOnlyKeys("a");
  }

  @Test
  void fullSync_eventAppliedWhileDriversListNetworks_networkReadAgain() {
    CompletableFuture<Set<String>> listing = new CompletableFuture<>();
    DelegatingDriver slowLister = new DelegatingDriver(driver) {
      private int listings;

      @Override
      public CompletionStage<Set<String>> servedNetworks() {
        return ++listings == 1 ? inner.servedNetworks() : listing;
      }
    };
    NetworkSnapshot a = simple("a", 1, 1);
    source.put(a);
    agent = DhcpAgent.builder().source(spy).driver(slowLister).clock(time).scheduler(time)
        .executor(Runnable::run).closeTimeout(Duration.ofMillis(200)).build();
    agent.start();
    agent.requestFullSync("test");
    time.advance(Duration.ofSeconds(1)); // reads the source, then waits for the listing
    Port p = a.ports().iterator().next().withRevision(2);
    source.put(snapshot(a.network(), List.copyOf(a.subnets()), p));
    agent.submit(new PortUpdated(p));
    int fetchedBefore = spy.fetched.size();

    listing.complete(Set.of("a"));

    assertThat(driver.served().get("a").port(p.id())).contains(p);
    assertThat(spy.fetched.subList(fetchedBefore, spy.fetched.size())).containsExactly("a");
  }

  @Test
  void fullSync_driverListingHangs_timesOutAndSyncsSourceNetworks() {
    DelegatingDriver hanging = new DelegatingDriver(driver) {
      @Override
      public CompletionStage<Set<String>> servedNetworks() {
        return new CompletableFuture<>();
      }
    };
    source.put(simple("a", 1, 1));
    agent = DhcpAgent.builder().source(spy).driver(hanging).clock(time).scheduler(time)
        .executor(Runnable::run).driverTimeout(Duration.ofSeconds(5))
        .closeTimeout(Duration.ofMillis(200)).listener(listener).build();

    long t0 = System.nanoTime();
    agent.start();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(driver.served()).isEmpty();
    time.advance(Duration.ofSeconds(5));

    assertThat(driver.served()).containsOnlyKeys("a");
    assertThat(agent.stats().driverFailures()).isEqualTo(1);
    assertThat(listener.syncs).hasSize(1);
  }
}
