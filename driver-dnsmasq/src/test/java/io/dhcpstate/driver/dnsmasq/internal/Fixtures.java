package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.driver.dnsmasq.CommandPrefix;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The networks, settings and driver configurations the renderer's golden files are made of. */
final class Fixtures {
  static final Path STATE = Path.of("/var/lib/dhcpstate");

  private Fixtures() {}

  static Config config() {
    return config(CommandPrefix.NONE, List.of(), 1 << 24, Optional.empty(), false, true,
        "nobody");
  }

  static Config config(CommandPrefix prefix, List<IpAddress> forwarders, int leaseCap,
      Optional<Path> extraConfig, boolean ping, boolean dns, String user) {
    return new Config("dnsmasq", Path.of("/usr/sbin/dnsmasq"), Path.of("/usr/bin/dhcp_release"),
        Path.of("/usr/bin/dhcp_release6"), STATE, id -> "tap-" + id, prefix, forwarders,
        leaseCap, extraConfig, ping, dns, Duration.ofMillis(50), Duration.ofSeconds(5), true,
        Duration.ofSeconds(1), Duration.ofSeconds(60), user,
        PosixFilePermissions.fromString("rwxr-xr-x"), PosixFilePermissions.fromString("rw-r--r--"));
  }

  static Network network(String id, Optional<String> domain, int mtu) {
    return new Network(id, "network " + id, true, mtu, domain, 1);
  }

  static ExtraDhcpOption v4(String name, String value) {
    return ExtraDhcpOption.of(name, value, IpVersion.V4);
  }

  static ExtraDhcpOption v6(String name, String value) {
    return ExtraDhcpOption.of(name, value, IpVersion.V6);
  }

  /**
   * Two DHCP subnets and one without DHCP; a DHCP port; ports with and without host names,
   * client ids, extra options (names, codes, iPXE conditions, server-ip-address), an admin-down
   * port and a port only on the non-DHCP subnet.
   */
  static NetworkSnapshot v4Static() {
    String n = "net-1";
    Subnet s1 = Subnet.builder("s1", n, "10.0.0.0/24").gateway("10.0.0.1").dns("10.0.0.2")
        .dns("8.8.8.8").route("192.168.0.0/16", "10.0.0.254").revision(1).build();
    Subnet s2 = Subnet.builder("s2", n, "10.0.1.0/24").dns("0.0.0.0").revision(1).build();
    Subnet s3 = Subnet.builder("s3", n, "10.0.2.0/24").gateway("10.0.2.1").enableDhcp(false)
        .revision(1).build();
    Port dhcp = Port.builder("dhcp-port", n, "fa:16:3e:00:00:02").deviceOwner(Port.DHCP_OWNER)
        .fixedIp("s1", "10.0.0.2").fixedIp("s2", "10.0.1.2").build();
    Port a = Port.builder("p-a", n, "fa:16:3e:00:00:0a").hostname("vm-a")
        .fixedIp("s1", "10.0.0.10").deviceOwner("compute:nova").build();
    Port b = Port.builder("p-b", n, "fa:16:3e:00:00:0b").fixedIp("s1", "10.0.0.11")
        .fixedIp("s2", "10.0.1.11")
        .option(v4("client-id", "01:FA:16:3E:00:00:0B"))
        .option(v4("tag:ipxe,bootfile-name", "http://10.0.0.2/boot.ipxe"))
        .option(v4("tag:!ipxe,67", "undionly.kpxe"))
        .option(v4("server-ip-address", "10.0.0.2"))
        .option(v4("150", "10.0.0.2"))
        .option(v4("mtu", "9000"))
        .option(v4("224", "opaque-value"))
        .option(v6("dns-server", "fd00::53")) // no IPv6 address: skipped
        .build();
    Port c = Port.builder("p-c", n, "fa:16:3e:00:00:0c").hostname("vm-c.other.example")
        .fixedIp("s1", "10.0.0.12").option(v4("61", "ff:00:00:00:0c")).build();
    Port down = Port.builder("p-down", n, "fa:16:3e:00:00:0d").adminStateUp(false)
        .fixedIp("s1", "10.0.0.13").build();
    Port off = Port.builder("p-off", n, "fa:16:3e:00:00:0e").fixedIp("s3", "10.0.2.10")
        .option(v4("ntp-server", "10.0.2.1")).build();
    return NetworkSnapshot.of(network(n, Optional.of("example.org"), 1450),
        List.of(s1, s2, s3), List.of(dhcp, a, b, c, down, off));
  }

  /** One-day leases, T1/T2, metadata via the DHCP port, global options (one overrides T1). */
  static DhcpSettings v4StaticSettings() {
    return new DhcpSettings(Optional.of(Duration.ofSeconds(86_400)),
        Optional.of(Duration.ofSeconds(43_200)), Optional.of(Duration.ofSeconds(75_600)),
        Optional.of("default.example"),
        List.of(v4("ntp-server", "10.0.0.5"), v4("T1", "40000"),
            v4("tag:ipxe,domain-search", "boot.example.org")),
        List.of(), MetadataRouteMode.VIA_DHCP_PORT);
  }

