package io.dhcpstate.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.IpVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DhcpOptionCatalogueTest {

  @ParameterizedTest
  @CsvSource({"router,3,IP_LIST", "dns-server,6,IP_LIST", "domain-search,119,DOMAIN_LIST",
      "classless-static-route,121,ROUTES", "bootfile-name,67,STRING", "tftp-server,66,STRING",
      "server-ip-address,255,IP", "ntp-server,42,IP_LIST", "T1,58,INT32", "t2,59,INT32",
      "mtu,26,INT16", "MTU,26,INT16", "client-id,61,HEX", "server-id,54,IP",
      "tftp-server-address,150,IP_LIST", "wpad,252,STRING", "path-prefix,210,STRING",
      "config-file,209,STRING", "etherboot,175,HEX", "ms-classless-static-route,249,ROUTES",
      "hostname,12,DOMAIN_NAME", "domain-name,15,DOMAIN_NAME", "lease-time,51,INT32",
      "vendor-class,60,STRING", "user-class,77,STRING", "agent-info,82,HEX"})
  void findV4_knownName_option(String name, int code, OptionType type) {
    DhcpOption option = DhcpOptionCatalogue.find(name, IpVersion.V4).orElseThrow();
    assertThat(option.code()).isEqualTo(code);
    assertThat(option.type()).isEqualTo(type);
    assertThat(option.ipVersion()).isEqualTo(IpVersion.V4);
    assertThat(option.catalogued()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"dns-server,23,IP_LIST", "domain-search,24,DOMAIN_LIST", "sntp-server,31,IP_LIST",
      "ntp-server,56,IP_LIST", "bootfile-url,59,STRING", "bootfile-param,60,STRING",
      "FQDN,39,DOMAIN_NAME", "client-id,1,HEX"})
  void findV6_knownName_option(String name, int code, OptionType type) {
    DhcpOption option = DhcpOptionCatalogue.find(name, IpVersion.V6).orElseThrow();
    assertThat(option.code()).isEqualTo(code);
    assertThat(option.type()).isEqualTo(type);
    assertThat(option.ipVersion()).isEqualTo(IpVersion.V6);
  }

  @Test
  void find_codeOfKnownOption_sameAsName() {
    assertThat(DhcpOptionCatalogue.find("3", IpVersion.V4))
        .contains(DhcpOptionCatalogue.ROUTER);
    assertThat(DhcpOptionCatalogue.find("23", IpVersion.V6))
        .contains(DhcpOptionCatalogue.DNS_SERVER_V6);
  }

  @ParameterizedTest
  @CsvSource({"200,V4", "254,V4", "25,V4", "65535,V6", "100,V6"})
  void find_uncataloguedCodeInRange_opaqueString(int code, IpVersion version) {
    DhcpOption option = DhcpOptionCatalogue.find(Integer.toString(code), version).orElseThrow();
    assertThat(option.catalogued()).isFalse();
    assertThat(option.type()).isEqualTo(OptionType.STRING);
    assertThat(option.name()).isEqualTo(Integer.toString(code));
    assertThat(option.globalAllowed()).isTrue();
    assertThat(option.portAllowed()).isTrue();
    assertThat(option.aliases()).isEmpty();
    assertThat(option.code()).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({"0,V4", "255,V4", "256,V4", "0,V6", "65536,V6", "007,V4", "-1,V4", "+3,V4",
      "'',V4", "3.0,V4", "123456,V6"})
  void find_badCode_empty(String code, IpVersion version) {
    assertThat(DhcpOptionCatalogue.find(code, version)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-option", "option:router", "router ", "bootfile-url",
      "tag:ipxe,router"})
  void findV4_unknownName_empty(String name) {
    assertThat(DhcpOptionCatalogue.find(name, IpVersion.V4)).isEmpty();
  }

  @Test
  void get_unknown_throwsNamingField() {
    assertThatThrownBy(() -> DhcpOptionCatalogue.get("nope\n", IpVersion.V4))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("name = \"nope\\n\"")
        .hasMessageContaining("not a DHCPv4 option name or a code in 1..254");
  }

  @Test
  void byCode_serverIpAddress_pseudoOption() {
    assertThat(DhcpOptionCatalogue.byCode(255, IpVersion.V4))
        .contains(DhcpOptionCatalogue.SERVER_IP_ADDRESS);
    assertThat(DhcpOptionCatalogue.byCode(0, IpVersion.V4)).isEmpty();
    assertThat(DhcpOptionCatalogue.byCode(256, IpVersion.V4)).isEmpty();
    assertThat(DhcpOptionCatalogue.byCode(255, IpVersion.V6)).isPresent();
  }

  @Test
  void all_eachVersion_uniqueNamesAndCodes() {
    for (IpVersion version : IpVersion.values()) {
      List<DhcpOption> all = DhcpOptionCatalogue.all(version);
      Set<String> names = new HashSet<>();
      Set<Integer> codes = new HashSet<>();
      for (DhcpOption o : all) {
        assertThat(o.ipVersion()).isEqualTo(version);
        assertThat(codes.add(o.code())).as("code %s", o).isTrue();
        assertThat(names.add(o.name().toLowerCase(Locale.ROOT))).as("name %s", o).isTrue();
        for (String alias : o.aliases()) {
          assertThat(names.add(alias.toLowerCase(Locale.ROOT))).as("alias %s", alias).isTrue();
          assertThat(DhcpOptionCatalogue.find(alias, version)).contains(o);
        }
        assertThat(DhcpOptionCatalogue.find(o.name(), version)).contains(o);
        assertThat(DhcpOptionCatalogue.byCode(o.code(), version)).contains(o);
      }
    }
    assertThat(DhcpOptionCatalogue.all(IpVersion.V4)).hasSizeGreaterThan(80);
    assertThat(DhcpOptionCatalogue.all(IpVersion.V6)).hasSizeGreaterThan(25);
  }

  @Test
  void constants_match_lookups() {
    assertThat(DhcpOptionCatalogue.NETMASK.code()).isEqualTo(1);
    assertThat(DhcpOptionCatalogue.DNS_SERVER.code()).isEqualTo(6);
    assertThat(DhcpOptionCatalogue.DOMAIN_NAME.code()).isEqualTo(15);
    assertThat(DhcpOptionCatalogue.MTU.code()).isEqualTo(26);
    assertThat(DhcpOptionCatalogue.BROADCAST.code()).isEqualTo(28);
    assertThat(DhcpOptionCatalogue.LEASE_TIME.code()).isEqualTo(51);
    assertThat(DhcpOptionCatalogue.SERVER_IDENTIFIER.code()).isEqualTo(54);
    assertThat(DhcpOptionCatalogue.T1.code()).isEqualTo(58);
    assertThat(DhcpOptionCatalogue.T2.code()).isEqualTo(59);
    assertThat(DhcpOptionCatalogue.CLIENT_ID.code()).isEqualTo(61);
    assertThat(DhcpOptionCatalogue.DOMAIN_SEARCH.code()).isEqualTo(119);
    assertThat(DhcpOptionCatalogue.CLASSLESS_STATIC_ROUTE.code()).isEqualTo(121);
    assertThat(DhcpOptionCatalogue.MS_CLASSLESS_STATIC_ROUTE.code()).isEqualTo(249);
    assertThat(DhcpOptionCatalogue.CLIENT_ID_V6.code()).isEqualTo(1);
    assertThat(DhcpOptionCatalogue.DOMAIN_SEARCH_V6.code()).isEqualTo(24);
  }

  @Test
  void internalOptions_notSettable() {
    for (String name : List.of("message-type", "requested-address", "parameter-request",
        "agent-info", "option-overload", "max-message-size", "subnet-select")) {
      DhcpOption o = DhcpOptionCatalogue.get(name, IpVersion.V4);
      assertThat(o.portAllowed()).as(name).isFalse();
      assertThat(o.globalAllowed()).as(name).isFalse();
    }
    assertThat(DhcpOptionCatalogue.get("server-id", IpVersion.V6).portAllowed()).isFalse();
  }
}
