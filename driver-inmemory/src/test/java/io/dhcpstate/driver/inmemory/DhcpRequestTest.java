package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.discover;
import static io.dhcpstate.driver.inmemory.Packets.dora;
import static io.dhcpstate.driver.inmemory.Packets.dynamicNetwork;
import static io.dhcpstate.driver.inmemory.Packets.exchange;
import static io.dhcpstate.driver.inmemory.Packets.ip;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static io.dhcpstate.driver.inmemory.Packets.port;
import static io.dhcpstate.driver.inmemory.Packets.reboot;
import static io.dhcpstate.driver.inmemory.Packets.renew;
import static io.dhcpstate.driver.inmemory.Packets.select;
import static io.dhcpstate.driver.inmemory.Packets.send;
import static io.dhcpstate.driver.inmemory.Packets.staticNetwork;
import static io.dhcpstate.driver.inmemory.Packets.yiaddr;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.LeaseEvent;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import io.dhcpstate.testkit.FakeTime;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DHCPREQUEST in the SELECTING, INIT-REBOOT, RENEWING and REBINDING states (RFC 2131 §4.3.2). */
class DhcpRequestTest {
  private final FakeTime time = new FakeTime();
  private final Packets.RecordingContext context = new Packets.RecordingContext(time);
  private InMemoryDriver driver;