  /** A dynamic subnet with two pools, no domain at all. */
  static NetworkSnapshot v4Dynamic() {
    String n = "net-2";
    Subnet d1 = Subnet.builder("d1", n, "10.1.0.0/24").gateway("10.1.0.1")
        .addressMode(AddressMode.DYNAMIC).pool("10.1.0.100", "10.1.0.150")
        .pool("10.1.0.200", "10.1.0.220").revision(1).build();
    Port q1 = Port.builder("q1", n, "fa:16:3e:00:01:01").fixedIp("d1", "10.1.0.10").build();
    Port q2 = Port.builder("q2", n, "fa:16:3e:00:01:02").hostname("db")
        .fixedIp("d1", "10.1.0.11").build();
    return NetworkSnapshot.of(network(n, Optional.empty(), 1500), List.of(d1), List.of(q1, q2));
  }

  /** Infinite leases, metadata via the gateway, no domain anywhere. */
  static DhcpSettings v4DynamicSettings() {
    return new DhcpSettings(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), List.of(), MetadataRouteMode.VIA_GATEWAY);
  }

  /** Stateful, stateless, SLAAC and a /80 subnet. */
  static NetworkSnapshot v6() {
    String n = "net-3";
    Subnet a = Subnet.builder("a-stateful", n, "fd00:a::/64").gateway("fd00:a::1")
        .dns("fd00:a::53").dns("fd00:a::54").ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL).revision(1)
        .build();
    Subnet b = Subnet.builder("b-stateless", n, "fd00:b::/64").dns("::")
        .ipv6Mode(Ipv6Mode.DHCPV6_STATELESS).revision(1).build();
    Subnet c = Subnet.builder("c-slaac", n, "fd00:c::/64").dns("fd00:c::53")
        .ipv6Mode(Ipv6Mode.SLAAC).revision(1).build();
    Subnet d = Subnet.builder("d-long", n, "fd00:d::/80").ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL)
        .revision(1).build();
    Port r1 = Port.builder("r1", n, "fa:16:3e:00:03:01").hostname("six")
        .fixedIp("a-stateful", "fd00:a::10").fixedIp("b-stateless", "fd00:b::10")
        .fixedIp("c-slaac", "fd00:c::10").fixedIp("d-long", "fd00:d::10")
        .option(v6("tag:ipxe6,bootfile-url", "http://[fd00:a::2]/boot.ipxe"))
        .option(v6("dns-server", "fd00:a::99,fd00:a::98"))
        .option(v4("ntp-server", "10.9.9.9")) // no IPv4 address: skipped
        .build();
    Port r2 = Port.builder("r2", n, "fa:16:3e:00:03:02").fixedIp("b-stateless", "fd00:b::20")
        .build();
    Port r3 = Port.builder("r3", n, "fa:16:3e:00:03:03").fixedIp("b-stateless", "fd00:b::30")
        .option(v6("sntp-server", "fd00:b::123")).build();
    Port r4 = Port.builder("r4", n, "fa:16:3e:00:03:04").fixedIp("a-stateful", "fd00:a::40")
        .build();
    return NetworkSnapshot.of(network(n, Optional.of("v6.example"), 1500), List.of(a, b, c, d),
        List.of(r1, r2, r3, r4));
  }

  /** Global IPv6 options: one extra, one replacing the derived domain search. */
  static DhcpSettings v6Settings() {
    return new DhcpSettings(Optional.of(Duration.ofSeconds(3600)), Optional.empty(),
        Optional.empty(), Optional.of("fallback.example"), List.of(),
        List.of(v6("sntp-server", "fd00::123")), MetadataRouteMode.OFF);
  }

  /** An IPv4 and an IPv6 subnet; ports in both, and in one only with options for the other. */
  static NetworkSnapshot dual() {
    String n = "net-4";
    Subnet s4 = Subnet.builder("s4", n, "10.4.0.0/24").gateway("10.4.0.1").revision(1).build();
    Subnet s6 = Subnet.builder("s6", n, "fd00:4::/64").ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL)
        .revision(1).build();
    Port m1 = Port.builder("m1", n, "fa:16:3e:00:04:01").fixedIp("s4", "10.4.0.10")
        .fixedIp("s6", "fd00:4::10").option(v4("domain-name", "m1.example"))
        .option(v6("domain-search", "m1.example")).build();
    Port m2 = Port.builder("m2", n, "fa:16:3e:00:04:02").fixedIp("s6", "fd00:4::20")
        .option(v4("domain-name", "m2.example")).build();
    Port m3 = Port.builder("m3", n, "fa:16:3e:00:04:03").fixedIp("s4", "10.4.0.30")
        .option(v6("domain-search", "m3.example")).build();
    return NetworkSnapshot.of(network(n, Optional.of("dual.example."), 9000), List.of(s4, s6),
        List.of(m1, m2, m3));
  }

  /** Settings of the dual-stack network: defaults with a default domain. */
  static DhcpSettings dualSettings() {
    return new DhcpSettings(Optional.of(DhcpSettings.DEFAULT_LEASE_TIME), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), List.of(), MetadataRouteMode.OFF);
  }
}
