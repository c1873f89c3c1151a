package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.discover;
import static io.dhcpstate.driver.inmemory.Packets.dora;
import static io.dhcpstate.driver.inmemory.Packets.dynamicNetwork;
import static io.dhcpstate.driver.inmemory.Packets.ip;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static io.dhcpstate.driver.inmemory.Packets.port;
import static io.dhcpstate.driver.inmemory.Packets.send;
import static io.dhcpstate.driver.inmemory.Packets.staticNetwork;
import static io.dhcpstate.driver.inmemory.Packets.yiaddr;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.testkit.FakeTime;
import java.time.Duration;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DHCPDISCOVER → DHCPOFFER (RFC 2131 §4.3.1) in static and dynamic address modes. */
class DhcpDiscoverTest {
  private final FakeTime time = new FakeTime();
  private InMemoryDriver driver;

  @BeforeEach
  void start() {
    driver = InMemoryDriver.builder().clock(time).build();
    driver.start(new Packets.RecordingContext(time));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void serve(NetworkSnapshot net) {
    driver.enable(net, DhcpSettings.defaults()).toCompletableFuture().join();
  }

  private static DHCPPacket discoverAsking(byte[] mac, String requested) {
    DHCPPacket p = discover(mac);
    p.setOptionRaw((byte) 50, ip(requested));
    return p;
  }

  @Test
  void discover_knownPortInStaticSubnet_offersItsFixedIp() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    DHCPPacket offer = send(driver, discover(mac(1))).orElseThrow();

    assertThat(offer.getDHCPMessageType()).isEqualTo(Packets.OFFER);
    assertThat(yiaddr(offer)).isEqualTo("10.0.0.10");
    assertThat(offer.getXid()).isEqualTo(0x1234_5678);
    assertThat(driver.stats().offers()).isEqualTo(1);
  }

  @Test
  void discover_offer_isNotALease() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    send(driver, discover(mac(1))).orElseThrow();

