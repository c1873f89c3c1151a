package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.decline;
import static io.dhcpstate.driver.inmemory.Packets.discover;
import static io.dhcpstate.driver.inmemory.Packets.dora;
import static io.dhcpstate.driver.inmemory.Packets.dynamicNetwork;
import static io.dhcpstate.driver.inmemory.Packets.ip;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static io.dhcpstate.driver.inmemory.Packets.port;
import static io.dhcpstate.driver.inmemory.Packets.release;
import static io.dhcpstate.driver.inmemory.Packets.send;
import static io.dhcpstate.driver.inmemory.Packets.staticNetwork;
import static io.dhcpstate.driver.inmemory.Packets.yiaddr;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.LeaseEvent;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import io.dhcpstate.testkit.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RELEASE, DECLINE, expiry and the host's changes: what happens to leases and their events. */
class DhcpLeaseLifecycleTest {
  private static final MacAddress MAC7 = MacAddress.parse(Packets.macText(7));
  private final FakeTime time = new FakeTime();
  private final Packets.RecordingContext context = new Packets.RecordingContext(time);
  private InMemoryDriver driver;

  @BeforeEach
  void start() {
    driver = InMemoryDriver.builder().clock(time).probation(Duration.ofHours(1))
        .reclaim(Duration.ofMillis(10), 100, Duration.ofMillis(50)).build();
    driver.start(context);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void serve(NetworkSnapshot net) {
    driver.enable(net, DhcpSettings.defaults()).toCompletableFuture().join();
  }

  private List<Lease> leases() {
    return driver.leases("n1").toCompletableFuture().join();
  }

  private DHCPPacket discoverAsking(int client, String requested) {
    DHCPPacket p = discover(mac(client));
    p.setOptionRaw((byte) 50, ip(requested));
    return p;
  }

  @Test
  void ack_newLease_isListedAndReportedGranted() {
    serve(dynamicNetwork());

    dora(driver, mac(7));

    Lease lease = driver.lease("n1", MAC7).orElseThrow();
    assertThat(lease.ip()).isEqualTo(IpAddress.parse("10.0.0.100"));
    assertThat(lease.expiresAt()).contains(time.instant().plus(Duration.ofDays(1)));
    assertThat(context.last(LeaseEvent.Type.GRANTED)).contains(lease);
  }

  @Test
  void release_activeLease_freesAddressAndReportsReleased() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    assertThat(send(driver, release(mac(7), "10.0.0.100", "10.0.0.1"))).isEmpty();

    assertThat(leases()).isEmpty();
    assertThat(context.last(LeaseEvent.Type.RELEASED).orElseThrow().ip())
        .isEqualTo(IpAddress.parse("10.0.0.100"));
    assertThat(yiaddr(send(driver, discoverAsking(8, "10.0.0.100")).orElseThrow()))
        .isEqualTo("10.0.0.100");
  }

  @Test
  void release_byAnotherClient_isIgnored() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    send(driver, release(mac(8), "10.0.0.100", "10.0.0.1"));

