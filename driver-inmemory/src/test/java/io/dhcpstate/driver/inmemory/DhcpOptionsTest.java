package io.dhcpstate.driver.inmemory;

import static io.dhcpstate.driver.inmemory.Packets.discover;
import static io.dhcpstate.driver.inmemory.Packets.dora;
import static io.dhcpstate.driver.inmemory.Packets.inet;
import static io.dhcpstate.driver.inmemory.Packets.ip;
import static io.dhcpstate.driver.inmemory.Packets.mac;
import static io.dhcpstate.driver.inmemory.Packets.port;
import static io.dhcpstate.driver.inmemory.Packets.send;
import static io.dhcpstate.driver.inmemory.Packets.staticNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.testkit.FakeTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What replies carry: derived, global and port options, their precedence and conditions. */
class DhcpOptionsTest {
  private final FakeTime time = new FakeTime();
  private InMemoryDriver driver = InMemoryDriver.builder().clock(time).build();

  @AfterEach
  void stop() {
    driver.close();
  }

  private DHCPPacket offer(NetworkSnapshot net, DhcpSettings settings, DHCPPacket discover) {
    driver.enable(net, settings).toCompletableFuture().join();
    return send(driver, discover).orElseThrow();
  }

  private DHCPPacket offer(NetworkSnapshot net) {
    return offer(net, DhcpSettings.defaults(), discover(mac(1)));
  }

  private static DhcpSettings settings(MetadataRouteMode metadata, ExtraDhcpOption... global) {
    return new DhcpSettings(Optional.of(Duration.ofHours(2)), Optional.of(Duration.ofHours(1)),
        Optional.of(Duration.ofMinutes(90)), Optional.of("example.org"), List.of(global),
        List.of(), metadata);
  }

  private static String text(DHCPPacket p, int code) {
    byte[] raw = p.getOptionRaw((byte) code);
    return raw == null ? null : new String(raw, StandardCharsets.US_ASCII);
  }

  private static int int32(DHCPPacket p, int code) {
    byte[] b = p.getOptionRaw((byte) code);
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
  }

  private static DHCPPacket asking(int... codes) {
    DHCPPacket p = discover(mac(1));
    byte[] prl = new byte[codes.length];
    for (int i = 0; i < codes.length; i++) {
      prl[i] = (byte) codes[i];
    }
    p.setOptionRaw((byte) 55, prl);
    return p;
  }

