package io.dhcpstate.driver.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.Test;

class InMemoryDriverSmokeTest {

  private static DHCPPacket request(byte type, byte[] mac) {
    DHCPPacket p = new DHCPPacket();
    p.setOp((byte) 1);
    p.setHtype((byte) 1);
    p.setHlen((byte) 6);
    p.setXid(42);
    p.setChaddr(mac);
    p.setDhcp(true);
    p.setDHCPMessageType(type);
    return p;
  }

  @Test
  void dora_knownPortInStaticSubnet_getsFixedIpWithOptions() throws Exception {
    NetworkSnapshot net = NetworkSnapshot.of(Network.of("n1"),
        List.of(Subnet.builder("s1", "n1", "10.0.0.0/24").gateway("10.0.0.1").dns("10.0.0.2")
            .build()),
        List.of(Port.builder("p1", "n1", "fa:16:3e:00:00:01").fixedIp("s1", "10.0.0.10")
            .hostname("web").build()));
    try (InMemoryDriver driver = InMemoryDriver.builder().build()) {
      driver.enable(net, DhcpSettings.defaults()).toCompletableFuture().join();
      byte[] mac = {(byte) 0xfa, 0x16, 0x3e, 0, 0, 1};
      InetSocketAddress from = new InetSocketAddress(InetAddress.getLoopbackAddress(), 68);

      Optional<DhcpReply> offer = driver.handle(
          ByteBuffer.wrap(request((byte) 1, mac).serialize()), from);
      assertThat(offer).isPresent();
      DHCPPacket o = DHCPPacket.getPacket(offer.get().payload(), 0, offer.get().payload().length,
          true);
      assertThat(o.getDHCPMessageType()).isEqualTo((byte) 2);
      assertThat(o.getYiaddr().getHostAddress()).isEqualTo("10.0.0.10");
      assertThat(o.getOptionAsInetAddrs((byte) 3)[0].getHostAddress()).isEqualTo("10.0.0.1");

      DHCPPacket req = request((byte) 3, mac);
      req.setOptionRaw((byte) 50, o.getYiaddrRaw());
      req.setOptionRaw((byte) 54, o.getOptionRaw((byte) 54));
      Optional<DhcpReply> ack = driver.handle(ByteBuffer.wrap(req.serialize()), from);
      DHCPPacket a = DHCPPacket.getPacket(ack.get().payload(), 0, ack.get().payload().length,
          true);
      assertThat(a.getDHCPMessageType()).isEqualTo((byte) 5);
      assertThat(driver.leases("n1").toCompletableFuture().join()).hasSize(1);
      assertThat(driver.stats().acks()).isEqualTo(1);

      byte[] unknown = {(byte) 0xfa, 0x16, 0x3e, 0, 0, 9};
      assertThat(driver.handle(ByteBuffer.wrap(request((byte) 1, unknown).serialize()), from))
          .isEmpty();
      assertThat(driver.handle(ByteBuffer.wrap(new byte[] {1, 2, 3}), from)).isEmpty();
      assertThat(driver.stats().malformed()).isEqualTo(1);
    }
  }
}
