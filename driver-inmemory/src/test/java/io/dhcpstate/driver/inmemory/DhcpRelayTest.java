package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.addr;
import static io.dhcpstate.driver.inmemory.Packets.decode;
import static io.dhcpstate.driver.inmemory.Packets.discover;
import static io.dhcpstate.driver.inmemory.Packets.exchange;
import static io.dhcpstate.driver.inmemory.Packets.ip;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static io.dhcpstate.driver.inmemory.Packets.port;
import static io.dhcpstate.driver.inmemory.Packets.staticNetwork;
import static io.dhcpstate.driver.inmemory.Packets.yiaddr;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.testkit.FakeTime;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where replies go (RFC 2131 §4.1), relays (RFC 3046, 3527, 3011) and reply-to-source. */
class DhcpRelayTest {
  private static final InetSocketAddress RELAY = new InetSocketAddress(addr("10.2.0.1"), 67);
  private static final byte[] AGENT_INFO = {1, 3, 'e', 't', 'h', 2, 2, 'r', '1'};
  private final FakeTime time = new FakeTime();
  private InMemoryDriver driver = InMemoryDriver.builder().clock(time).build();

  @AfterEach
  void stop() {
    driver.close();
  }

  /** Two dynamic networks, n1 on 10.1.0.0/24 and n2 on 10.2.0.0/24. */
  private void serveTwoNetworks() {
    for (int n = 1; n <= 2; n++) {
      Subnet s = Subnet.builder("s" + n, "n" + n, "10." + n + ".0.0/24").gateway("10." + n + ".0.1")
          .addressMode(AddressMode.DYNAMIC).pool("10." + n + ".0.100", "10." + n + ".0.200")
          .build();
      driver.enable(NetworkSnapshot.of(Network.of("n" + n), List.of(s), List.of()),
          DhcpSettings.defaults()).toCompletableFuture().join();
    }
  }

  private static DHCPPacket relayed(DHCPPacket p) {
    p.setGiaddrRaw(ip("10.2.0.1"));
    p.setHops((byte) 1);
    p.setOptionRaw((byte) 82, AGENT_INFO);
    return p;
  }

  @Test
  void discover_viaRelay_repliesToRelayPort67EchoingAgentInfo() {
    serveTwoNetworks();

    DhcpReply reply = exchange(driver, relayed(discover(mac(9))), RELAY).orElseThrow();

    assertThat(reply.destination()).isEqualTo(RELAY);
    DHCPPacket offer = decode(reply);
    assertThat(offer.getOptionRaw((byte) 82)).isEqualTo(AGENT_INFO);
    assertThat(offer.getGiaddr().getHostAddress()).isEqualTo("10.2.0.1");
  }

  @Test
  void discover_viaRelay_giaddrPicksTheSubnet() {
    serveTwoNetworks();

    DhcpReply reply = exchange(driver, relayed(discover(mac(9))), RELAY).orElseThrow();

    assertThat(yiaddr(decode(reply))).isEqualTo("10.2.0.100");
    assertThat(decode(reply).getOptionRaw((byte) 54)).isEqualTo(ip("10.2.0.1"));
  }

  @Test
  void discover_subnetSelectionOption_picksTheSubnet() {
    serveTwoNetworks();
    DHCPPacket d = relayed(discover(mac(9)));
    d.setOptionRaw((byte) 118, ip("10.1.0.0"));

    assertThat(yiaddr(decode(exchange(driver, d, RELAY).orElseThrow()))).isEqualTo("10.1.0.100");
  }

  @Test
  void discover_agentInfoLinkSelection_picksTheSubnet() {
    serveTwoNetworks();
    DHCPPacket d = relayed(discover(mac(9)));
    d.setOptionRaw((byte) 82, new byte[] {1, 1, 'x', 5, 4, 10, 1, 0, 0});

    DHCPPacket offer = decode(exchange(driver, d, RELAY).orElseThrow());

    assertThat(yiaddr(offer)).isEqualTo("10.1.0.100");
    assertThat(offer.getOptionRaw((byte) 82)).isEqualTo(new byte[] {1, 1, 'x', 5, 4, 10, 1, 0, 0});
  }

  @Test
  void discover_unknownClientTwoNetworksNoRelay_isIgnored() {
    serveTwoNetworks();

    assertThat(exchange(driver, discover(mac(9)))).isEmpty();
    assertThat(driver.stats().unknownClients()).isEqualTo(1);
  }

  @Test
  void discover_relayOnUnservedLink_isIgnored() {
    serveTwoNetworks();
    DHCPPacket d = relayed(discover(mac(9)));
    d.setGiaddrRaw(ip("172.16.0.1"));

    assertThat(exchange(driver, d, RELAY)).isEmpty();
  }

  @Test
  void nak_viaRelay_goesToRelayWithBroadcastFlag() {
    driver.enable(staticNetwork(port(1, "10.0.0.10").build()), DhcpSettings.defaults())
        .toCompletableFuture().join();
    DHCPPacket r = Packets.reboot(mac(1), "10.0.0.77");
    r.setGiaddrRaw(ip("10.0.0.1"));
    InetSocketAddress relay = new InetSocketAddress(addr("10.0.0.1"), 67);

    DhcpReply reply = exchange(driver, r, relay).orElseThrow();

    assertThat(decode(reply).getDHCPMessageType()).isEqualTo(Packets.NAK);
    assertThat(reply.destination()).isEqualTo(relay);
    assertThat(decode(reply).getFlags() & 0x8000).isNotZero();
  }

  @Test
  void offer_clientWithoutAddress_isBroadcast() {
    driver.enable(staticNetwork(port(1, "10.0.0.10").build()), DhcpSettings.defaults())
        .toCompletableFuture().join();

    assertThat(exchange(driver, discover(mac(1))).orElseThrow().destination())
        .isEqualTo(Packets.BROADCAST);
  }

  @Test
  void nak_renewingWithoutRelay_isBroadcast() {
    driver.enable(staticNetwork(port(1, "10.0.0.10").build()), DhcpSettings.defaults())
        .toCompletableFuture().join();

    DhcpReply reply = exchange(driver, Packets.renew(mac(1), "10.0.0.11")).orElseThrow();

    assertThat(decode(reply).getDHCPMessageType()).isEqualTo(Packets.NAK);
    assertThat(reply.destination()).isEqualTo(Packets.BROADCAST);
  }

  @Test
  void replyToSource_on_sendsEveryReplyToTheSource() {
    driver.close();
    driver = InMemoryDriver.builder().clock(time).replyToSource(true).build();
    driver.enable(staticNetwork(port(1, "10.0.0.10").build()), DhcpSettings.defaults())
        .toCompletableFuture().join();
    InetSocketAddress source = new InetSocketAddress(addr("127.0.0.1"), 40068);

    Optional<DhcpReply> reply = exchange(driver, discover(mac(1)), source);

    assertThat(reply.orElseThrow().destination()).isEqualTo(source);
  }
}