  @Test
  void offer_staticPort_carriesSubnetDerivedOptions() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(inet(o.getOptionRaw((byte) 1))).isEqualTo("255.255.255.0");
    assertThat(o.getOptionAsInetAddrs((byte) 3)[0].getHostAddress()).isEqualTo("10.0.0.1");
    assertThat(o.getOptionAsInetAddrs((byte) 6)[0].getHostAddress()).isEqualTo("10.0.0.2");
    assertThat(inet(o.getOptionRaw((byte) 28))).isEqualTo("10.0.0.255");
    assertThat(o.getOptionAsShort((byte) 26)).isEqualTo((short) 1500);
    assertThat(int32(o, 51)).isEqualTo(86_400);
    assertThat(o.getOptionRaw((byte) 58)).isNull();
    assertThat(o.getOptionRaw((byte) 121)).isNull();
  }

  @Test
  void offer_portWithHostname_sendsItsShortName() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").hostname("web.example.org").build()));

    assertThat(text(o, 12)).isEqualTo("web");
  }

  @Test
  void offer_portWithoutHostname_sendsDashedAddress() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(text(o, 12)).isEqualTo("host-10-0-0-10");
  }

  @Test
  void offer_networkDomain_beatsDefaultDomain() {
    Network n = new Network("n1", "", true, 1400, Optional.of("net.example"), 0);
    NetworkSnapshot net = NetworkSnapshot.of(n, List.of(Packets.subnet().build()),
        List.of(port(1, "10.0.0.10").build()));

    DHCPPacket o = offer(net, settings(MetadataRouteMode.OFF), discover(mac(1)));

    assertThat(text(o, 15)).isEqualTo("net.example");
    assertThat(o.getOptionAsShort((byte) 26)).isEqualTo((short) 1400);
  }

  @Test
  void offer_settings_giveLeaseTimeT1T2AndDefaultDomain() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()),
        settings(MetadataRouteMode.OFF), discover(mac(1)));

    assertThat(int32(o, 51)).isEqualTo(7200);
    assertThat(int32(o, 58)).isEqualTo(3600);
    assertThat(int32(o, 59)).isEqualTo(5400);
    assertThat(text(o, 15)).isEqualTo("example.org");
  }

  @Test
  void offer_networkWithDhcpPort_usesItsAddressAsServerId() {
    Port dhcp = port(2, "10.0.0.3").deviceOwner(Port.DHCP_OWNER).build();

    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build(), dhcp));

    assertThat(inet(o.getOptionRaw((byte) 54))).isEqualTo("10.0.0.3");
  }

  @Test
  void offer_builderServerAddress_isServerIdWithoutDhcpPort() {
    driver.close();
    driver = InMemoryDriver.builder().clock(time).serverAddress("10.0.0.250").build();

    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(inet(o.getOptionRaw((byte) 54))).isEqualTo("10.0.0.250");
  }

  @Test
  void offer_noDhcpPortNorServerAddress_usesGatewayAsServerId() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()));

    assertThat(inet(o.getOptionRaw((byte) 54))).isEqualTo("10.0.0.1");
  }

  @Test
  void offer_hostRoutes_sendClasslessRoutesWithDefaultRoute() {
    Subnet s = Packets.subnet().route("192.168.0.0/16", "10.0.0.254").build();
    NetworkSnapshot net = NetworkSnapshot.of(Network.of("n1"), List.of(s),
        List.of(port(1, "10.0.0.10").build()));

    DHCPPacket o = offer(net);

    byte[] expected = {16, (byte) 192, (byte) 168, 10, 0, 0, (byte) 254, 0, 10, 0, 0, 1};
    assertThat(o.getOptionRaw((byte) 121)).isEqualTo(expected);
    assertThat(o.getOptionRaw((byte) 249)).isEqualTo(expected);
  }

  @Test
  void offer_secondSubnetOnNetwork_addsOnLinkRoute() {
    Subnet other = Subnet.builder("s2", "n1", "10.1.0.0/24").build();
    NetworkSnapshot net = NetworkSnapshot.of(Network.of("n1"),
        List.of(Packets.subnet().build(), other), List.of(port(1, "10.0.0.10").build()));

    DHCPPacket o = offer(net);

    assertThat(o.getOptionRaw((byte) 121)).isEqualTo(
        new byte[] {24, 10, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1});
  }

  @Test
  void offer_metadataViaGateway_addsMetadataAndDefaultRoutes() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()),
        settings(MetadataRouteMode.VIA_GATEWAY), discover(mac(1)));

    assertThat(o.getOptionRaw((byte) 121)).isEqualTo(new byte[] {
        32, (byte) 169, (byte) 254, (byte) 169, (byte) 254, 10, 0, 0, 1, 0, 10, 0, 0, 1});
  }

  @Test
  void offer_metadataViaDhcpPort_routesThroughIt() {
    Port dhcp = port(2, "10.0.0.3").deviceOwner(Port.DHCP_OWNER).build();

    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build(), dhcp),
        settings(MetadataRouteMode.VIA_DHCP_PORT), discover(mac(1)));

    assertThat(Arrays.copyOfRange(o.getOptionRaw((byte) 121), 0, 9)).isEqualTo(new byte[] {
        32, (byte) 169, (byte) 254, (byte) 169, (byte) 254, 10, 0, 0, 3});
  }

  @Test
  void offer_parameterRequestList_limitsOptionalOptionsButAlwaysSendsMtu() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()),
        DhcpSettings.defaults(), asking(1, 3));

    assertThat(o.getOptionRaw((byte) 3)).isNotNull();
    assertThat(o.getOptionRaw((byte) 6)).isNull();
    assertThat(o.getOptionRaw((byte) 12)).isNull();
    assertThat(o.getOptionRaw((byte) 28)).isNull();
    assertThat(o.getOptionRaw((byte) 26)).isNotNull();
    assertThat(o.getOptionRaw((byte) 51)).isNotNull();
    assertThat(o.getOptionRaw((byte) 54)).isNotNull();
  }

  @Test
  void offer_parameterRequestList_ordersRequestedOptions() {
    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()),
        DhcpSettings.defaults(), asking(6, 3, 12));

    List<Byte> codes = o.getOptionsCollection().stream().map(x -> x.getCode()).toList();
    assertThat(codes).containsSubsequence((byte) 6, (byte) 3, (byte) 12);
  }

  @Test
  void offer_globalOption_beatsDerivedAndPortOptionBeatsGlobal() {
    ExtraDhcpOption globalDomain = ExtraDhcpOption.of("domain-name", "global.example");
    ExtraDhcpOption globalNtp = ExtraDhcpOption.of("ntp-server", "10.9.9.9");
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("ntp-server", "10.8.8.8"),
        ExtraDhcpOption.of("router", "10.0.0.254"));

    DHCPPacket o = offer(staticNetwork(p), settings(MetadataRouteMode.OFF, globalDomain,
        globalNtp), discover(mac(1)));

    assertThat(text(o, 15)).isEqualTo("global.example");
    assertThat(o.getOptionAsInetAddrs((byte) 42)[0].getHostAddress()).isEqualTo("10.8.8.8");
    assertThat(o.getOptionAsInetAddrs((byte) 3)[0].getHostAddress()).isEqualTo("10.0.0.254");
  }

  @Test
  void offer_ipxeClientByOption175_getsIpxeBootFile() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("tag:!ipxe,bootfile-name", "undionly.kpxe"),
        ExtraDhcpOption.of("tag:ipxe,bootfile-name", "http://boot/boot.ipxe"));
    DHCPPacket ipxe = discover(mac(1));
    ipxe.setOptionRaw((byte) 175, new byte[] {1, 1, 1});

    DHCPPacket o = offer(staticNetwork(p), DhcpSettings.defaults(), ipxe);

    assertThat(text(o, 67)).isEqualTo("http://boot/boot.ipxe");
    assertThat(o.getFile()).isEqualTo("http://boot/boot.ipxe");
  }

  @Test
  void offer_ipxeClientByUserClass_getsIpxeBootFile() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("tag:ipxe,bootfile-name", "boot.ipxe"));
    DHCPPacket ipxe = discover(mac(1));
    ipxe.setOptionRaw((byte) 77, "iPXE".getBytes(StandardCharsets.US_ASCII));

    assertThat(text(offer(staticNetwork(p), DhcpSettings.defaults(), ipxe), 67))
        .isEqualTo("boot.ipxe");
  }

  @Test
  void offer_plainPxeClient_getsNonIpxeBootFile() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("tag:ipxe,bootfile-name", "boot.ipxe"),
        ExtraDhcpOption.of("tag:!ipxe,bootfile-name", "undionly.kpxe"));

    assertThat(text(offer(staticNetwork(p)), 67)).isEqualTo("undionly.kpxe");
  }

  @Test
  void offer_conditionalOptionListedBeforeUnconditional_stillWinsForIpxe() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("tag:ipxe,bootfile-name", "boot.ipxe"),
        ExtraDhcpOption.of("bootfile-name", "pxelinux.0"));
    DHCPPacket ipxe = discover(mac(1));
    ipxe.setOptionRaw((byte) 175, new byte[] {1, 1, 1});

    assertThat(text(offer(staticNetwork(p), DhcpSettings.defaults(), ipxe), 67))
        .isEqualTo("boot.ipxe");
  }

  @Test
  void offer_serverIpAddressOption_setsSiaddr() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("server-ip-address", "10.0.0.5"));

    DHCPPacket o = offer(staticNetwork(p));

    assertThat(o.getSiaddr().getHostAddress()).isEqualTo("10.0.0.5");
    assertThat(o.getOptionRaw((byte) 255)).isNull();
  }

  @Test
  void ack_bootFileLongerThanFileField_isSentAsOptionOnly() {
    String longUrl = "http://boot.example/" + "x".repeat(150);
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("bootfile-name", longUrl));
    driver.enable(staticNetwork(p), DhcpSettings.defaults()).toCompletableFuture().join();

    DHCPPacket ack = dora(driver, mac(1));

    assertThat(ack.getDHCPMessageType()).isEqualTo(Packets.ACK);
    assertThat(text(ack, 67)).isEqualTo(longUrl);
    assertThat(ack.getFile()).isEmpty();
  }

  @Test
  void offer_optionsBeyond576Octets_areCutToFitKeepingEssentials() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("root-path", "r".repeat(250)),
        ExtraDhcpOption.of("merit-dump", "m".repeat(250)),
        ExtraDhcpOption.of("extension-path", "e".repeat(250)));

    DhcpReply reply = Packets.exchange(driverServing(staticNetwork(p)), discover(mac(1)))
        .orElseThrow();

    assertThat(reply.payload().length).isLessThanOrEqualTo(548);
    DHCPPacket o = Packets.decode(reply);
    assertThat(o.getOptionRaw((byte) 54)).isNotNull();
    assertThat(o.getOptionRaw((byte) 51)).isNotNull();
    assertThat(o.getOptionRaw((byte) 1)).isNotNull();
  }

  @Test
  void offer_largeMaxMessageSize_letsBigRepliesThrough() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("root-path", "r".repeat(250)),
        ExtraDhcpOption.of("merit-dump", "m".repeat(250)),
        ExtraDhcpOption.of("extension-path", "e".repeat(250)));
    DHCPPacket d = discover(mac(1));
    d.setOptionRaw((byte) 57, new byte[] {0x05, (byte) 0xdc});

    DhcpReply reply = Packets.exchange(driverServing(staticNetwork(p)), d).orElseThrow();

    assertThat(reply.payload().length).isGreaterThan(1000).isLessThanOrEqualTo(1472);
    assertThat(text(Packets.decode(reply), 18)).hasSize(250);
  }

  @Test
  void offer_clientIdentifier_isEchoed() {
    DHCPPacket d = discover(mac(1));
    d.setOptionRaw((byte) 61, new byte[] {1, (byte) 0xfa, 0x16, 0x3e, 0, 0, 1});

    DHCPPacket o = offer(staticNetwork(port(1, "10.0.0.10").build()), DhcpSettings.defaults(), d);

    assertThat(o.getOptionRaw((byte) 61)).isEqualTo(d.getOptionRaw((byte) 61));
  }

  @Test
  void ack_portLeaseTimeOption_setsTheLeaseExpiry() {
    Port p = port(1, "10.0.0.10", ExtraDhcpOption.of("lease-time", "600"));
    driver.enable(staticNetwork(p), DhcpSettings.defaults()).toCompletableFuture().join();

    DHCPPacket ack = dora(driver, mac(1));

    assertThat(int32(ack, 51)).isEqualTo(600);
    assertThat(driver.lease("n1", MacAddress.parse(Packets.macText(1))).orElseThrow().expiresAt())
        .contains(time.instant().plusSeconds(600));
  }

  private InMemoryDriver driverServing(NetworkSnapshot net) {
    driver.enable(net, DhcpSettings.defaults()).toCompletableFuture().join();
    return driver;
  }
}