    assertThat(driver.leases("n1").toCompletableFuture().join()).isEmpty();
  }

  @Test
  void discover_unknownMacInStaticSubnet_isIgnoredAndCounted() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    Optional<DHCPPacket> reply = send(driver, discover(mac(9)));

    assertThat(reply).isEmpty();
    assertThat(driver.stats().unknownClients()).isEqualTo(1);
    assertThat(driver.stats().offers()).isZero();
  }

  @Test
  void discover_portAdminDown_isIgnored() {
    serve(staticNetwork(port(1, "10.0.0.10").adminStateUp(false).build()));

    assertThat(send(driver, discover(mac(1)))).isEmpty();
  }

  @Test
  void discover_networksOwnDhcpPort_isIgnored() {
    serve(staticNetwork(port(1, "10.0.0.3").deviceOwner(Port.DHCP_OWNER).build()));

    assertThat(send(driver, discover(mac(1)))).isEmpty();
  }

  @Test
  void discover_knownPortInDynamicSubnet_offersItsFixedIpOutsideThePool() {
    serve(dynamicNetwork(port(1, "10.0.0.20").build()));

    assertThat(yiaddr(send(driver, discover(mac(1))).orElseThrow())).isEqualTo("10.0.0.20");
  }

  @Test
  void discover_unknownMacInDynamicSubnet_offersFirstPoolAddress() {
    serve(dynamicNetwork());

    assertThat(yiaddr(send(driver, discover(mac(9))).orElseThrow())).isEqualTo("10.0.0.100");
  }

  @Test
  void discover_dynamicPool_skipsPortsFixedIps() {
    serve(dynamicNetwork(port(1, "10.0.0.100").build()));

    assertThat(yiaddr(send(driver, discover(mac(9))).orElseThrow())).isEqualTo("10.0.0.101");
  }

  @Test
  void discover_dynamicPool_skipsLeasedAddresses() {
    serve(dynamicNetwork("10.0.0.100", "10.0.0.101"));
    assertThat(yiaddr(dora(driver, mac(7)))).isEqualTo("10.0.0.100");

    DHCPPacket offer = send(driver, discoverAsking(mac(8), "10.0.0.100")).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.101");
  }

  @Test
  void discover_dynamicPool_skipsAddressesOfferedToOthers() {
    serve(dynamicNetwork());
    assertThat(yiaddr(send(driver, discover(mac(7))).orElseThrow())).isEqualTo("10.0.0.100");

    DHCPPacket offer = send(driver, discoverAsking(mac(8), "10.0.0.100")).orElseThrow();

    assertThat(yiaddr(offer)).isNotEqualTo("10.0.0.100");
  }

  @Test
  void discover_offerHoldOver_addressGoesToAnotherClient() {
    serve(dynamicNetwork());
    send(driver, discover(mac(7))).orElseThrow();
    time.advance(Duration.ofSeconds(31));

    DHCPPacket offer = send(driver, discoverAsking(mac(8), "10.0.0.100")).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.100");
  }

  @Test
  void discover_returningClientWithLease_getsItsAddressAgain() {
    serve(dynamicNetwork());
    dora(driver, mac(7));
    dora(driver, mac(8));

    DHCPPacket offer = send(driver, discoverAsking(mac(7), "10.0.0.102")).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.100");
  }

  @Test
  void discover_returningClientAfterRelease_getsPreviousAddress() {
    serve(dynamicNetwork());
    send(driver, discoverAsking(mac(7), "10.0.0.102")).orElseThrow();
    DHCPPacket ack = send(driver, Packets.select(mac(7), "10.0.0.102", "10.0.0.1")).orElseThrow();
    assertThat(yiaddr(ack)).isEqualTo("10.0.0.102");
    send(driver, Packets.release(mac(7), "10.0.0.102", "10.0.0.1"));

    DHCPPacket offer = send(driver, discover(mac(7))).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.102");
  }

  @Test
  void discover_requestedAddressFree_isHonoured() {
    serve(dynamicNetwork());

    DHCPPacket offer = send(driver, discoverAsking(mac(9), "10.0.0.102")).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.102");
  }

  @Test
  void discover_requestedAddressOutsidePool_isNotHonoured() {
    serve(dynamicNetwork());

    DHCPPacket offer = send(driver, discoverAsking(mac(9), "10.0.0.50")).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.100");
  }

  @Test
  void discover_requestedGatewayAddress_isNotHonoured() {
    serve(dynamicNetwork("10.0.0.1", "10.0.0.5"));

    DHCPPacket offer = send(driver, discoverAsking(mac(9), "10.0.0.1")).orElseThrow();

    assertThat(yiaddr(offer)).isEqualTo("10.0.0.2");
  }

  @Test
  void discover_poolExhausted_isIgnoredAndCounted() {
    serve(dynamicNetwork("10.0.0.100", "10.0.0.101"));
    dora(driver, mac(7));
    dora(driver, mac(8));

    Optional<DHCPPacket> reply = send(driver, discover(mac(9)));

    assertThat(reply).isEmpty();
    assertThat(driver.stats().poolExhausted()).isEqualTo(1);
  }

  @Test
  void discover_clientIdDiffersWithSameMac_isAnotherClient() {
    serve(dynamicNetwork());
    DHCPPacket first = discover(mac(7));
    first.setOptionRaw((byte) 61, new byte[] {1, 1, 1});
    assertThat(yiaddr(send(driver, first).orElseThrow())).isEqualTo("10.0.0.100");
    DHCPPacket second = discover(mac(7));
    second.setOptionRaw((byte) 61, new byte[] {1, 2, 2});

    assertThat(yiaddr(send(driver, second).orElseThrow())).isEqualTo("10.0.0.101");
  }

  @Test
  void discover_sameClientIdWithOtherMac_isTheSameClient() {
    serve(dynamicNetwork());
    DHCPPacket first = discover(mac(7));
    first.setOptionRaw((byte) 61, new byte[] {1, 1, 1});
    assertThat(yiaddr(send(driver, first).orElseThrow())).isEqualTo("10.0.0.100");
    DHCPPacket second = discover(mac(8));
    second.setOptionRaw((byte) 61, new byte[] {1, 1, 1});

    assertThat(yiaddr(send(driver, second).orElseThrow())).isEqualTo("10.0.0.100");
  }

  @Test
  void discover_noNetworkServed_isIgnoredAndCounted() {
    assertThat(send(driver, discover(mac(1)))).isEmpty();
    assertThat(driver.stats().unknownClients()).isEqualTo(1);
  }
}
