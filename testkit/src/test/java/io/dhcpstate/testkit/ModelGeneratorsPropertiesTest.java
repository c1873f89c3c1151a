package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.dhcpstate.model.AllocationPool;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.HostRoute;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.NetworkValidator;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.options.DhcpOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property (a): every valid value {@link ModelGenerators} makes is accepted, survives a copy
 * (each record rebuilt from its components, each value reparsed from its text) unchanged, and
 * every generated snapshot passes {@link NetworkValidator}.
 */
class ModelGeneratorsPropertiesTest {
  private static final int EXAMPLES = 300;

  @Test
  void macs_reparsed_equalAndAcceptedByPort() {
    qt().withExamples(EXAMPLES).forAll(ModelGenerators.macs()).checkAssert(mac -> {
      assertThat(MacAddress.parse(mac.toString())).isEqualTo(mac);
      assertThat(MacAddress.parse(mac.toString().toUpperCase(Locale.ROOT).replace(':', '-')))
          .isEqualTo(mac);
      assertThat(MacAddress.of(mac.bits())).isEqualTo(mac);
      assertThat(Port.builder("p1", "n1", mac.toString()).build().mac()).isEqualTo(mac);
    });
  }

  @Test
  void addresses_reparsed_equal() {
    qt().withExamples(EXAMPLES * 3).forAll(ModelGenerators.ipAddresses()).checkAssert(ip -> {
      assertThat(IpAddress.parse(ip.toString())).isEqualTo(ip);
      assertThat(IpAddress.ofBytes(ip.toBytes())).isEqualTo(ip);
    });
  }

  @Test
  void prefixes_reparsedAndRebuilt_equal() {
    Gen<IpPrefix> prefixes = ModelGenerators.prefixes(IpVersion.V4)
        .mix(ModelGenerators.prefixes(IpVersion.V6));
    qt().withExamples(EXAMPLES).forAll(prefixes).checkAssert(p -> {
      assertThat(IpPrefix.parse(p.toString())).isEqualTo(p);
      assertThat(new IpPrefix(p.address(), p.prefixLength())).isEqualTo(p);
      assertThat(p.contains(p.address())).isTrue();
      assertThat(p.contains(p.lastAddress())).isTrue();
    });
  }

  @Test
  void namesAndTokens_everyField_accepted() {
    qt().withExamples(EXAMPLES)
        .forAll(ModelGenerators.ids(), ModelGenerators.hostnames(), ModelGenerators.dnsDomains(),
            ModelGenerators.deviceOwners())
        .checkAssert((id, host, domain, owner) -> {
          Network n = new Network(id, "", true, 1500, Optional.of(domain), 0);
          assertThat(n.id()).isEqualTo(id);
          assertThat(n.dnsDomain()).contains(domain);
          Port p = Port.builder(id, id, "fa:16:3e:00:00:01").fixedIp(id, "10.0.0.1")
              .hostname(host).deviceOwner(owner).build();
          assertThat(p.hostname()).contains(host);
          assertThat(p.deviceOwner()).isEqualTo(owner);
          assertThat(Subnet.builder(id, id, "10.0.0.0/24").build().id()).isEqualTo(id);
        });
  }

  @Test
  void networks_rebuiltFromComponents_equal() {
    qt().withExamples(EXAMPLES).forAll(ModelGenerators.networks()).checkAssert(n ->
        assertThat(new Network(n.id(), n.name(), n.adminStateUp(), n.mtu(), n.dnsDomain(),
            n.revision())).isEqualTo(n));
  }

  @Test
  void subnets_rebuiltFromComponents_equal() {
    qt().withExamples(EXAMPLES).forAll(ModelGenerators.subnets())
        .checkAssert(ModelGeneratorsPropertiesTest::assertSubnetCopies);
  }

  @Test
  void ports_rebuiltFromComponents_equal() {
    qt().withExamples(EXAMPLES).forAll(ModelGenerators.ports())
        .checkAssert(ModelGeneratorsPropertiesTest::assertPortCopies);
  }

  @Test
  void extraOptions_rebuiltAndReparsed_equal() {
    qt().withExamples(EXAMPLES * 2)
        .forAll(ModelGenerators.extraDhcpOptions(IpVersion.V4)
            .mix(ModelGenerators.extraDhcpOptions(IpVersion.V6)))
        .checkAssert(ModelGeneratorsPropertiesTest::assertOptionCopies);
  }

  @Test
  void optionValues_everySettableOption_acceptedAndCanonicalIsFixedPoint() {
    List<DhcpOption> options = new ArrayList<>(Options.settableOptions(IpVersion.V4));
    options.addAll(Options.settableOptions(IpVersion.V6));
    Gen<OptionValue> values = rs -> {
      DhcpOption o = Draws.pick(rs, options);
      return new OptionValue(o, ModelGenerators.optionValues(o).generate(rs));
    };
    qt().withExamples(EXAMPLES * 3).forAll(values)
        .describedAs(ov -> ov.option() + " = " + InjectionCorpus.escape(ov.value()))
        .checkAssert(ov -> {
          String canonical = ov.option().normalize(ov.value());
          assertThat(ov.option().normalize(canonical)).isEqualTo(canonical);
          assertOptionCopies(ExtraDhcpOption.of(ov.option(), ov.value()));
        });
  }

