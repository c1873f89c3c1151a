package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.ip;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.testkit.FakeTime;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the packet handler ({@link InMemoryDriver#handle}) with Jazzer:
 * raw bytes, and structured mutations of valid requests. For every input: no exception escapes;
 * a reply, if any, is a well-formed BOOTREPLY of at most 1500 bytes; an input counted as
 * malformed leaves every lease as it was; and a valid request afterwards is still answered.
 * Each input starts from the same state: two networks (static and dynamic subnets, relayed
 * and direct), one lease held.
 *
 * <p>In the default {@code mvn verify} run Jazzer only replays the regression inputs kept in
 * {@code src/test/resources/io/dhcpstate/driver/inmemory/PacketHandlerFuzzTestInputs/<method>/}
 * (seeds: valid DISCOVERs, REQUESTs and the other message types; plus any input that once
 * failed). A fixed-budget campaign on one method (Jazzer fuzzes one test per run; new failing
 * inputs are written into that directory, the growing corpus into {@code .cifuzz-corpus/}):
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl driver-inmemory test -Dtest='PacketHandlerFuzzTest#rawPacket' \
 *     -Djazzer.max_duration=5m -Djazzer.instrumentation_includes='io.dhcpstate.**:org.dhcp4java.**'
 * </pre>
 *
 * <p>({@code -Djazzer.max_executions=N} bounds it by runs instead; use {@code #mutatedPacket}
 * for the structured fuzzer.)
 */
class PacketHandlerFuzzTest {
  private static final FakeTime TIME = new FakeTime();
  private static final InetSocketAddress RELAY =
      new InetSocketAddress(Packets.addr("10.2.0.1"), 67);
  private static final DhcpSettings SETTINGS = new DhcpSettings(Optional.of(Duration.ofHours(1)),
      Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofMinutes(50)),
      Optional.of("fuzz.example"), List.of(ExtraDhcpOption.of("ntp-server", "10.9.9.9")),
      List.of(), MetadataRouteMode.VIA_DHCP_PORT);
  private static final NetworkSnapshot N1 = network1();
  private static final NetworkSnapshot N2 = network2();
  private static InMemoryDriver driver;

  @BeforeAll
  static void start() {
    driver = InMemoryDriver.builder().clock(TIME).build();
  }

  @AfterAll
  static void stop() {
    driver.close();
  }

  /** n1: static 10.0.0.0/24 with three ports (one the DHCP port), dynamic 10.0.1.0/24. */
  private static NetworkSnapshot network1() {
    Subnet s1 = Packets.subnet().route("192.168.0.0/16", "10.0.0.254").build();
    Subnet s1b = Subnet.builder("s1b", "n1", "10.0.1.0/24").gateway("10.0.1.1")
        .addressMode(AddressMode.DYNAMIC).pool("10.0.1.100", "10.0.1.120").build();
    Port p1 = Packets.port(1, "10.0.0.10").hostname("web")
        .option(ExtraDhcpOption.of("tag:ipxe,bootfile-name", "http://boot/" + "x".repeat(140)))
        .option(ExtraDhcpOption.of("tag:!ipxe,bootfile-name", "undionly.kpxe"))
        .option(ExtraDhcpOption.of("server-ip-address", "10.0.0.5"))
        .option(ExtraDhcpOption.of("root-path", "r".repeat(250))).build();
    Port p2 = Packets.port(2, "10.0.0.11").build();
    Port dhcp = Packets.port(3, "10.0.0.3").deviceOwner(Port.DHCP_OWNER).build();
    return NetworkSnapshot.of(Network.of("n1"), List.of(s1, s1b), List.of(p1, p2, dhcp));
  }

  /** n2: dynamic 10.2.0.0/24, reached through the relay 10.2.0.1. */
  private static NetworkSnapshot network2() {
    Subnet s2 = Subnet.builder("s2", "n2", "10.2.0.0/24").gateway("10.2.0.1")
        .addressMode(AddressMode.DYNAMIC).pool("10.2.0.100", "10.2.0.200").build();
    return NetworkSnapshot.of(Network.of("n2"), List.of(s2), List.of());
  }

  @FuzzTest
  void rawPacket(byte[] data) {
    check(data, Packets.CLIENT);
  }

  @FuzzTest
  void mutatedPacket(FuzzedDataProvider in) {
    DHCPPacket p = template(in.consumeInt(0, 9));
    for (int n = in.consumeInt(0, 8); n > 0; n--) {
      mutate(p, in);
    }
    byte[] data;
    try {
      data = p.serialize();
    } catch (RuntimeException tooBigForTheCodec) {
      data = in.consumeRemainingAsBytes();
    }
    data = damage(data, in);
    check(data, in.consumeBoolean() ? RELAY : Packets.CLIENT);
  }

  private static DHCPPacket template(int which) {
    switch (which) {
      case 0:
        return Packets.discover(mac(1));
      case 1:
        return Packets.select(mac(1), "10.0.0.10", "10.0.0.3");
      case 2:
        return Packets.reboot(mac(2), "10.0.0.11");
      case 3:
        return Packets.renew(mac(1), "10.0.0.10");
      case 4:
        return Packets.release(mac(1), "10.0.0.10", "10.0.0.3");
      case 5:
        return Packets.decline(mac(1), "10.0.0.10", "10.0.0.3");
      case 6:
        return Packets.inform(mac(9), "10.0.1.50");
      case 7:
        return Packets.renew(mac(9), "10.0.1.101");
      default:
        DHCPPacket d = Packets.discover(mac(9));
        d.setGiaddrRaw(ip("10.2.0.1"));
        d.setOptionRaw((byte) 82, new byte[] {1, 2, 'p', '1', 5, 4, 10, 2, 0, 0});
        d.setOptionRaw((byte) 55, new byte[] {1, 3, 6, 15, 121, (byte) 249, 67, 17});
        return d;
    }
  }

  private static void mutate(DHCPPacket p, FuzzedDataProvider in) {
    switch (in.consumeInt(0, 7)) {
      case 0 -> p.setOp(in.consumeByte());
      case 1 -> p.setHtype(in.consumeByte());
      case 2 -> p.setCiaddrRaw(address(in));
      case 3 -> p.setGiaddrRaw(address(in));
      case 4 -> p.setChaddr(in.consumeBytes(16));
      case 5 -> p.removeOption(in.consumeByte());
      default -> {
        byte[] codes = {12, 50, 51, 53, 54, 55, 57, 61, 77, 82, 118, (byte) 175, in.consumeByte()};
        byte code = in.pickValue(codes);
        if (code != 0 && code != -1) {
          p.setOptionRaw(code, in.consumeBytes(in.consumeInt(0, 255)));
        }
      }
    }
  }

  private static byte[] address(FuzzedDataProvider in) {
    String[] interesting = {"0.0.0.0", "10.0.0.10", "10.0.0.11", "10.0.1.100", "10.2.0.1",
        "255.255.255.255"};
    return in.consumeBoolean() ? ip(in.pickValue(interesting)) : Arrays.copyOf(
        in.consumeBytes(4), 4);
  }

  /** Byte-level damage after encoding: truncation, flipped bytes, padding. */
  private static byte[] damage(byte[] data, FuzzedDataProvider in) {
    switch (in.consumeInt(0, 3)) {
      case 0:
        return Arrays.copyOf(data, in.consumeInt(0, data.length));
      case 1:
        byte[] d = data.clone();
        for (int n = in.consumeInt(1, 4); n > 0 && d.length > 0; n--) {
          d[in.consumeInt(0, d.length - 1)] = in.consumeByte();
        }
        return d;
      case 2:
        return Arrays.copyOf(data, in.consumeInt(data.length, 4200));
      default:
        return data;
    }
  }

  /** Runs one input from a fixed state and checks the handler's promises. */
  private static void check(byte[] data, InetSocketAddress from) {
    reset();
    Set<Lease> before = leases();
    long malformed = driver.stats().malformed();

    Optional<DhcpReply> reply = driver.handle(ByteBuffer.wrap(data), from);

    reply.ifPresent(r -> {
      assertThat(r.payload().length).isLessThanOrEqualTo(1500);
      DHCPPacket out = Packets.decode(r);
      assertThat(out.getOp()).isEqualTo((byte) 2);
      assertThat(out.getXid()).isEqualTo(ByteBuffer.wrap(data, 4, 4).getInt());
    });
    if (driver.stats().malformed() > malformed) {
      assertThat(reply).isEmpty();
      assertThat(leases()).as("leases after a malformed packet").isEqualTo(before);
    }
    DHCPPacket ack = Packets.send(driver, Packets.reboot(mac(2), "10.0.0.11")).orElseThrow();
    assertThat(ack.getDHCPMessageType()).isEqualTo(Packets.ACK);
    assertThat(Packets.yiaddr(ack)).isEqualTo("10.0.0.11");
  }

  /** Serves both networks afresh, with port 1 holding its lease. */
  private static void reset() {
    driver.disable("n1");
    driver.disable("n2");
    driver.enable(N1, SETTINGS);
    driver.enable(N2, SETTINGS);
    Packets.send(driver, Packets.select(mac(1), "10.0.0.10", "10.0.0.3")).orElseThrow();
  }

  private static Set<Lease> leases() {
    Set<Lease> all = new HashSet<>(driver.leases("n1").toCompletableFuture().join());
    all.addAll(driver.leases("n2").toCompletableFuture().join());
    return all;
  }
}
