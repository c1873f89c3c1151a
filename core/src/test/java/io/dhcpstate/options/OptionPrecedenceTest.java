package io.dhcpstate.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.OptionCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionPrecedenceTest {

  private static ExtraDhcpOption v4(String name, String value) {
    return ExtraDhcpOption.of(name, value);
  }

  @Test
  void forbiddenGlobally_containsNeutronList() {
    assertThat(OptionPrecedence.forbiddenGlobally()).contains(
        DhcpOptionCatalogue.SERVER_IDENTIFIER, DhcpOptionCatalogue.LEASE_TIME,
        DhcpOptionCatalogue.ROUTER, DhcpOptionCatalogue.MTU, DhcpOptionCatalogue.DNS_SERVER,
        DhcpOptionCatalogue.DNS_SERVER_V6, DhcpOptionCatalogue.CLASSLESS_STATIC_ROUTE,
        DhcpOptionCatalogue.MS_CLASSLESS_STATIC_ROUTE,
        DhcpOptionCatalogue.get("static-route", IpVersion.V4));
    assertThat(OptionPrecedence.forbiddenGlobally()).doesNotContain(
        DhcpOptionCatalogue.get("ntp-server", IpVersion.V4),
        DhcpOptionCatalogue.get("bootfile-name", IpVersion.V4),
        DhcpOptionCatalogue.DOMAIN_SEARCH);
    assertThat(OptionPrecedence.forbiddenGlobally()).allMatch(o -> !o.globalAllowed());
  }

  @Test
  void merge_sameKey_higherLevelWins() {
    List<ExtraDhcpOption> merged = OptionPrecedence.merge(
        List.of(v4("router", "10.0.0.1"), v4("domain-search", "a.org"), v4("ntp-server",
            "10.0.0.5")),
        List.of(v4("ntp-server", "10.0.0.6"), v4("domain-search", "b.org")),
        List.of(v4("domain-search", "c.org"), v4("router", "")));
    assertThat(merged).containsExactly(
        v4("router", ""), v4("ntp-server", "10.0.0.6"), v4("domain-search", "c.org"));
  }

  @Test
  void merge_differentConditions_coexist() {
    List<ExtraDhcpOption> merged = OptionPrecedence.merge(
        List.of(),
        List.of(v4("bootfile-name", "pxelinux.0")),
        List.of(v4("tag:ipxe,bootfile-name", "http://10.0.0.1/boot.ipxe"),
            v4("tag:!ipxe,67", "undionly.kpxe")));
    assertThat(merged).extracting(ExtraDhcpOption::condition).containsExactly(
        OptionCondition.ALWAYS, OptionCondition.IPXE, OptionCondition.NOT_IPXE);
    assertThat(merged.get(0).value()).isEqualTo("pxelinux.0");
  }

  @Test
  void merge_sameCodeDifferentVersions_bothKept() {
    ExtraDhcpOption v6 = ExtraDhcpOption.of("dns-server", "2001:db8::1", IpVersion.V6);
    ExtraDhcpOption v4 = v4("dns-server", "10.0.0.2");
    List<ExtraDhcpOption> merged = OptionPrecedence.merge(List.of(v6, v4), List.of(), List.of());
    assertThat(merged).containsExactly(v4, v6);
  }

  @Test
  void merge_duplicateWithinLevel_laterWins() {
    List<ExtraDhcpOption> merged = OptionPrecedence.merge(List.of(),
        List.of(), List.of(v4("66", "a"), v4("tftp-server", "b")));
    assertThat(merged).containsExactly(v4("tftp-server", "b"));
  }

  @Test
  void merge_forbiddenGlobal_rejected() {
    assertThatThrownBy(() -> OptionPrecedence.merge(List.of(), List.of(v4("mtu", "1400")),
        List.of())).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("may not be set globally");
  }

  @Test
  void merge_result_immutable() {
    List<ExtraDhcpOption> merged = OptionPrecedence.merge(List.of(v4("mtu", "1500")),
        List.of(), List.of());
    assertThatThrownBy(() -> merged.add(v4("mtu", "1"))).isInstanceOf(
        UnsupportedOperationException.class);
  }

  @Test
  void checkGlobal_forbiddenAndDuplicate_allReported() {
    assertThatThrownBy(() -> OptionPrecedence.checkGlobal(List.of(v4("router", "10.0.0.1"),
        v4("ntp-server", "10.0.0.1"), v4("42", "10.0.0.2"),
        ExtraDhcpOption.of("dns-server", "::1", IpVersion.V6))))
        .isInstanceOf(InvalidResourceException.class)
        .satisfies(e -> {
          InvalidResourceException ire = (InvalidResourceException) e;
          assertThat(ire.violations()).hasSize(3);
          assertThat(ire.violations().get(0).id()).isEqualTo("router");
          assertThat(ire.violations().get(1).reason()).isEqualTo("is set twice for DHCPv4");
          assertThat(ire.violations().get(2).id()).isEqualTo("dns-server");
        });
  }

  @Test
  void checkGlobal_allowed_returnsCopy() {
    List<ExtraDhcpOption> global = List.of(v4("ntp-server", "10.0.0.1"), v4("200", "x"));
    assertThat(OptionPrecedence.checkGlobal(global)).isEqualTo(global);
  }
}
