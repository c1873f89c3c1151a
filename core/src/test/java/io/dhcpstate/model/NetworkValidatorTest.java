package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetworkValidatorTest {
  private static final Network NET = Network.of("n1");
  private static final Subnet S4 = Subnet.builder("s4", "n1", "10.0.0.0/24").build();
  private static final Subnet S6 = Subnet.builder("s6", "n1", "2001:db8::/64").build();
  private static final List<Subnet> SUBNETS = List.of(S4, S6);

  private static Port port(String id, String mac, String... subnetAndIp) {
    Port.Builder b = Port.builder(id, "n1", mac);
    for (int i = 0; i < subnetAndIp.length; i += 2) {
      b.fixedIp(subnetAndIp[i], subnetAndIp[i + 1]);
    }
    return b.build();
  }

  private static final Port P1 = port("p1", "fa:16:3e:00:00:01", "s4", "10.0.0.5");
  private static final Port P2 =
      port("p2", "fa:16:3e:00:00:02", "s4", "10.0.0.6", "s6", "2001:db8::6");

  private static Violation only(List<Violation> violations) {
    assertThat(violations).hasSize(1);
    return violations.get(0);
  }

  private static void assertViolation(Violation v, String resource, String id, String field) {
    assertThat(v.resource()).isEqualTo(resource);
    assertThat(v.id()).isEqualTo(id);
    assertThat(v.field()).isEqualTo(field);
    assertThat(v.toString()).contains(resource + " '" + id + "'").contains(field);
  }

  @Test
  void violations_validNetwork_empty() {
    assertThat(NetworkValidator.violations(NET, SUBNETS, List.of(P1, P2))).isEmpty();
    assertThat(NetworkValidator.violations(NET, List.of(), List.of())).isEmpty();
  }

  @Test
  void violations_portWithoutFixedIps_empty() {
    assertThat(NetworkValidator.violations(NET, List.of(),
        List.of(port("p9", "fa:16:3e:00:00:09")))).isEmpty();
  }

  @Test
  void violations_fixedIpOnUnknownSubnet_subnetIdViolation() {
    Port p = port("p3", "fa:16:3e:00:00:03", "s4", "10.0.0.7", "s9", "10.9.0.1");

    Violation v = only(NetworkValidator.violations(NET, SUBNETS, List.of(P1, p)));

    assertViolation(v, "port", "p3", "fixedIps[1].subnetId");
    assertThat(v.value()).isEqualTo("s9");
    assertThat(v.reason()).contains("n1");
  }

  @Test
  void violations_fixedIpOutsideItsSubnet_ipViolationNamingSubnet() {
    Port p = port("p3", "fa:16:3e:00:00:03", "s4", "10.0.1.7");

    Violation v = only(NetworkValidator.violations(NET, SUBNETS, List.of(p)));

    assertViolation(v, "port", "p3", "fixedIps[0].ip");
    assertThat(v.value()).isEqualTo("10.0.1.7");
    assertThat(v.reason()).contains("s4").contains("10.0.0.0/24");
  }

  @Test
  void violations_ipv6AddressOnIpv4Subnet_outside() {
    Port p = port("p3", "fa:16:3e:00:00:03", "s4", "2001:db8::7");

    assertViolation(only(NetworkValidator.violations(NET, SUBNETS, List.of(p))), "port", "p3",
        "fixedIps[0].ip");
  }

  @Test
  void violations_fixedIpOnOtherSubnetOfNetwork_outside() {
    Port p = port("p3", "fa:16:3e:00:00:03", "s6", "10.0.0.7");

    assertViolation(only(NetworkValidator.violations(NET, SUBNETS, List.of(p))), "port", "p3",
        "fixedIps[0].ip");
  }

  @Test
  void violations_duplicateMac_secondPortNamedWithFirst() {
    Port p = port("p3", "FA:16:3E:00:00:01", "s4", "10.0.0.7");

    Violation v = only(NetworkValidator.violations(NET, SUBNETS, List.of(P1, p)));

    assertViolation(v, "port", "p3", "mac");
    assertThat(v.value()).isEqualTo("fa:16:3e:00:00:01");
    assertThat(v.reason()).contains("p1");
  }

  @Test
  void violations_duplicateIp_secondPortNamedWithFirst() {
    Port p = port("p3", "fa:16:3e:00:00:03", "s6", "2001:db8::7", "s4", "10.0.0.5");

    Violation v = only(NetworkValidator.violations(NET, SUBNETS, List.of(P1, P2, p)));

    assertViolation(v, "port", "p3", "fixedIps[1].ip");
    assertThat(v.reason()).contains("p1");
  }

  @Test
  void violations_duplicateIpv6WrittenDifferently_detected() {
    Port p = port("p3", "fa:16:3e:00:00:03", "s6", "2001:0DB8:0:0::6");

    assertViolation(only(NetworkValidator.violations(NET, SUBNETS, List.of(P2, p))), "port", "p3",
        "fixedIps[0].ip");
  }

  @Test
  void violations_overlappingSubnets_cidrViolationNamingOther() {
    Subnet inner = Subnet.builder("s4b", "n1", "10.0.0.128/25").build();

    Violation v = only(NetworkValidator.violations(NET, List.of(S4, S6, inner), List.of()));

    assertViolation(v, "subnet", "s4b", "cidr");
    assertThat(v.reason()).contains("s4").contains("10.0.0.0/24");
  }

  @Test
  void violations_enclosingSubnetAddedLater_stillOverlap() {
    Subnet outer = Subnet.builder("s0", "n1", "10.0.0.0/16").build();

    assertViolation(only(NetworkValidator.violations(NET, List.of(S4, outer), List.of())),
        "subnet", "s0", "cidr");
  }

  @Test
  void violations_adjacentSubnetsAndBothVersions_noOverlap() {
    Subnet next = Subnet.builder("s5", "n1", "10.0.1.0/24").build();

    assertThat(NetworkValidator.violations(NET, List.of(S4, next, S6), List.of())).isEmpty();
  }

  @Test
  void violations_duplicateSubnetId_idViolation() {
    Subnet again = Subnet.builder("s4", "n1", "10.1.0.0/24").build();

    assertViolation(only(NetworkValidator.violations(NET, List.of(S4, again), List.of())),
        "subnet", "s4", "id");
  }

  @Test
  void violations_duplicatePortId_idViolation() {
    Port again = port("p1", "fa:16:3e:00:00:09", "s4", "10.0.0.9");

    assertViolation(only(NetworkValidator.violations(NET, SUBNETS, List.of(P1, again))), "port",
        "p1", "id");
  }

  @Test
  void violations_subnetOfOtherNetwork_networkIdViolation() {
    Subnet other = Subnet.builder("s7", "n2", "10.7.0.0/24").build();

    Violation v = only(NetworkValidator.violations(NET, List.of(S4, other), List.of()));

    assertViolation(v, "subnet", "s7", "networkId");
    assertThat(v.value()).isEqualTo("n2");
    assertThat(v.reason()).contains("n1");
  }

  @Test
  void violations_portOfOtherNetwork_networkIdViolation() {
    Port other = Port.builder("p7", "n2", "fa:16:3e:00:00:07").build();

    Violation v = only(NetworkValidator.violations(NET, SUBNETS, List.of(other)));

    assertViolation(v, "port", "p7", "networkId");
    assertThat(v.value()).isEqualTo("n2");
  }

  @Test
  void violations_severalProblems_allListed() {
    Port bad = port("p3", "fa:16:3e:00:00:01", "s9", "10.0.0.6", "s4", "10.0.3.1");

    List<Violation> vs = NetworkValidator.violations(NET, SUBNETS, List.of(P1, P2, bad));

    assertThat(vs).extracting(Violation::field).containsExactlyInAnyOrder("mac",
        "fixedIps[0].subnetId", "fixedIps[0].ip", "fixedIps[1].ip");
  }

  @Test
  void check_invalidNetwork_throwsWithEveryViolation() {
    Port bad = port("p3", "fa:16:3e:00:00:01", "s4", "10.0.0.5");

    InvalidResourceException e = catchThrowableOfType(
        () -> NetworkValidator.check(NET, SUBNETS, List.of(P1, bad)),
        InvalidResourceException.class);

    assertThat(e.violations()).hasSize(2);
    assertThat(e.getMessage()).contains("2 violations").contains("p3").contains("mac");
  }

  @Test
  void check_validNetwork_noThrow() {
    assertThatCode(() -> NetworkValidator.check(NET, SUBNETS, List.of(P1, P2)))
        .doesNotThrowAnyException();
  }

  // ---- portViolations

  private static NetworkSnapshot snapshot() {
    return NetworkSnapshot.of(NET, SUBNETS, List.of(P1, P2));
  }

  @Test
  void portViolations_sameFieldsAgain_empty() {
    assertThat(NetworkValidator.portViolations(snapshot(), P1.withRevision(1))).isEmpty();
  }

  @Test
  void portViolations_updateTakingIpItHeld_empty() {
    Port moved = port("p2", "fa:16:3e:00:00:02", "s6", "2001:db8::6", "s4", "10.0.0.99");

    assertThat(NetworkValidator.portViolations(snapshot(), moved)).isEmpty();
  }

  @Test
  void portViolations_macOfOtherPort_macViolation() {
    Port p = port("p3", "fa:16:3e:00:00:02");

    Violation v = only(NetworkValidator.portViolations(snapshot(), p));

    assertViolation(v, "port", "p3", "mac");
    assertThat(v.reason()).contains("p2");
  }

  @Test
  void portViolations_updateTakingOtherPortsIp_ipViolation() {
    Port p = port("p1", "fa:16:3e:00:00:01", "s6", "2001:db8::6");

    assertViolation(only(NetworkValidator.portViolations(snapshot(), p)), "port", "p1",
        "fixedIps[0].ip");
  }

  @Test
  void portViolations_unknownSubnetOutsideOrOtherNetwork_reported() {
    assertViolation(only(NetworkValidator.portViolations(snapshot(),
        port("p3", "fa:16:3e:00:00:03", "s9", "10.0.0.9"))), "port", "p3",
        "fixedIps[0].subnetId");
    assertViolation(only(NetworkValidator.portViolations(snapshot(),
        port("p3", "fa:16:3e:00:00:03", "s4", "10.0.9.9"))), "port", "p3", "fixedIps[0].ip");
    assertViolation(only(NetworkValidator.portViolations(snapshot(),
        Port.builder("p3", "n2", "fa:16:3e:00:00:03").build())), "port", "p3", "networkId");
  }

  /** Reads small numbers from a generated script, 0 once it runs out. */
  private static final class Script {
    private final Iterator<Integer> it;

    Script(List<Integer> values) {
      this.it = values.iterator();
    }

    int next(int bound) {
      return it.hasNext() ? it.next() % bound : 0;
    }
  }

  private static final String[] IPS = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4",
      "10.0.1.1", "2001:db8::1", "2001:db8::2", "2001:db8:1::1"};
  private static final String[] SUBNET_IDS = {"s4", "s6", "s9"};

  /** A port from the script, or null when its fields would not make a valid record. */
  private static Port scriptedPort(Script s, String network) {
    Port.Builder b = Port.builder("p" + s.next(6), network, "fa:16:3e:00:00:0" + (1 + s.next(5)));
    int ips = s.next(3);
    Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < ips; i++) {
      String ip = IPS[s.next(IPS.length)];
      String subnet = SUBNET_IDS[s.next(SUBNET_IDS.length)];
      if (used.add(ip)) {
        b.fixedIp(subnet, ip);
      }
    }
    return b.build();
  }

  @Test
  void portViolations_anyPortOnValidSnapshot_agreesWithWholeNetworkCheck() {
    qt().forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(0, 80))
        .checkAssert(values -> {
          Script s = new Script(values);
          List<Port> base = new ArrayList<>();
          int candidates = s.next(8);
          for (int i = 0; i < candidates; i++) {
            Port p = scriptedPort(s, "n1");
            if (base.stream().noneMatch(q -> q.id().equals(p.id()))) {
              List<Port> with = new ArrayList<>(base);
              with.add(p);
              if (NetworkValidator.violations(NET, SUBNETS, with).isEmpty()) {
                base.add(p);
              }
            }
          }
          NetworkSnapshot snap = NetworkSnapshot.of(NET, SUBNETS, base);
          Port candidate = scriptedPort(s, s.next(5) == 0 ? "n2" : "n1");

          List<Port> whole = base.stream().filter(q -> !q.id().equals(candidate.id()))
              .collect(Collectors.toCollection(ArrayList::new));
          whole.add(candidate);
          List<Violation> expected = NetworkValidator.violations(NET, SUBNETS, whole);
          List<Violation> incremental = NetworkValidator.portViolations(snap, candidate);

          assertThat(incremental).isEqualTo(expected);
        });
  }
}