  private record OptionValue(DhcpOption option, String value) {}

  @Test
  void leases_rebuiltFromComponents_equal() {
    qt().withExamples(EXAMPLES).forAll(ModelGenerators.leases()).checkAssert(l ->
        assertThat(new Lease(l.networkId(), l.mac(), l.ip(), l.clientId(), l.hostname(),
            l.expiresAt(), l.state())).isEqualTo(l));
  }

  @Test
  void snapshots_small_validAndCopiedUnchanged() {
    qt().withExamples(200).forAll(ModelGenerators.snapshots(4, 30))
        .checkAssert(ModelGeneratorsPropertiesTest::assertSnapshotCopies);
  }

  @Test
  void snapshots_thousandPorts_validAndCopiedUnchanged() {
    qt().withExamples(10).forAll(ModelGenerators.snapshots(SnapshotShape.exactly(8, 1000)))
        .checkAssert(ModelGeneratorsPropertiesTest::assertSnapshotCopies);
  }

  static void assertSnapshotCopies(NetworkSnapshot s) {
    List<Subnet> subnets = List.copyOf(s.subnets());
    List<Port> ports = List.copyOf(s.ports());
    assertThat(NetworkValidator.violations(s.network(), subnets, ports)).isEmpty();
    NetworkSnapshot copy = NetworkSnapshot.of(s.network(), subnets, ports);
    assertThat(copy.network()).isEqualTo(s.network());
    assertThat(copy.subnets()).containsExactlyElementsOf(s.subnets());
    assertThat(new HashSet<>(copy.ports())).isEqualTo(new HashSet<>(ports));
    assertThat(new Network(s.network().id(), s.network().name(), s.network().adminStateUp(),
        s.network().mtu(), s.network().dnsDomain(), s.network().revision()))
        .isEqualTo(s.network());
    for (Subnet subnet : subnets) {
      assertThat(subnet.networkId()).isEqualTo(s.network().id());
      assertSubnetCopies(subnet);
    }
    for (Port p : ports) {
      assertThat(p.networkId()).isEqualTo(s.network().id());
      assertThat(copy.portByMac(p.mac())).contains(p);
      for (FixedIp f : p.fixedIps()) {
        assertThat(s.subnet(f.subnetId()).orElseThrow().cidr().contains(f.ip())).isTrue();
        assertThat(copy.portByIp(f.ip())).contains(p);
      }
      assertPortCopies(p);
    }
  }

  static void assertSubnetCopies(Subnet s) {
    List<HostRoute> routes = new ArrayList<>();
    for (HostRoute r : s.hostRoutes()) {
      HostRoute copy = HostRoute.of(r.destination().toString(), r.nexthop().toString());
      assertThat(copy).isEqualTo(r);
      routes.add(new HostRoute(r.destination(), r.nexthop()));
    }
    List<AllocationPool> pools = new ArrayList<>();
    for (AllocationPool p : s.allocationPools()) {
      assertThat(s.cidr().contains(p.start()) && s.cidr().contains(p.end())).isTrue();
      pools.add(AllocationPool.of(p.start().toString(), p.end().toString()));
    }
    for (int i = 0; i < pools.size(); i++) {
      for (int k = 0; k < i; k++) {
        assertThat(pools.get(i).overlaps(pools.get(k))).isFalse();
      }
    }
    Subnet copy = new Subnet(s.id(), s.networkId(), IpPrefix.parse(s.cidr().toString()),
        s.enableDhcp(), s.gatewayIp(), new ArrayList<>(s.dnsNameservers()), routes, pools,
        s.ipv6AddressMode(), s.ipv6RaMode(), s.addressMode(), s.revision());
    assertThat(copy).isEqualTo(s);
    assertThat(s.withRevision(s.revision())).isEqualTo(s);
  }

  static void assertPortCopies(Port p) {
    List<FixedIp> ips = new ArrayList<>();
    for (FixedIp f : p.fixedIps()) {
      assertThat(FixedIp.of(f.subnetId(), f.ip().toString())).isEqualTo(f);
      ips.add(new FixedIp(f.subnetId(), f.ip()));
    }
    List<ExtraDhcpOption> options = new ArrayList<>();
    for (ExtraDhcpOption o : p.extraDhcpOptions()) {
      assertOptionCopies(o);
      options.add(new ExtraDhcpOption(o.option(), o.value(), o.ipVersion(), o.condition()));
    }
    Port copy = new Port(p.id(), p.networkId(), MacAddress.parse(p.mac().toString()), ips,
        p.deviceOwner(), p.adminStateUp(), p.hostname(), options, p.revision());
    assertThat(copy).isEqualTo(p);
  }

  static void assertOptionCopies(ExtraDhcpOption o) {
    assertThat(new ExtraDhcpOption(o.option(), o.value(), o.ipVersion(), o.condition()))
        .isEqualTo(o);
    assertThat(ExtraDhcpOption.of(o.name(), o.value(), o.ipVersion())).isEqualTo(o);
    assertThat(o.option().normalize(o.value())).isEqualTo(o.value());
  }
}
