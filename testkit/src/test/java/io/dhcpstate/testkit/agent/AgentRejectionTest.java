package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.Violation;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.agent.ResourceEvent.SubnetCreated;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conflicting and invalid events: rejected with violations, never applied, and followed by a
 * resync of their network only.
 */
class AgentRejectionTest extends AbstractAgentTest {
  private NetworkSnapshot a;
  private int callsOnB;

  @BeforeEach
  void twoServedNetworks() {
    a = simple("a", 1, 2);
    NetworkSnapshot b = simple("b", 2, 2);
    source.put(a).put(b);
    start();
    callsOnB = callsFor(driver, "b").size();
  }

  private Port a1() {
    return a.ports().stream().filter(p -> p.id().equals("a-p1")).findFirst().orElseThrow();
  }

  private void assertRejectedAndOnlyAResynced(String portId, String field, String reason) {
    assertThat(listener.rejected).singleElement().satisfies(r -> {
      assertThat(r.event().resourceId()).isEqualTo(portId);
      assertThat(r.violations()).extracting(Violation::field).contains(field);
      assertThat(r.violations()).extracting(Violation::reason)
          .anyMatch(text -> text.contains(reason));
    });
    assertThat(driver.served().get("a").port(portId)).isEmpty();
    assertThat(driver.served().get("a").ports()).containsExactlyInAnyOrderElementsOf(a.ports());
    assertThat(agent.stats().rejectedEvents()).isEqualTo(1);
    assertThat(spy.fetched).containsExactly("a");
    assertThat(listener.resyncs).contains("a").doesNotContain("b");
    assertThat(callsFor(driver, "b")).hasSize(callsOnB);
  }

  @Test
  void portCreate_unknownSubnet_rejectedAndNetworkResynced() {
    submit(new PortCreated(port("x", "a", "nosuch", "10.1.0.99", 99, 1)));

    assertRejectedAndOnlyAResynced("x", "fixedIps[0].subnetId", "is not a subnet");
  }

  @Test
  void portCreate_duplicateIp_rejectedAndNetworkResynced() {
    String taken = a1().fixedIps().get(0).ip().toString();

    submit(new PortCreated(port("x", "a", "a-s", taken, 99, 1)));

    assertRejectedAndOnlyAResynced("x", "fixedIps[0].ip", "already used by port a-p1");
  }

  @Test
  void portCreate_duplicateMac_rejectedAndNetworkResynced() {
    Port dup = new Port("x", "a", a1().mac(), List.of(io.dhcpstate.model.FixedIp.of("a-s",
        "10.1.0.99")), "", true, java.util.Optional.empty(), List.of(), 1);

    submit(new PortCreated(dup));

    assertRejectedAndOnlyAResynced("x", "mac", "already used by port a-p1");
  }

  @Test
  void portCreate_ipOutsideSubnet_rejectedAndNetworkResynced() {
    submit(new PortCreated(port("x", "a", "a-s", "10.9.9.9", 99, 1)));

    assertRejectedAndOnlyAResynced("x", "fixedIps[0].ip", "outside subnet");
  }

  @Test
  void portUpdate_movesOntoTakenIp_rejectedAndOldPortKept() {
    Port a2 = a.ports().stream().filter(p -> p.id().equals("a-p2")).findFirst().orElseThrow();
    Port moved = port("a-p2", "a", "a-s", a1().fixedIps().get(0).ip().toString(), 258 + 2, 2);

    submit(new PortUpdated(moved));

    assertThat(listener.rejected).singleElement()
        .satisfies(r -> assertThat(r.event().resourceId()).isEqualTo("a-p2"));
    assertThat(driver.served().get("a").port("a-p2")).contains(a2);
    assertThat(spy.fetched).containsExactly("a");
  }

  @Test
  void subnetCreate_overlappingCidr_rejected() {
    Subnet overlapping = subnet("a-s2", "a", "10.1.0.128/25", 1);

    submit(new SubnetCreated(overlapping));

    assertThat(listener.rejected).singleElement().satisfies(r -> assertThat(r.violations())
        .extracting(Violation::field).contains("cidr"));
    assertThat(driver.served().get("a").subnets()).hasSize(1);
    assertThat(spy.fetched).containsExactly("a");
  }

  @Test
  void portCreate_unknownNetwork_rejectedAndThatNetworkResynced() {
    submit(new PortCreated(port("x", "ghost", "ghost-s", "10.7.0.9", 99, 1)));

    assertThat(listener.rejected).singleElement().satisfies(r ->
        assertThat(r.violations()).extracting(Violation::reason)
            .anyMatch(text -> text.contains("not known")));
    assertThat(spy.fetched).containsExactly("ghost");
    assertThat(driver.served()).containsOnlyKeys("a", "b");
  }

  @Test
  void portCreate_beforeItsSubnet_rejectedThenResyncBringsBoth() {
    Subnet s2 = subnet("a-s2", "a", "10.1.1.0/24", 1);
    Port p = port("x", "a", "a-s2", "10.1.1.5", 99, 1);
    List<Subnet> subnets = new java.util.ArrayList<>(a.subnets());
    subnets.add(s2);
    List<Port> ports = new java.util.ArrayList<>(a.ports());
    ports.add(p);
    source.put(NetworkSnapshot.of(a.network(), subnets, ports));

    submit(new PortCreated(p));

    assertThat(listener.rejected).hasSize(1);
    assertThat(driver.served().get("a").port("x")).contains(p);
    assertThat(driver.served().get("a").subnet("a-s2")).contains(s2);
  }

  @Test
  void rejections_inQuickSuccession_resyncThrottled() {
    submit(new PortCreated(port("x", "a", "nosuch", "10.1.0.99", 99, 1)));
    submit(new PortCreated(port("y", "a", "nosuch", "10.1.0.98", 98, 1)));
    assertThat(spy.fetched).containsExactly("a");

    time.advance(Duration.ofSeconds(1));

    assertThat(spy.fetched).containsExactly("a", "a");
    assertThat(listener.rejected).hasSize(2);
  }
}
