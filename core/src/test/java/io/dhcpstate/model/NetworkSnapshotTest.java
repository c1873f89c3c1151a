package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkSnapshotTest {
  private static final Network NET = Network.of("n1");
  private static final Subnet S4 = Subnet.builder("s4", "n1", "10.0.0.0/24").build();
  private static final Subnet S6 = Subnet.builder("s6", "n1", "2001:db8::/64").build();

  private static Port port(String id, String mac, String... subnetAndIp) {
    Port.Builder b = Port.builder(id, "n1", mac);
    for (int i = 0; i < subnetAndIp.length; i += 2) {
      b.fixedIp(subnetAndIp[i], subnetAndIp[i + 1]);
    }
    return b.build();
  }

  private static MacAddress mac(String text) {
    return MacAddress.parse(text);
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static final Port P1 = port("p1", "fa:16:3e:00:00:01", "s4", "10.0.0.5");
  private static final Port P2 =
      port("p2", "fa:16:3e:00:00:02", "s4", "10.0.0.6", "s6", "2001:db8::6");

  private static Snapshot base() {
    return Snapshot.of(NET, List.of(S6, S4), List.of(P1, P2));
  }

  @Test
  void of_validNetwork_everyLookupWorks() {
    NetworkSnapshot s = NetworkSnapshot.of(NET, List.of(S4, S6), List.of(P1, P2));

    assertThat(s.network()).isEqualTo(NET);
    assertThat(s.portCount()).isEqualTo(2);
    assertThat(s.ports()).containsExactlyInAnyOrder(P1, P2);
    assertThat(s.port("p1")).contains(P1);
    assertThat(s.port("p3")).isEmpty();
    assertThat(s.portByMac(mac("fa:16:3e:00:00:02"))).contains(P2);
    assertThat(s.portByMac(mac("fa:16:3e:00:00:03"))).isEmpty();
    assertThat(s.portByIp(ip("10.0.0.6"))).contains(P2);
    assertThat(s.portByIp(ip("2001:db8::6"))).contains(P2);
    assertThat(s.portByIp(ip("10.0.0.5"))).contains(P1);
    assertThat(s.portByIp(ip("10.0.0.7"))).isEmpty();
    assertThat(s.subnet("s6")).contains(S6);
    assertThat(s.subnet("s9")).isEmpty();
  }

  @Test
  void subnets_givenOutOfOrder_orderedById() {
    Subnet a = Subnet.builder("a", "n1", "10.1.0.0/24").build();

    assertThat(Snapshot.of(NET, List.of(S6, a, S4), List.of()).subnets())
        .containsExactly(a, S4, S6);
  }

  @Test
  void of_invalidNetwork_throwsListingEveryViolation() {
    Port dupMac = port("p3", "fa:16:3e:00:00:01", "s4", "10.0.0.5");

    InvalidResourceException e = catchThrowableOfType(
        () -> NetworkSnapshot.of(NET, List.of(S4), List.of(P1, dupMac)),
        InvalidResourceException.class);

    assertThat(e.violations()).extracting(v -> v.field())
        .containsExactlyInAnyOrder("mac", "fixedIps[0].ip");
  }

  @Test
  void collections_readOnly() {
    Snapshot s = base();

    assertThatThrownBy(() -> s.ports().add(P1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.ports().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.subnets().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withPort_newPort_indexedAndOldSnapshotUnchanged() {
    Snapshot before = base();
    Port p3 = port("p3", "fa:16:3e:00:00:03", "s4", "10.0.0.7", "s6", "2001:db8::7");

    Snapshot after = before.withPort(p3);

    assertThat(after.portCount()).isEqualTo(3);
    assertThat(after.port("p3")).contains(p3);
    assertThat(after.portByMac(mac("fa:16:3e:00:00:03"))).contains(p3);
    assertThat(after.portByIp(ip("2001:db8::7"))).contains(p3);
    assertThat(before.portCount()).isEqualTo(2);
    assertThat(before.port("p3")).isEmpty();
    assertThat(before.portByMac(mac("fa:16:3e:00:00:03"))).isEmpty();
    assertThat(before.portByIp(ip("10.0.0.7"))).isEmpty();
    assertThat(before.ports()).containsExactlyInAnyOrder(P1, P2);
  }

  @Test
  void withPort_macChanged_indexFollowsAndOldSnapshotKeepsOldMac() {
    Snapshot before = base();
    Port moved = port("p1", "fa:16:3e:00:00:11", "s4", "10.0.0.5");

    Snapshot after = before.withPort(moved);

    assertThat(after.portByMac(mac("fa:16:3e:00:00:11"))).contains(moved);
    assertThat(after.portByMac(mac("fa:16:3e:00:00:01"))).isEmpty();
    assertThat(after.portByIp(ip("10.0.0.5"))).contains(moved);
    assertThat(after.port("p1")).contains(moved);
    assertThat(after.portCount()).isEqualTo(2);
    assertThat(before.portByMac(mac("fa:16:3e:00:00:01"))).contains(P1);
    assertThat(before.portByMac(mac("fa:16:3e:00:00:11"))).isEmpty();
    assertThat(before.portByIp(ip("10.0.0.5"))).contains(P1);
  }

  @Test
  void withPort_ipsChanged_indexFollowsAndOldSnapshotKeepsOldIps() {
    Snapshot before = base();
    Port moved = port("p2", "fa:16:3e:00:00:02", "s4", "10.0.0.60");

    Snapshot after = before.withPort(moved);

    assertThat(after.portByIp(ip("10.0.0.60"))).contains(moved);
    assertThat(after.portByIp(ip("10.0.0.6"))).isEmpty();
    assertThat(after.portByIp(ip("2001:db8::6"))).isEmpty();
    assertThat(after.portByMac(mac("fa:16:3e:00:00:02"))).contains(moved);
    assertThat(before.portByIp(ip("10.0.0.6"))).contains(P2);
    assertThat(before.portByIp(ip("2001:db8::6"))).contains(P2);
    assertThat(before.portByIp(ip("10.0.0.60"))).isEmpty();
  }

  @Test
  void withPort_ipFreedByOtherPort_canBeTaken() {
    Snapshot s = base().withPort(port("p1", "fa:16:3e:00:00:01", "s4", "10.0.0.50"));
    Port taker = port("p3", "fa:16:3e:00:00:03", "s4", "10.0.0.5");

    Snapshot after = s.withPort(taker);

    assertThat(after.portByIp(ip("10.0.0.5"))).contains(taker);
    assertThat(after.portByIp(ip("10.0.0.50")).map(Port::id)).contains("p1");
  }

  @Test
  void withPort_macFreedByDeletedPort_canBeTaken() {
    Snapshot s = base().withoutPort("p1");
    Port taker = port("p3", "fa:16:3e:00:00:01", "s4", "10.0.0.5");

    assertThat(s.withPort(taker).portByMac(mac("fa:16:3e:00:00:01"))).contains(taker);
  }

  @Test
  void withPort_conflict_throwsAndSnapshotUnchanged() {
    Snapshot before = base();
    Port clash = port("p3", "fa:16:3e:00:00:02", "s4", "10.0.0.5");

    InvalidResourceException e =
        catchThrowableOfType(() -> before.withPort(clash), InvalidResourceException.class);

    assertThat(e.violations()).extracting(v -> v.field())
        .containsExactlyInAnyOrder("mac", "fixedIps[0].ip");
    assertThat(before.port("p3")).isEmpty();
    assertThat(before.portByMac(mac("fa:16:3e:00:00:02"))).contains(P2);
  }

  @Test
  void withPort_unknownSubnet_throws() {
    assertThatThrownBy(() -> base().withPort(port("p3", "fa:16:3e:00:00:03", "s9", "10.0.0.7")))
        .isInstanceOf(InvalidResourceException.class);
  }

  @Test
  void withoutPort_present_removedFromEveryIndex() {
    Snapshot before = base();

    Snapshot after = before.withoutPort("p2");

    assertThat(after.port("p2")).isEmpty();
    assertThat(after.portByMac(mac("fa:16:3e:00:00:02"))).isEmpty();
    assertThat(after.portByIp(ip("10.0.0.6"))).isEmpty();
    assertThat(after.portByIp(ip("2001:db8::6"))).isEmpty();
    assertThat(after.ports()).containsExactly(P1);
    assertThat(after.portCount()).isEqualTo(1);
    assertThat(before.port("p2")).contains(P2);
    assertThat(before.portByIp(ip("2001:db8::6"))).contains(P2);
  }

  @Test
  void withoutPort_absent_sameSnapshot() {
    Snapshot s = base();

    assertThat(s.withoutPort("p9")).isSameAs(s);
  }

  @Test
  void withSubnet_newSubnet_addedInOrderOldUnchanged() {
    Snapshot before = base();
    Subnet s5 = Subnet.builder("s5", "n1", "10.0.1.0/24").build();

    Snapshot after = before.withSubnet(s5);

    assertThat(after.subnets()).containsExactly(S4, s5, S6);
    assertThat(after.subnet("s5")).contains(s5);
    assertThat(before.subnet("s5")).isEmpty();
    assertThat(after.ports()).containsExactlyInAnyOrder(P1, P2);
    assertThat(after.withPort(port("p3", "fa:16:3e:00:00:03", "s5", "10.0.1.3"))
        .portByIp(ip("10.0.1.3"))).isPresent();
  }

  @Test
  void withSubnet_replacement_replacesSameId() {
    Subnet changed = Subnet.builder("s4", "n1", "10.0.0.0/24").gateway("10.0.0.1").build();

    Snapshot after = base().withSubnet(changed);

    assertThat(after.subnets()).hasSize(2);
    assertThat(after.subnet("s4")).contains(changed);
  }

  @Test
  void withSubnet_shrinkExcludingPortIp_throws() {
    Subnet smaller = Subnet.builder("s4", "n1", "10.0.0.0/30").build();

    Snapshot before = base();

    assertThatThrownBy(() -> before.withSubnet(smaller))
        .isInstanceOf(InvalidResourceException.class);
    assertThat(before.subnet("s4")).contains(S4);
  }

  @Test
  void withSubnet_overlapping_throws() {
    Subnet overlapping = Subnet.builder("s5", "n1", "10.0.0.0/16").build();

    assertThatThrownBy(() -> base().withSubnet(overlapping))
        .isInstanceOf(InvalidResourceException.class);
  }

  @Test
  void withSubnet_otherNetwork_throws() {
    Subnet foreign = Subnet.builder("s5", "n2", "10.5.0.0/16").build();

    assertThatThrownBy(() -> base().withSubnet(foreign))
        .isInstanceOf(InvalidResourceException.class);
  }

  @Test
  void withoutSubnet_present_portsLoseItsFixedIps() {
    Snapshot before = base();

    Snapshot after = before.withoutSubnet("s4");

    assertThat(after.subnets()).containsExactly(S6);
    assertThat(after.portCount()).isEqualTo(2);
    assertThat(after.port("p1").orElseThrow().fixedIps()).isEmpty();
    assertThat(after.port("p2").orElseThrow().fixedIps())
        .containsExactly(FixedIp.of("s6", "2001:db8::6"));
    assertThat(after.portByIp(ip("10.0.0.5"))).isEmpty();
    assertThat(after.portByIp(ip("10.0.0.6"))).isEmpty();
    assertThat(after.portByIp(ip("2001:db8::6")).map(Port::id)).contains("p2");
    assertThat(after.portByMac(mac("fa:16:3e:00:00:01")).map(Port::fixedIps))
        .contains(List.of());
    assertThat(NetworkValidator.violations(after.network(), after.subnets(), after.ports()))
        .isEmpty();
    assertThat(before.portByIp(ip("10.0.0.5"))).contains(P1);
    assertThat(before.subnets()).hasSize(2);
  }

  @Test
  void withoutSubnet_absent_sameSnapshot() {
    Snapshot s = base();

    assertThat(s.withoutSubnet("s9")).isSameAs(s);
  }

  @Test
  void withNetwork_sameId_replacesNetworkKeepsRest() {
    Snapshot before = base();
    Network renamed = new Network("n1", "renamed", true, 9000, Optional.empty(), 5);

    Snapshot after = before.withNetwork(renamed);

    assertThat(after.network()).isEqualTo(renamed);
    assertThat(after.ports()).containsExactlyInAnyOrder(P1, P2);
    assertThat(after.portByIp(ip("10.0.0.5"))).contains(P1);
    assertThat(after.subnets()).containsExactly(S4, S6);
    assertThat(before.network()).isEqualTo(NET);
  }

  @Test
  void withNetwork_otherId_throwsIllegalArgument() {
    assertThatThrownBy(() -> base().withNetwork(Network.of("n2")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void empty_network_noSubnetsNoPorts() {
    Snapshot s = Snapshot.empty(NET);

    assertThat(s.subnets()).isEmpty();
    assertThat(s.ports()).isEmpty();
    assertThat(s.portCount()).isZero();
  }

  // ---- model-based: random port updates against a map of ports

  private static final String[] IPS = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4",
      "10.0.0.5", "2001:db8::1", "2001:db8::2", "2001:db8::3"};

  /** Current snapshot and the plain model it should equal. */
  private record Version(Snapshot snapshot, Map<String, Port> model) {}

  @Test
  void withPortWithoutPort_randomSequences_indexesMatchModelInEveryVersion() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 10_000)).ofSizeBetween(0, 200))
        .checkAssert(script -> {
          Iterator<Integer> it = script.iterator();
          Snapshot s = Snapshot.of(NET, List.of(S4, S6), List.of());
          Map<String, Port> model = new HashMap<>();
          List<Version> versions = new ArrayList<>();
          versions.add(new Version(s, Map.copyOf(model)));
          while (it.hasNext()) {
            int op = it.next();
            String id = "p" + op % 5;
            if (op % 3 == 0) {
              s = s.withoutPort(id);
              model.remove(id);
            } else {
              int r = op / 15;
              Port.Builder b = Port.builder(id, "n1", "fa:16:3e:00:00:0" + (1 + r % 6));
              int first = r / 6 % IPS.length;
              int second = r / 48 % (IPS.length + 1);
              b.fixedIp(IPS[first].contains(":") ? "s6" : "s4", IPS[first]);
              if (second < IPS.length && second != first) {
                b.fixedIp(IPS[second].contains(":") ? "s6" : "s4", IPS[second]);
              }
              Port p = b.build();
              Snapshot previous = s;
              try {
                s = s.withPort(p);
                model.put(id, p);
              } catch (InvalidResourceException e) {
                assertThat(conflicts(model, p)).as("rejected %s", p).isTrue();
                assertThat(s).isSameAs(previous);
              }
            }
            versions.add(new Version(s, Map.copyOf(model)));
          }
          for (Version v : versions) {
            assertMatches(v.snapshot(), v.model());
          }
        });
  }

  private static boolean conflicts(Map<String, Port> model, Port p) {
    for (Port q : model.values()) {
      if (q.id().equals(p.id())) {
        continue;
      }
      if (q.mac().equals(p.mac())) {
        return true;
      }
      for (FixedIp f : p.fixedIps()) {
        if (q.fixedIps().stream().anyMatch(g -> g.ip().equals(f.ip()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void assertMatches(Snapshot s, Map<String, Port> model) {
    assertThat(s.portCount()).isEqualTo(model.size());
    assertThat(s.ports()).containsExactlyInAnyOrderElementsOf(model.values());
    for (int i = 0; i < 5; i++) {
      assertThat(s.port("p" + i)).isEqualTo(Optional.ofNullable(model.get("p" + i)));
    }
    for (int m = 1; m <= 6; m++) {
      MacAddress mac = mac("fa:16:3e:00:00:0" + m);
      Optional<Port> expected =
          model.values().stream().filter(p -> p.mac().equals(mac)).findFirst();
      assertThat(s.portByMac(mac)).as("by MAC %s", mac).isEqualTo(expected);
    }
    for (String text : IPS) {
      IpAddress address = ip(text);
      Optional<Port> expected = model.values().stream()
          .filter(p -> p.fixedIps().stream().anyMatch(f -> f.ip().equals(address))).findFirst();
      assertThat(s.portByIp(address)).as("by IP %s", address).isEqualTo(expected);
    }
    assertThat(NetworkValidator.violations(s.network(), s.subnets(), s.ports())).isEmpty();
  }
}
