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

class PortTest {
  private static final MacAddress MAC = MacAddress.parse("fa:16:3e:00:00:01");

  private static Port port(String id, MacAddress mac, List<FixedIp> fixedIps, String owner,
      Optional<String> hostname, List<ExtraDhcpOption> options, long revision) {
    return new Port(id, "n1", mac, fixedIps, owner, true, hostname, options, revision);
  }

  private static Port withIps(List<FixedIp> fixedIps) {
    return port("p1", MAC, fixedIps, "", Optional.empty(), List.of(), 0);
  }

  private static Port withOwner(String owner) {
    return port("p1", MAC, List.of(), owner, Optional.empty(), List.of(), 0);
  }

  private static Port withHostname(Optional<String> hostname) {
    return port("p1", MAC, List.of(), "", hostname, List.of(), 0);
  }

  private static Port withOptions(List<ExtraDhcpOption> options) {
    return port("p1", MAC, List.of(), "", Optional.empty(), options, 0);
  }

  /** Asserts the call is rejected for the field, with a message naming the id and field. */
  private static Violation rejected(ThrowingCallable call, String id, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    Violation v = e.violation();
    assertThat(v.resource()).isEqualTo("port");
    assertThat(v.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains("port").contains(field);
    if (id != null) {
      assertThat(e.getMessage()).contains("'" + id + "'");
    }
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return v;
  }

  @Test
  void builder_minimal_defaults() {
    Port p = Port.builder("p1", "n1", "fa:16:3e:00:00:01").build();

    assertThat(p.id()).isEqualTo("p1");
    assertThat(p.networkId()).isEqualTo("n1");
    assertThat(p.mac()).isEqualTo(MAC);
    assertThat(p.fixedIps()).isEmpty();
    assertThat(p.deviceOwner()).isEmpty();
    assertThat(p.adminStateUp()).isTrue();
    assertThat(p.hostname()).isEmpty();
    assertThat(p.extraDhcpOptions()).isEmpty();
    assertThat(p.revision()).isZero();
    assertThat(p.isDhcpPort()).isFalse();
  }

  @Test
  void builder_allFields_kept() {
    Port p = Port.builder("p1", "n1", "FA-16-3E-00-00-01")
        .fixedIp("s4", "10.0.0.5")
        .fixedIp("s6", "2001:db8::5")
        .deviceOwner("compute:nova")
        .adminStateUp(false)
        .hostname("vm-1.example.org")
        .option(ExtraDhcpOption.of("bootfile-name", "pxelinux.0"))
        .revision(9)
        .build();

    assertThat(p.fixedIps()).containsExactly(FixedIp.of("s4", "10.0.0.5"),
        FixedIp.of("s6", "2001:db8::5"));
    assertThat(p.deviceOwner()).isEqualTo("compute:nova");
    assertThat(p.adminStateUp()).isFalse();
    assertThat(p.hostname()).contains("vm-1.example.org");
    assertThat(p.extraDhcpOptions()).hasSize(1);
    assertThat(p.revision()).isEqualTo(9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-p", "_p", "p 1", "p/1", "p\t1", "ø"})
  void constructor_invalidId_rejectedOnId(String id) {
    rejected(() -> Port.builder(id, "n1", "fa:16:3e:00:00:01").build(), null, "id");
  }

  @Test
  void constructor_idOf64_accepted65_rejected() {
    assertThat(Port.builder("p".repeat(64), "n1", "fa:16:3e:00:00:01").build().id()).hasSize(64);

    rejected(() -> Port.builder("p".repeat(65), "n1", "fa:16:3e:00:00:01").build(), null, "id");
  }

  @Test
  void constructor_invalidNetworkId_rejectedNamingPort() {
    rejected(() -> Port.builder("p1", "-n", "fa:16:3e:00:00:01").build(), "p1", "networkId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00",
      "33:33:00:00:00:01"})
  void constructor_multicastBroadcastOrZeroMac_rejected(String mac) {
    Violation v = rejected(() -> Port.builder("p1", "n1", mac).build(), "p1", "mac");

    assertThat(v.value()).isEqualTo(mac);
  }

  @Test
  void constructor_locallyAdministeredUnicastMac_accepted() {
    assertThat(Port.builder("p1", "n1", "02:00:00:00:00:01").build().mac().toString())
        .isEqualTo("02:00:00:00:00:01");
  }

  @Test
  void builder_malformedMac_rejectedOnMac() {
    rejected(() -> Port.builder("p1", "n1", "fa:16:3e:00:00"), "p1", "mac");
  }

  @Test
  void constructor_nullMac_rejected() {
    rejected(() -> port("p1", null, List.of(), "", Optional.empty(), List.of(), 0), "p1", "mac");
  }

  @Test
  void constructor_duplicateFixedIp_rejectedWithIndex() {
    Violation v = rejected(() -> withIps(List.of(FixedIp.of("s1", "10.0.0.5"),
        FixedIp.of("s1", "10.0.0.6"), FixedIp.of("s2", "10.0.0.5"))), "p1", "fixedIps[2].ip");

    assertThat(v.value()).isEqualTo("10.0.0.5");
  }

  @Test
  void constructor_sameSubnetTwoIps_accepted() {
    assertThat(withIps(List.of(FixedIp.of("s1", "10.0.0.5"), FixedIp.of("s1", "10.0.0.6")))
        .fixedIps()).hasSize(2);
  }

  @Test
  void constructor_fixedIpLimit_64Accepted65Rejected() {
    List<FixedIp> ips = new ArrayList<>();
    for (int i = 1; i <= 64; i++) {
      ips.add(FixedIp.of("s1", "10.0.0." + i));
    }
    assertThat(withIps(ips).fixedIps()).hasSize(64);

    ips.add(FixedIp.of("s1", "10.0.0.65"));
    rejected(() -> withIps(ips), "p1", "fixedIps");
  }

  @Test
  void constructor_nullFixedIps_rejected() {
    rejected(() -> withIps(null), "p1", "fixedIps");
    rejected(() -> withIps(Arrays.asList(FixedIp.of("s1", "10.0.0.5"), null)), "p1",
        "fixedIps[1]");
  }

  @Test
  void constructor_mutableFixedIps_copiedImmutable() {
    List<FixedIp> ips = new ArrayList<>(List.of(FixedIp.of("s1", "10.0.0.5")));

    Port p = withIps(ips);
    ips.add(FixedIp.of("s1", "10.0.0.6"));

    assertThat(p.fixedIps()).hasSize(1);
    assertThatThrownBy(() -> p.fixedIps().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "compute:nova", "network:dhcp", "network:router_interface",
      "baremetal:none", "compute:az-1.zone"})
  void constructor_validDeviceOwner_accepted(String owner) {
    assertThat(withOwner(owner).deviceOwner()).isEqualTo(owner);
  }

  @ParameterizedTest
  @ValueSource(strings = {"compute nova", "compute/nova", "compute:nova\n", "owner;rm", "é",
      "a,b"})
  void constructor_invalidDeviceOwner_rejected(String owner) {
    rejected(() -> withOwner(owner), "p1", "deviceOwner");
  }

  @Test
  void constructor_deviceOwnerOf255_accepted256_rejected() {
    assertThat(withOwner("o".repeat(255)).deviceOwner()).hasSize(255);

    rejected(() -> withOwner("o".repeat(256)), "p1", "deviceOwner");
  }

  @Test
  void constructor_nullDeviceOwner_rejected() {
    rejected(() -> withOwner(null), "p1", "deviceOwner");
  }

  @Test
  void isDhcpPort_dhcpOwner_true() {
    assertThat(withOwner(Port.DHCP_OWNER).isDhcpPort()).isTrue();
    assertThat(withOwner("network:dhcp").isDhcpPort()).isTrue();
    assertThat(withOwner("network:dhcpx").isDhcpPort()).isFalse();
    assertThat(withOwner("compute:nova").isDhcpPort()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vm", "vm-1", "1vm", "VM-1", "vm-1.example.org", "vm-1.example.org."})
  void constructor_validHostname_accepted(String hostname) {
    assertThat(withHostname(Optional.of(hostname)).hostname()).contains(hostname);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "vm_1", "-vm", "vm-", "vm..example", ".vm", "vm 1", "vm\n",
      "vm;reboot", "vm/1", "*", "vm.-a"})
  void constructor_invalidHostname_rejected(String hostname) {
    rejected(() -> withHostname(Optional.of(hostname)), "p1", "hostname");
  }

  @Test
  void constructor_hostnameLabelOf64_rejected() {
    assertThat(withHostname(Optional.of("h".repeat(63))).hostname()).isPresent();

    rejected(() -> withHostname(Optional.of("h".repeat(64))), "p1", "hostname");
  }

  @Test
  void constructor_nullHostnameOptional_rejected() {
    rejected(() -> withHostname(null), "p1", "hostname");
  }

  @Test
  void constructor_hostnameWithEscapes_escapedInMessage() {
    InvalidResourceException e = catchThrowableOfType(
        () -> withHostname(Optional.of("vm\r\n\u001b[0m")), InvalidResourceException.class);

    assertThat(e.getMessage()).contains("vm\\r\\n\\u001b[0m").contains("'p1'")
        .contains("hostname");
  }

  @Test
  void constructor_sameOptionTwice_rejectedWithIndex() {
    Violation v = rejected(() -> withOptions(List.of(
        ExtraDhcpOption.of("bootfile-name", "a.efi"),
        ExtraDhcpOption.of("tftp-server", "10.0.0.9"),
        ExtraDhcpOption.of("67", "b.efi"))), "p1", "extraDhcpOptions[2]");

    assertThat(v.value()).doesNotContain("b.efi");
  }

  @Test
  void constructor_sameOptionDifferentCondition_accepted() {
    Port p = withOptions(List.of(ExtraDhcpOption.of("bootfile-name", "undionly.kpxe"),
        ExtraDhcpOption.of("tag:ipxe,bootfile-name", "http://10.0.0.1/boot.ipxe")));

    assertThat(p.extraDhcpOptions()).hasSize(2);
  }

  @Test
  void constructor_nullOptionList_rejected() {
    rejected(() -> withOptions(null), "p1", "extraDhcpOptions");
    rejected(() -> withOptions(Arrays.asList((ExtraDhcpOption) null)), "p1",
        "extraDhcpOptions[0]");
  }

  @Test
  void constructor_optionLimit_65Rejected() {
    List<ExtraDhcpOption> options = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      options.add(ExtraDhcpOption.of("bootfile-name", "f" + i));
    }

    rejected(() -> withOptions(options), "p1", "extraDhcpOptions");
  }

  @Test
  void constructor_negativeRevision_rejected() {
    rejected(() -> port("p1", MAC, List.of(), "", Optional.empty(), List.of(), -1), "p1",
        "revision");
  }

  @Test
  void withRevision_newRevision_otherFieldsKept() {
    Port p = Port.builder("p1", "n1", "fa:16:3e:00:00:01").fixedIp("s1", "10.0.0.5")
        .hostname("vm").revision(3).build();

    Port next = p.withRevision(4);

    assertThat(next.revision()).isEqualTo(4);
    assertThat(next.withRevision(3)).isEqualTo(p);
    assertThat(p.revision()).isEqualTo(3);
  }
}