    assertThat(leases()).hasSize(1);
  }

  @Test
  void release_namingAnotherServer_isIgnored() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    send(driver, release(mac(7), "10.0.0.100", "192.0.2.1"));

    assertThat(leases()).hasSize(1);
  }

  @Test
  void decline_leasedAddress_isOnProbationAndReported() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    send(driver, decline(mac(7), "10.0.0.100", "10.0.0.1"));

    assertThat(leases()).singleElement().satisfies(l -> {
      assertThat(l.state()).isEqualTo(LeaseState.DECLINED);
      assertThat(l.ip()).isEqualTo(IpAddress.parse("10.0.0.100"));
    });
    assertThat(context.types()).endsWith(LeaseEvent.Type.DECLINED);
  }

  @Test
  void decline_duringProbation_addressIsNotOfferedAgain() {
    serve(dynamicNetwork());
    dora(driver, mac(7));
    send(driver, decline(mac(7), "10.0.0.100", "10.0.0.1"));
    time.advance(Duration.ofMinutes(59));

    assertThat(yiaddr(send(driver, discover(mac(7))).orElseThrow())).isNotEqualTo("10.0.0.100");
    assertThat(yiaddr(send(driver, discoverAsking(8, "10.0.0.100")).orElseThrow()))
        .isNotEqualTo("10.0.0.100");
  }

  @Test
  void decline_afterProbation_addressIsOfferedAgain() {
    serve(dynamicNetwork());
    dora(driver, mac(7));
    send(driver, decline(mac(7), "10.0.0.100", "10.0.0.1"));
    time.advance(Duration.ofMinutes(61));

    assertThat(yiaddr(send(driver, discoverAsking(8, "10.0.0.100")).orElseThrow()))
        .isEqualTo("10.0.0.100");
  }

  @Test
  void decline_ofAnotherClientsAddress_isIgnored() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    send(driver, decline(mac(8), "10.0.0.100", "10.0.0.1"));

    assertThat(leases()).singleElement().extracting(Lease::state).isEqualTo(LeaseState.ACTIVE);
  }

  @Test
  void inform_clientWithAddress_acksWithoutLeaseTimeAndZeroYiaddr() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    DHCPPacket ack = send(driver, Packets.inform(mac(1), "10.0.0.10")).orElseThrow();

    assertThat(ack.getDHCPMessageType()).isEqualTo(Packets.ACK);
    assertThat(yiaddr(ack)).isEqualTo("0.0.0.0");
    assertThat(ack.getOptionRaw((byte) 51)).isNull();
    assertThat(ack.getOptionRaw((byte) 1)).isEqualTo(ip("255.255.255.0"));
    assertThat(leases()).isEmpty();
  }

  @Test
  void reclaimer_expiredLease_isRemovedAndReportedExpired() throws InterruptedException {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    time.advance(Duration.ofDays(1).plusSeconds(1));

    awaitEvent(LeaseEvent.Type.EXPIRED, Duration.ofSeconds(10));
    assertThat(context.last(LeaseEvent.Type.EXPIRED).orElseThrow().state())
        .isEqualTo(LeaseState.EXPIRED_RECLAIMED);
    assertThat(leases()).isEmpty();
  }

  @Test
  void reclaimer_manyRenewalsQueued_stillReclaimsTheExpiredLeaseAtOnce()
      throws InterruptedException {
    driver.close();
    driver = InMemoryDriver.builder().clock(time)
        .reclaim(Duration.ofMillis(10), 1, Duration.ofMillis(50)).build();
    driver.start(context);
    serve(dynamicNetwork());
    dora(driver, mac(7));
    for (int i = 0; i < 3000; i++) { // each renewal leaves a queue entry expiring before it
      time.advance(Duration.ofMillis(1));
      send(driver, Packets.renew(mac(7), "10.0.0.100")).orElseThrow();
    }

    time.advance(Duration.ofDays(1).plusSeconds(1));

    awaitEvent(LeaseEvent.Type.EXPIRED, Duration.ofSeconds(10));
    assertThat(leases()).isEmpty();
  }

  private void awaitEvent(LeaseEvent.Type type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (context.last(type).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(context.last(type)).as("a %s event within %s", type, timeout).isPresent();
  }

  @Test
  void ack_infiniteLeaseTime_sendsAllOnesAndNeverExpires() {
    DhcpSettings infinite = new DhcpSettings(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), List.of(),
        MetadataRouteMode.OFF);
    driver.enable(dynamicNetwork(), infinite).toCompletableFuture().join();

    DHCPPacket ack = dora(driver, mac(7));

    assertThat(ack.getOptionRaw((byte) 51)).containsExactly(0xff, 0xff, 0xff, 0xff);
    assertThat(driver.lease("n1", MAC7).orElseThrow().isInfinite()).isTrue();
  }

  @Test
  void apply_portRemoved_releasesItsLease() {
    Port p = port(1, "10.0.0.10").build();
    serve(staticNetwork(p));
    dora(driver, mac(1));

    driver.apply(staticNetwork(), DhcpSettings.defaults(), new NetworkChange(
        List.of(new PortChange(Optional.of(p), Optional.empty())), false, false, false))
        .toCompletableFuture().join();

    assertThat(leases()).isEmpty();
    assertThat(context.types()).endsWith(LeaseEvent.Type.RELEASED);
  }

  @Test
  void apply_newPortOnLeasedAddress_releasesTheOtherClientsLease() {
    serve(dynamicNetwork());
    dora(driver, mac(7));
    Port p = port(1, "10.0.0.100").build();

    driver.apply(dynamicNetwork(p), DhcpSettings.defaults(), new NetworkChange(
        List.of(new PortChange(Optional.empty(), Optional.of(p))), false, false, false))
        .toCompletableFuture().join();

    assertThat(driver.lease("n1", MAC7)).isEmpty();
    assertThat(yiaddr(dora(driver, mac(1)))).isEqualTo("10.0.0.100");
  }

  @Test
  void enable_snapshotWithoutThePort_releasesItsLease() {
    serve(staticNetwork(port(1, "10.0.0.10").build(), port(2, "10.0.0.11").build()));
    dora(driver, mac(1));
    dora(driver, mac(2));

    serve(staticNetwork(port(2, "10.0.0.11").build()));

    assertThat(leases()).extracting(Lease::ip).containsExactly(IpAddress.parse("10.0.0.11"));
    assertThat(context.last(LeaseEvent.Type.RELEASED).orElseThrow().ip())
        .isEqualTo(IpAddress.parse("10.0.0.10"));
  }

  @Test
  void disable_servedNetwork_dropsAndReportsItsLeases() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    driver.disable("n1").toCompletableFuture().join();

    assertThat(leases()).isEmpty();
    assertThat(context.types()).endsWith(LeaseEvent.Type.RELEASED);
    assertThat(send(driver, discover(mac(7)))).isEmpty();
  }

  @Test
  void releaseLease_byHost_freesAddressAndReportsReleased() {
    serve(dynamicNetwork());
    dora(driver, mac(7));
    Lease lease = driver.lease("n1", MAC7).orElseThrow();

    assertThat(driver.releaseLease(lease).toCompletableFuture().join()).isTrue();

    assertThat(driver.lease("n1", IpAddress.parse("10.0.0.100"))).isEmpty();
    assertThat(context.types()).endsWith(LeaseEvent.Type.RELEASED);
  }

  @Test
  void capabilities_always_excludeIpv6() {
    assertThat(driver.capabilities().ipVersions()).containsExactly(IpVersion.V4);
  }

  @Test
  void enable_dualStackNetwork_servesOnlyTheIpv4Subnet() {
    Subnet v6 = Subnet.builder("s6", "n1", "fd00::/64").ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL).build();
    Port p = Port.builder("p1", "n1", Packets.macText(1)).fixedIp("s1", "10.0.0.10")
        .fixedIp("s6", "fd00::10").build();
    serve(NetworkSnapshot.of(Network.of("n1"),
        List.of(Packets.subnet().build(), v6), List.of(p)));

    assertThat(yiaddr(dora(driver, mac(1)))).isEqualTo("10.0.0.10");
  }
}
