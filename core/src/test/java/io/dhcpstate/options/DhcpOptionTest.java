package io.dhcpstate.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.IpVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpOptionTest {

  @Test
  void construct_validComponents_aliasesCopied() {
    List<String> aliases = new ArrayList<>(List.of("x-alias"));
    DhcpOption o = new DhcpOption(200, IpVersion.V4, "my-opt", aliases, OptionType.STRING,
        true, true);
    aliases.add("later");
    assertThat(o.aliases()).containsExactly("x-alias");
    assertThat(o.catalogued()).isFalse();
    assertThat(o.hasName("MY-OPT")).isTrue();
    assertThat(o.hasName("X-Alias")).isTrue();
    assertThat(o.hasName("other")).isFalse();
  }

  @Test
  void construct_codeOutOfRange_rejected() {
    assertThatThrownBy(() -> new DhcpOption(0, IpVersion.V4, "x", List.of(), OptionType.STRING,
        true, true)).isInstanceOf(InvalidResourceException.class).hasMessageContaining("1..255");
    assertThatThrownBy(() -> new DhcpOption(256, IpVersion.V4, "x", List.of(),
        OptionType.STRING, true, true)).isInstanceOf(InvalidResourceException.class);
    assertThatThrownBy(() -> new DhcpOption(65536, IpVersion.V6, "x", List.of(),
        OptionType.STRING, true, true)).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("1..65535");
  }

  @Test
  void construct_badName_rejected() {
    assertThatThrownBy(() -> new DhcpOption(3, IpVersion.V4, "rou\nter", List.of(),
        OptionType.STRING, true, true)).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("rou\\nter");
    assertThatThrownBy(() -> new DhcpOption(3, IpVersion.V4, "router", List.of("a,b"),
        OptionType.STRING, true, true)).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("aliases[0]");
    assertThatThrownBy(() -> new DhcpOption(3, IpVersion.V4, "", List.of(),
        OptionType.STRING, true, true)).isInstanceOf(InvalidResourceException.class);
  }

  @Test
  void dnsmasqKey_knownName_optionPrefix() {
    assertThat(DhcpOptionCatalogue.ROUTER.dnsmasqKey()).isEqualTo("option:router");
    assertThat(DhcpOptionCatalogue.T1.dnsmasqKey()).isEqualTo("option:T1");
    assertThat(DhcpOptionCatalogue.DNS_SERVER_V6.dnsmasqKey()).isEqualTo("option6:dns-server");
    assertThat(DhcpOptionCatalogue.SERVER_IP_ADDRESS.dnsmasqKey())
        .isEqualTo("option:server-ip-address");
  }

  @Test
  void dnsmasqKey_nameDnsmasqLacks_code() {
    assertThat(DhcpOptionCatalogue.MS_CLASSLESS_STATIC_ROUTE.dnsmasqKey()).isEqualTo("249");
    assertThat(DhcpOptionCatalogue.get("wpad", IpVersion.V4).dnsmasqKey()).isEqualTo("252");
    assertThat(DhcpOptionCatalogue.get("200", IpVersion.V4).dnsmasqKey()).isEqualTo("200");
    assertThat(DhcpOptionCatalogue.get("1234", IpVersion.V6).dnsmasqKey())
        .isEqualTo("option6:1234");
  }

  @Test
  void normalize_badValue_hiddenViolationOfDhcpOption() {
    assertThatThrownBy(() -> DhcpOptionCatalogue.MTU.normalize("secret\n"))
        .isInstanceOf(InvalidResourceException.class)
        .satisfies(e -> {
          InvalidResourceException ire = (InvalidResourceException) e;
          assertThat(ire.violation().resource()).isEqualTo("dhcp_option");
          assertThat(ire.violation().id()).isEqualTo("mtu");
          assertThat(ire.violation().field()).isEqualTo("value");
          assertThat(ire.violation().reason()).isEqualTo("contains a line break at index 6");
        })
        .message().doesNotContain("secret");
  }

  @Test
  void normalize_canonicalValue_fixedPoint() {
    String once = DhcpOptionCatalogue.DNS_SERVER.normalize(" 8.8.8.8 , 1.1.1.1");
    assertThat(DhcpOptionCatalogue.DNS_SERVER.normalize(once)).isEqualTo(once);
  }

  @Test
  void toString_nameVersionCode() {
    assertThat(DhcpOptionCatalogue.ROUTER).hasToString("router(v4/3)");
  }
}
