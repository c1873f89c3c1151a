package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Unit tests of the generators themselves: sizes, uniqueness, determinism, formats. */
class ModelGeneratorsTest {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  @Test
  void snapshots_exactShape_haveThatManySubnetsAndPorts() {
    for (NetworkSnapshot s : Samples.of(ModelGenerators.snapshots(SnapshotShape.exactly(3, 57)),
        1, 20)) {
      assertThat(s.subnets()).hasSize(3);
      assertThat(s.portCount()).isEqualTo(57);
      assertThat(s.ports()).hasSize(57);
    }
  }

  @Test
  void snapshots_upTo_stayWithinBoundsAndReachThem() {
    Set<Integer> subnetCounts = new HashSet<>();
    Set<Integer> portCounts = new HashSet<>();
    for (NetworkSnapshot s : Samples.of(ModelGenerators.snapshots(2, 5), 2, 200)) {
      subnetCounts.add(s.subnets().size());
      portCounts.add(s.portCount());
    }
    assertThat(subnetCounts).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(portCounts).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }

  @Test
  void snapshots_thousandPorts_uniqueMacsIdsAndIpsInsideSubnets() {
    int mostIps = 0;
    for (NetworkSnapshot s : Samples.of(ModelGenerators.snapshots(SnapshotShape.exactly(5,
        1000)), 3, 5)) {
      Set<MacAddress> macs = new HashSet<>();
      Set<String> ids = new HashSet<>();
      Set<IpAddress> ips = new HashSet<>();
      int ipCount = 0;
      for (Port p : s.ports()) {
        assertThat(p.mac().isUnicast()).isTrue();
        assertThat(p.mac().isZero()).isFalse();
        macs.add(p.mac());
        ids.add(p.id());
        for (FixedIp f : p.fixedIps()) {
          ipCount++;
          ips.add(f.ip());
          Subnet subnet = s.subnet(f.subnetId()).orElseThrow();
          assertThat(subnet.cidr().contains(f.ip())).as("%s in %s", f, subnet.cidr()).isTrue();
          assertThat(f.ip()).isNotEqualTo(subnet.cidr().address());
        }
      }
      assertThat(macs).hasSize(1000);
      assertThat(ids).hasSize(1000);
      assertThat(ips).hasSize(ipCount);
      mostIps = Math.max(mostIps, ipCount);
    }
    assertThat(mostIps).isGreaterThan(1000);
  }

  @Test
  void snapshots_subnets_neverOverlapAndMixVersions() {
    Set<IpVersion> versions = new HashSet<>();
    for (NetworkSnapshot s : Samples.of(ModelGenerators.snapshots(6, 3), 4, 100)) {
      List<Subnet> subnets = List.copyOf(s.subnets());
      for (int i = 0; i < subnets.size(); i++) {
        versions.add(subnets.get(i).ipVersion());
        for (int k = 0; k < i; k++) {
          assertThat(subnets.get(i).cidr().overlaps(subnets.get(k).cidr())).isFalse();
        }
      }
    }
    assertThat(versions).containsExactlyInAnyOrder(IpVersion.V4, IpVersion.V6);
  }

  @Test
  void snapshots_sameSeed_sameSnapshots() {
    List<String> first = describe(Samples.of(ModelGenerators.snapshots(3, 20), 42, 30));
    List<String> second = describe(Samples.of(ModelGenerators.snapshots(3, 20), 42, 30));
    List<String> other = describe(Samples.of(ModelGenerators.snapshots(3, 20), 43, 30));
    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<String> describe(List<NetworkSnapshot> snapshots) {
    return snapshots.stream().map(s -> s.network() + " " + s.subnets() + " "
        + s.ports().stream().sorted(java.util.Comparator.comparing(Port::id)).toList()).toList();
  }

  @Test
  void ids_generated_matchIdentifierSyntax() {
    for (String id : Samples.of(ModelGenerators.ids(), 5, 500)) {
      assertThat(id).matches(ID);
    }
  }

  @Test
  void hostnamesAndDomains_generated_matchRfc1123() {
    List<String> names = new java.util.ArrayList<>(Samples.of(ModelGenerators.hostnames(), 6,
        300));
    names.addAll(Samples.of(ModelGenerators.dnsDomains(), 7, 300));
    for (String name : names) {
      String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
      assertThat(bare.length()).isBetween(1, 253);
      for (String label : bare.split("\\.", -1)) {
        assertThat(label).matches(LABEL);
      }
    }
  }

  @Test
  void macs_generated_unicastNonZeroAndVaried() {
    List<MacAddress> macs = Samples.of(ModelGenerators.macs(), 8, 300);
    for (MacAddress mac : macs) {
      assertThat(mac.isUnicast()).isTrue();
      assertThat(mac.isZero()).isFalse();
    }
    assertThat(new HashSet<>(macs).size()).isGreaterThan(200);
  }

  @Test
  void subnets_v6_haveV6FieldsOnly() {
    for (Subnet s : Samples.of(ModelGenerators.subnets(IpVersion.V6), 9, 100)) {
      assertThat(s.ipVersion()).isEqualTo(IpVersion.V6);
      s.dnsNameservers().forEach(d -> assertThat(d.version()).isEqualTo(IpVersion.V6));
      s.hostRoutes().forEach(r -> assertThat(r.nexthop().version()).isEqualTo(IpVersion.V6));
    }
  }

  @Test
  void extraOptions_generated_coverConditionsAndTypes() {
    Set<Object> seen = new HashSet<>();
    for (var o : Samples.of(ModelGenerators.extraDhcpOptions(IpVersion.V4), 10, 1000)) {
      seen.add(o.condition());
      seen.add(o.option().type());
    }
    assertThat(seen).hasSizeGreaterThan(12);
  }
}