  @BeforeEach
  void start() {
    driver = InMemoryDriver.builder().clock(time).build();
    driver.start(context);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void serve(NetworkSnapshot net) {
    driver.enable(net, DhcpSettings.defaults()).toCompletableFuture().join();
  }

  private static DHCPPacket type(Optional<DHCPPacket> reply, byte expected) {
    assertThat(reply).as("a reply").isPresent();
    assertThat(reply.get().getDHCPMessageType()).isEqualTo(expected);
    return reply.get();
  }

  @Test
  void request_selectingThisServer_acksAndGrantsLease() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));
    send(driver, discover(mac(1))).orElseThrow();

    DHCPPacket ack = type(send(driver, select(mac(1), "10.0.0.10", "10.0.0.1")), Packets.ACK);

    assertThat(yiaddr(ack)).isEqualTo("10.0.0.10");
    assertThat(driver.leases("n1").toCompletableFuture().join()).hasSize(1);
    assertThat(context.types()).containsExactly(LeaseEvent.Type.GRANTED);
  }

  @Test
  void request_selectingOtherServer_isSilentAndForgetsTheOffer() {
    serve(dynamicNetwork());
    assertThat(yiaddr(send(driver, discover(mac(7))).orElseThrow())).isEqualTo("10.0.0.100");

    Optional<DHCPPacket> reply = send(driver, select(mac(7), "10.0.0.100", "192.0.2.1"));

    assertThat(reply).isEmpty();
    assertThat(driver.stats().ignored()).isEqualTo(1);
    DHCPPacket other = discover(mac(8));
    other.setOptionRaw((byte) 50, ip("10.0.0.100"));
    assertThat(yiaddr(send(driver, other).orElseThrow())).isEqualTo("10.0.0.100");
  }

  @Test
  void request_selectingAddressLeasedToAnother_naks() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    type(send(driver, select(mac(8), "10.0.0.100", "10.0.0.1")), Packets.NAK);

    assertThat(driver.lease("n1", MacAddress.parse(Packets.macText(7)))).isPresent();
  }

  @Test
  void request_selectingWrongAddressForPort_naks() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    type(send(driver, select(mac(1), "10.0.0.11", "10.0.0.1")), Packets.NAK);

    assertThat(driver.stats().naks()).isEqualTo(1);
  }

  @Test
  void request_selectingServerIdFromPortOption_acks() {
    ExtraDhcpOption serverId = ExtraDhcpOption.of("server-identifier", "10.0.0.254");
    serve(staticNetwork(port(1, "10.0.0.10", serverId)));
    DHCPPacket offer = send(driver, discover(mac(1))).orElseThrow();
    assertThat(Packets.inet(offer.getOptionRaw((byte) 54))).isEqualTo("10.0.0.254");

    type(send(driver, select(mac(1), "10.0.0.10", "10.0.0.254")), Packets.ACK);
  }

  @Test
  void request_initRebootKnownPortRightAddress_acks() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    DHCPPacket ack = type(send(driver, reboot(mac(1), "10.0.0.10")), Packets.ACK);

    assertThat(yiaddr(ack)).isEqualTo("10.0.0.10");
  }

  @Test
  void request_initRebootKnownPortWrongAddress_naksByBroadcast() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    Optional<DhcpReply> reply = exchange(driver, reboot(mac(1), "10.0.0.77"));

    assertThat(Packets.decode(reply.orElseThrow()).getDHCPMessageType()).isEqualTo(Packets.NAK);
    assertThat(reply.get().destination()).isEqualTo(Packets.BROADCAST);
  }

  @Test
  void request_initRebootUnknownClientStatic_isSilent() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(send(driver, reboot(mac(9), "10.0.0.50"))).isEmpty();
    assertThat(driver.stats().naks()).isZero();
  }

  @Test
  void request_initRebootUnknownClientDynamic_isSilent() {
    serve(dynamicNetwork());

    assertThat(send(driver, reboot(mac(9), "10.0.0.101"))).isEmpty();
    assertThat(driver.leases("n1").toCompletableFuture().join()).isEmpty();
  }

  @Test
  void request_initRebootUnknownClientOtherNetwork_isSilent() {
    serve(dynamicNetwork());

    assertThat(send(driver, reboot(mac(9), "192.168.7.7"))).isEmpty();
  }

  @Test
  void request_initRebootKnownDynamicClientRightAddress_acks() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    DHCPPacket ack = type(send(driver, reboot(mac(7), "10.0.0.100")), Packets.ACK);

    assertThat(yiaddr(ack)).isEqualTo("10.0.0.100");
  }

  @Test
  void request_initRebootKnownDynamicClientWrongAddress_naks() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    type(send(driver, reboot(mac(7), "10.0.0.102")), Packets.NAK);
  }

  @Test
  void request_initRebootKnownDynamicClientWrongNetwork_naks() {
    serve(dynamicNetwork());
    dora(driver, mac(7));

    type(send(driver, reboot(mac(7), "192.168.7.7")), Packets.NAK);
  }

  @Test
  void request_renewing_acksByUnicastToCiaddrAndRenews() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));
    dora(driver, mac(1));

    Optional<DhcpReply> reply = exchange(driver, renew(mac(1), "10.0.0.10"),
        new InetSocketAddress(Packets.addr("10.0.0.10"), 68));

    DHCPPacket ack = Packets.decode(reply.orElseThrow());
    assertThat(ack.getDHCPMessageType()).isEqualTo(Packets.ACK);
    assertThat(reply.get().destination())
        .isEqualTo(new InetSocketAddress(Packets.addr("10.0.0.10"), 68));
    assertThat(ack.getCiaddr().getHostAddress()).isEqualTo("10.0.0.10");
    assertThat(context.types()).containsExactly(LeaseEvent.Type.GRANTED, LeaseEvent.Type.RENEWED);
  }

  @Test
  void request_rebindingBroadcast_acksToCiaddr() {
    serve(dynamicNetwork());
    dora(driver, mac(7));
    DHCPPacket rebind = renew(mac(7), "10.0.0.100");
    rebind.setFlags((short) 0x8000);

    Optional<DhcpReply> reply = exchange(driver, rebind, Packets.CLIENT);

    assertThat(Packets.decode(reply.orElseThrow()).getDHCPMessageType()).isEqualTo(Packets.ACK);
    assertThat(reply.get().destination().getAddress().getHostAddress()).isEqualTo("10.0.0.100");
    assertThat(context.types()).endsWith(LeaseEvent.Type.RENEWED);
  }

  @Test
  void request_renewingUnknownClientStatic_isSilent() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(send(driver, renew(mac(9), "10.0.0.50"))).isEmpty();
  }

  @Test
  void request_renewingAfterPortIpChanged_naksThenDiscoverGetsNewAddress() {
    Port before = port(1, "10.0.0.10").build();
    NetworkSnapshot net = staticNetwork(before);
    serve(net);
    dora(driver, mac(1));
    Port after = port(1, "10.0.0.11").revision(2).build();
    driver.apply(staticNetwork(after), DhcpSettings.defaults(), new NetworkChange(
        List.of(new PortChange(Optional.of(before), Optional.of(after))), false, false, false))
        .toCompletableFuture().join();

    type(send(driver, renew(mac(1), "10.0.0.10")), Packets.NAK);

    assertThat(yiaddr(send(driver, discover(mac(1))).orElseThrow())).isEqualTo("10.0.0.11");
    assertThat(context.types()).contains(LeaseEvent.Type.RELEASED);
  }

  @Test
  void request_clientsRacingForOneAddress_onlyOneIsAcked() throws Exception {
    serve(dynamicNetwork());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<DHCPPacket>>> replies = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
          byte[] client = mac(100 + round * 8 + c);
          replies.add(pool.submit(() -> {
            go.await();
            return send(driver, select(client, "10.0.0.101", "10.0.0.1"));
          }));
        }
        go.countDown();
        int acks = 0;
        for (Future<Optional<DHCPPacket>> f : replies) {
          acks += f.get().filter(r -> r.getDHCPMessageType() == Packets.ACK).isPresent() ? 1 : 0;
        }
        assertThat(acks).as("round %d", round).isEqualTo(round == 0 ? 1 : 0);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(driver.leases("n1").toCompletableFuture().join()).hasSize(1);
  }

  @Test
  void request_withoutServerIdRequestedAddressOrCiaddr_isDroppedAsMalformed() {
    serve(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(send(driver, Packets.message(Packets.REQUEST, mac(1)))).isEmpty();
    assertThat(driver.stats().malformed()).isEqualTo(1);
  }
}
