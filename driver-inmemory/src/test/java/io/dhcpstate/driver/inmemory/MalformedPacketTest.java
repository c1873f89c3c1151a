package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.discover;
import static io.dhcpstate.driver.inmemory.Packets.dora;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static io.dhcpstate.driver.inmemory.Packets.port;
import static io.dhcpstate.driver.inmemory.Packets.staticNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.Lease;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.testkit.FakeTime;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Packets a server must drop: each is counted as malformed and changes no lease. */
class MalformedPacketTest {
  private final FakeTime time = new FakeTime();
  private InMemoryDriver driver;
  private List<Lease> leasesBefore;

  @BeforeEach
  void start() {
    driver = InMemoryDriver.builder().clock(time).build();
    driver.enable(staticNetwork(port(1, "10.0.0.10").build(), port(2, "10.0.0.11").build()),
        DhcpSettings.defaults()).toCompletableFuture().join();
    dora(driver, mac(1));
    leasesBefore = leases();
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private List<Lease> leases() {
    return driver.leases("n1").toCompletableFuture().join();
  }

  private void assertDropped(byte[] packet) {
    long malformed = driver.stats().malformed();

    assertThat(driver.handle(ByteBuffer.wrap(packet), Packets.CLIENT)).isEmpty();

    assertThat(driver.stats().malformed()).isEqualTo(malformed + 1);
    assertThat(leases()).isEqualTo(leasesBefore);
  }

  /** A valid REQUEST (INIT-REBOOT) that would release nothing but renew port 2's lease. */
  private static byte[] valid() {
    return Packets.reboot(mac(2), "10.0.0.11").serialize();
  }

  @Test
  void handle_truncatedHeader_isDropped() {
    assertDropped(Arrays.copyOf(valid(), 200));
  }

  @Test
  void handle_optionsCutShort_isDropped() {
    byte[] p = valid();
    int end = p.length - 1;
    while (p[end] == 0) {
      end--;
    }
    assertDropped(Arrays.copyOf(p, end - 2)); // inside the last option, before END
  }

  @Test
  void handle_optionLengthPastTheEnd_isDropped() {
    byte[] p = Arrays.copyOf(valid(), 244);
    p[240] = 12;
    p[241] = (byte) 200;
    assertDropped(p);
  }

  @Test
  void handle_oversizedDatagram_isDropped() {
    byte[] p = Arrays.copyOf(valid(), 4097);
    assertDropped(p);
  }

  @Test
  void handle_bootReply_isDropped() {
    DHCPPacket p = Packets.reboot(mac(2), "10.0.0.11");
    p.setOp((byte) 2);
    assertDropped(p.serialize());
  }

  @Test
  void handle_nonEthernetHardware_isDropped() {
    DHCPPacket p = Packets.reboot(mac(2), "10.0.0.11");
    p.setHtype((byte) 6);
    assertDropped(p.serialize());
  }

  @Test
  void handle_hardwareLengthNotSix_isDropped() {
    DHCPPacket p = Packets.reboot(mac(2), "10.0.0.11");
    p.setHlen((byte) 16);
    assertDropped(p.serialize());
  }

  @Test
  void handle_noMagicCookie_isDropped() {
    byte[] p = valid();
    p[236] = 0;
    assertDropped(p);
  }

  @Test
  void handle_bootpWithoutMessageType_isDropped() {
    DHCPPacket p = Packets.reboot(mac(2), "10.0.0.11");
    p.removeOption((byte) 53);
    assertDropped(p.serialize());
  }

  @Test
  void handle_serverMessageTypeFromClient_isDropped() {
    assertDropped(Packets.message(Packets.ACK, mac(2)).serialize());
  }

  @Test
  void handle_unknownMessageType_isDropped() {
    DHCPPacket p = Packets.reboot(mac(2), "10.0.0.11");
    p.setOptionRaw((byte) 53, new byte[] {42});
    assertDropped(p.serialize());
  }

  @Test
  void handle_messageTypeOfTwoBytes_isDropped() {
    DHCPPacket p = Packets.reboot(mac(2), "10.0.0.11");
    p.setOptionRaw((byte) 53, new byte[] {3, 3});
    assertDropped(p.serialize());
  }

  @Test
  void handle_emptyDatagram_isDropped() {
    assertDropped(new byte[0]);
  }

  @Test
  void handle_releaseOfAnotherClientsLease_changesNothing() {
    driver.handle(ByteBuffer.wrap(Packets.release(mac(2), "10.0.0.10", "10.0.0.1").serialize()),
        Packets.CLIENT);

    assertThat(leases()).isEqualTo(leasesBefore);
  }

  @Test
  void handle_paddedBeyondCodecLimit_isStillAnswered() {
    byte[] padded = Arrays.copyOf(discover(mac(2)).serialize(), 3000);

    assertThat(driver.handle(ByteBuffer.wrap(padded), Packets.CLIENT)).isPresent();
    assertThat(driver.stats().malformed()).isZero();
  }

  @Test
  void handle_bufferWindow_isReadWithoutMovingIt() {
    byte[] message = discover(mac(2)).serialize();
    byte[] framed = new byte[message.length + 20];
    System.arraycopy(message, 0, framed, 10, message.length);
    ByteBuffer window = ByteBuffer.wrap(framed, 10, message.length);

    assertThat(driver.handle(window, Packets.CLIENT)).isPresent();
    assertThat(window.position()).isEqualTo(10);
    assertThat(window.remaining()).isEqualTo(message.length);
  }
}
