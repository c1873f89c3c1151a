package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static Subnet subnet(String cidr, List<IpAddress> dns, List<HostRoute> routes,
      List<AllocationPool> pools) {
    return new Subnet("s1", "n1", IpPrefix.parse(cidr), true, Optional.empty(), dns, routes, pools,
        Optional.empty(), Optional.empty(), AddressMode.DYNAMIC, 0);
  }

  private static Subnet v6(Optional<Ipv6Mode> addressMode, Optional<Ipv6Mode> raMode) {
    return new Subnet("s6", "n1", IpPrefix.parse("2001:db8::/64"), true, Optional.empty(),
        List.of(), List.of(), List.of(), addressMode, raMode, AddressMode.STATIC, 0);
  }

  /** Asserts the call is rejected for the field, with a message naming the id and field. */
  private static Violation rejected(ThrowingCallable call, String id, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    Violation v = e.violation();
    assertThat(v.resource()).isEqualTo("subnet");
    assertThat(v.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains("subnet").contains(field);
    if (id != null) {
      assertThat(e.getMessage()).contains("'" + id + "'");
    }
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return v;
  }

  @Test
  void builder_minimal_defaults() {
    Subnet s = Subnet.builder("s1", "n1", "10.0.0.0/24").build();

    assertThat(s.id()).isEqualTo("s1");
    assertThat(s.networkId()).isEqualTo("n1");
    assertThat(s.cidr()).isEqualTo(IpPrefix.parse("10.0.0.0/24"));
    assertThat(s.ipVersion()).isEqualTo(IpVersion.V4);
    assertThat(s.enableDhcp()).isTrue();
    assertThat(s.gatewayIp()).isEmpty();
    assertThat(s.dnsNameservers()).isEmpty();
    assertThat(s.hostRoutes()).isEmpty();
    assertThat(s.allocationPools()).isEmpty();
    assertThat(s.ipv6AddressMode()).isEmpty();
    assertThat(s.ipv6RaMode()).isEmpty();
    assertThat(s.addressMode()).isEqualTo(AddressMode.STATIC);
    assertThat(s.revision()).isZero();
  }

  @Test
  void builder_allFields_kept() {
    Subnet s = Subnet.builder("s1", "n1", "10.0.0.0/24")
        .enableDhcp(false)
        .gateway("10.0.0.1")
        .dns("10.0.0.2")
        .dns("8.8.8.8")
        .route("192.168.0.0/16", "10.0.0.254")
        .pool("10.0.0.10", "10.0.0.99")
        .pool("10.0.0.100", "10.0.0.200")
        .addressMode(AddressMode.DYNAMIC)
        .revision(12)
        .build();

    assertThat(s.enableDhcp()).isFalse();
    assertThat(s.gatewayIp()).contains(ip("10.0.0.1"));
    assertThat(s.dnsNameservers()).containsExactly(ip("10.0.0.2"), ip("8.8.8.8"));
    assertThat(s.hostRoutes()).containsExactly(HostRoute.of("192.168.0.0/16", "10.0.0.254"));
    assertThat(s.allocationPools()).containsExactly(AllocationPool.of("10.0.0.10", "10.0.0.99"),
        AllocationPool.of("10.0.0.100", "10.0.0.200"));
    assertThat(s.addressMode()).isEqualTo(AddressMode.DYNAMIC);
    assertThat(s.revision()).isEqualTo(12);
  }

  @Test
  void builder_ipv6WithMode_bothModesSet() {
    Subnet s = Subnet.builder("s6", "n1", "2001:db8::/64")
        .ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL).gateway("2001:db8::1").dns("2001:db8::53").build();

    assertThat(s.ipVersion()).isEqualTo(IpVersion.V6);
    assertThat(s.ipv6AddressMode()).contains(Ipv6Mode.DHCPV6_STATEFUL);
    assertThat(s.ipv6RaMode()).contains(Ipv6Mode.DHCPV6_STATEFUL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-x", "a b", "a/b", "s\n1", "ß"})
  void constructor_invalidId_rejectedOnId(String id) {
    rejected(() -> Subnet.builder(id, "n1", "10.0.0.0/24").build(), null, "id");
  }

  @Test
  void constructor_invalidNetworkId_rejectedNamingSubnet() {
    rejected(() -> Subnet.builder("s1", "..", "10.0.0.0/24").build(), "s1", "networkId");
    rejected(() -> Subnet.builder("s1", null, "10.0.0.0/24").build(), "s1", "networkId");
  }

  @Test
  void builder_cidrWithHostBits_rejectedOnCidr() {
    Violation v = rejected(() -> Subnet.builder("s1", "n1", "10.0.0.1/24"), "s1", "cidr");

    assertThat(v.reason()).contains("10.0.0.0/24");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "bogus", "10.0.0.0/24\u0000"})
  void builder_malformedCidr_rejectedOnCidr(String cidr) {
    rejected(() -> Subnet.builder("s1", "n1", cidr), "s1", "cidr");
  }

  @Test
  void constructor_nullCidr_rejected() {
    rejected(() -> new Subnet("s1", "n1", null, true, Optional.empty(), List.of(), List.of(),
        List.of(), Optional.empty(), Optional.empty(), AddressMode.STATIC, 0), "s1", "cidr");
  }

  @Test
  void constructor_gatewayOfOtherVersion_rejected() {
    rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24").gateway("2001:db8::1").build(),
        "s1", "gatewayIp");
    rejected(() -> Subnet.builder("s6", "n1", "2001:db8::/64").gateway("10.0.0.1").build(),
        "s6", "gatewayIp");
  }

  @Test
  void constructor_gatewayOutsideSubnet_accepted() {
    assertThat(Subnet.builder("s1", "n1", "10.0.0.0/24").gateway("192.168.1.1").build()
        .gatewayIp()).contains(ip("192.168.1.1"));
  }

  @Test
  void builder_malformedGateway_rejectedOnGateway() {
    rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24").gateway("10.0.0.01"),
        "s1", "gatewayIp");
  }

  @Test
  void constructor_nullGatewayOptional_rejected() {
    rejected(() -> new Subnet("s1", "n1", IpPrefix.parse("10.0.0.0/24"), true, null, List.of(),
        List.of(), List.of(), Optional.empty(), Optional.empty(), AddressMode.STATIC, 0),
        "s1", "gatewayIp");
  }

  @Test
  void constructor_dnsOfOtherVersion_rejectedWithIndex() {
    rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24").dns("10.0.0.2").dns("::1").build(),
        "s1", "dnsNameservers[1]");
  }

  @Test
  void constructor_duplicateDns_rejectedWithIndex() {
    Violation v = rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24")
        .dns("10.0.0.2").dns("10.0.0.3").dns("10.0.0.2").build(), "s1", "dnsNameservers[2]");

    assertThat(v.value()).isEqualTo("10.0.0.2");
  }

  @Test
  void constructor_dnsLimit_32Accepted33Rejected() {
    List<IpAddress> dns = new ArrayList<>();
    for (int i = 1; i <= 32; i++) {
      dns.add(ip("10.0.1." + i));
    }
    assertThat(subnet("10.0.0.0/16", dns, List.of(), List.of()).dnsNameservers()).hasSize(32);

    dns.add(ip("10.0.1.33"));
    rejected(() -> subnet("10.0.0.0/16", dns, List.of(), List.of()), "s1", "dnsNameservers");
  }

  @Test
  void constructor_nullDnsEntry_rejectedWithIndex() {
    rejected(() -> subnet("10.0.0.0/24", Arrays.asList(ip("10.0.0.2"), null), List.of(),
        List.of()), "s1", "dnsNameservers[1]");
  }

  @Test
  void constructor_nullLists_rejected() {
    rejected(() -> subnet("10.0.0.0/24", null, List.of(), List.of()), "s1", "dnsNameservers");
    rejected(() -> subnet("10.0.0.0/24", List.of(), null, List.of()), "s1", "hostRoutes");
    rejected(() -> subnet("10.0.0.0/24", List.of(), List.of(), null), "s1", "allocationPools");
  }

  @Test
  void constructor_mutableInputLists_copiedImmutable() {
    List<IpAddress> dns = new ArrayList<>(List.of(ip("10.0.0.2")));
    List<HostRoute> routes = new ArrayList<>(List.of(HostRoute.of("10.1.0.0/16", "10.0.0.1")));
    List<AllocationPool> pools =
        new ArrayList<>(List.of(AllocationPool.of("10.0.0.10", "10.0.0.20")));

    Subnet s = subnet("10.0.0.0/24", dns, routes, pools);
    dns.clear();
    routes.clear();
    pools.clear();

    assertThat(s.dnsNameservers()).hasSize(1);
    assertThat(s.hostRoutes()).hasSize(1);
    assertThat(s.allocationPools()).hasSize(1);
    assertThatThrownBy(() -> s.dnsNameservers().add(ip("10.0.0.3")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.allocationPools().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructor_routeNexthopOfOtherVersion_rejectedWithIndex() {
    List<HostRoute> routes = List.of(HostRoute.of("10.1.0.0/16", "10.0.0.1"),
        HostRoute.of("2001:db8:1::/48", "2001:db8::1"));

    rejected(() -> subnet("10.0.0.0/24", List.of(), routes, List.of()), "s1",
        "hostRoutes[1].nexthop");
  }

  @Test
  void constructor_duplicateRouteDestination_rejectedWithIndex() {
    List<HostRoute> routes = List.of(HostRoute.of("10.1.0.0/16", "10.0.0.1"),
        HostRoute.of("10.2.0.0/16", "10.0.0.1"), HostRoute.of("10.1.0.0/16", "10.0.0.2"));

    rejected(() -> subnet("10.0.0.0/24", List.of(), routes, List.of()), "s1",
        "hostRoutes[2].destination");
  }

  @Test
  void constructor_routeLimit_256Accepted257Rejected() {
    List<HostRoute> routes = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      routes.add(new HostRoute(new IpPrefix(IpAddress.ofV4(0x0b000000 | i << 8), 24),
          ip("10.0.0.1")));
    }
    assertThat(subnet("10.0.0.0/24", List.of(), routes, List.of()).hostRoutes()).hasSize(256);

    routes.add(HostRoute.of("12.0.0.0/24", "10.0.0.1"));
    rejected(() -> subnet("10.0.0.0/24", List.of(), routes, List.of()), "s1", "hostRoutes");
  }

  @Test
  void constructor_poolOutsideCidr_rejectedWithIndex() {
    rejected(() -> subnet("10.0.0.0/24", List.of(), List.of(),
        List.of(AllocationPool.of("10.0.1.10", "10.0.1.20"))), "s1", "allocationPools[0]");
  }

  @Test
  void constructor_poolEndPastCidr_rejected() {
    Violation v = rejected(() -> subnet("10.0.0.0/24", List.of(), List.of(),
        List.of(AllocationPool.of("10.0.0.10", "10.0.0.20"),
            AllocationPool.of("10.0.0.200", "10.0.1.5"))), "s1", "allocationPools[1]");

    assertThat(v.reason()).contains("10.0.0.0/24");
  }

  @Test
  void constructor_poolStartBeforeCidr_rejected() {
    rejected(() -> subnet("10.0.0.0/24", List.of(), List.of(),
        List.of(AllocationPool.of("9.255.255.250", "10.0.0.5"))), "s1", "allocationPools[0]");
  }

  @Test
  void constructor_poolOfOtherVersion_rejected() {
    rejected(() -> subnet("10.0.0.0/24", List.of(), List.of(),
        List.of(AllocationPool.of("::a", "::b"))), "s1", "allocationPools[0]");
  }

  @Test
  void constructor_overlappingPools_rejectedNamingBoth() {
    Violation v = rejected(() -> subnet("10.0.0.0/24", List.of(), List.of(),
        List.of(AllocationPool.of("10.0.0.10", "10.0.0.20"),
            AllocationPool.of("10.0.0.30", "10.0.0.40"),
            AllocationPool.of("10.0.0.20", "10.0.0.25"))), "s1", "allocationPools[2]");

    assertThat(v.reason()).contains("allocationPools[0]");
  }

  @Test
  void constructor_adjacentPoolsAndWholeCidr_accepted() {
    assertThat(subnet("10.0.0.0/24", List.of(), List.of(),
        List.of(AllocationPool.of("10.0.0.0", "10.0.0.127"),
            AllocationPool.of("10.0.0.128", "10.0.0.255"))).allocationPools()).hasSize(2);
  }

  @Test
  void constructor_ipv6PoolsAcrossLow64Boundary_accepted() {
    Subnet s = new Subnet("s6", "n1", IpPrefix.parse("2001:db8::/48"), true, Optional.empty(),
        List.of(), List.of(), List.of(AllocationPool.of("2001:db8::ffff:ffff:ffff:ff00",
            "2001:db8:0:1::ff")), Optional.empty(), Optional.empty(), AddressMode.DYNAMIC, 0);

    assertThat(s.allocationPools()).hasSize(1);
  }

  @Test
  void constructor_poolLimit_64Accepted65Rejected() {
    List<AllocationPool> pools = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      pools.add(new AllocationPool(IpAddress.ofV4(0x0a000000 | i * 4),
          IpAddress.ofV4(0x0a000000 | i * 4 + 1)));
    }
    assertThat(subnet("10.0.0.0/16", List.of(), List.of(), pools).allocationPools()).hasSize(64);

    pools.add(AllocationPool.of("10.0.2.0", "10.0.2.1"));
    rejected(() -> subnet("10.0.0.0/16", List.of(), List.of(), pools), "s1", "allocationPools");
  }

  @Test
  void constructor_ipv6ModesOnIpv4_rejected() {
    rejected(() -> new Subnet("s1", "n1", IpPrefix.parse("10.0.0.0/24"), true, Optional.empty(),
        List.of(), List.of(), List.of(), Optional.of(Ipv6Mode.SLAAC), Optional.empty(),
        AddressMode.STATIC, 0), "s1", "ipv6AddressMode");
    rejected(() -> new Subnet("s1", "n1", IpPrefix.parse("10.0.0.0/24"), true, Optional.empty(),
        List.of(), List.of(), List.of(), Optional.empty(), Optional.of(Ipv6Mode.SLAAC),
        AddressMode.STATIC, 0), "s1", "ipv6RaMode");
    rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24").ipv6Mode(Ipv6Mode.DHCPV6_STATELESS)
        .build(), "s1", "ipv6AddressMode");
  }

  @Test
  void constructor_ipv6DifferentModes_rejectedOnRaMode() {
    Violation v = rejected(() -> v6(Optional.of(Ipv6Mode.DHCPV6_STATEFUL),
        Optional.of(Ipv6Mode.SLAAC)), "s6", "ipv6RaMode");

    assertThat(v.value()).isEqualTo("slaac");
    assertThat(v.reason()).contains("dhcpv6-stateful");
  }

  @Test
  void constructor_ipv6SameOrSingleMode_accepted() {
    for (Ipv6Mode mode : Ipv6Mode.values()) {
      assertThat(v6(Optional.of(mode), Optional.of(mode)).ipv6AddressMode()).contains(mode);
      assertThat(v6(Optional.of(mode), Optional.empty()).ipv6RaMode()).isEmpty();
      assertThat(v6(Optional.empty(), Optional.of(mode)).ipv6RaMode()).contains(mode);
    }
    assertThat(v6(Optional.empty(), Optional.empty()).ipv6AddressMode()).isEmpty();
  }

  @Test
  void constructor_nullModeOptionals_rejected() {
    rejected(() -> v6(null, Optional.empty()), "s6", "ipv6AddressMode");
    rejected(() -> v6(Optional.empty(), null), "s6", "ipv6RaMode");
  }

  @Test
  void constructor_nullAddressMode_rejected() {
    rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24").addressMode(null).build(),
        "s1", "addressMode");
  }

  @Test
  void constructor_negativeRevision_rejected() {
    rejected(() -> Subnet.builder("s1", "n1", "10.0.0.0/24").revision(-1).build(),
        "s1", "revision");
  }

  @Test
  void constructor_badValueWithControlCharacters_escapedInMessage() {
    InvalidResourceException e = catchThrowableOfType(
        () -> Subnet.builder("s1", "n1", "10.0.0.0/24").dns("10.0.0.2\u001b]0;pwn\u0007"),
        InvalidResourceException.class);

    assertThat(e.violation().field()).isEqualTo("dnsNameservers[0]");
    assertThat(e.getMessage()).contains("\\u001b]0;pwn\\u0007").contains("'s1'")
        .doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void withRevision_newRevision_otherFieldsKept() {
    Subnet s = Subnet.builder("s1", "n1", "10.0.0.0/24").gateway("10.0.0.1").dns("10.0.0.2")
        .revision(1).build();

    Subnet next = s.withRevision(2);

    assertThat(next.revision()).isEqualTo(2);
    assertThat(next.withRevision(1)).isEqualTo(s);
  }
}
