package io.dhcpstate.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.model.IpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of each {@link OptionType}, through {@link DhcpOption#normalize(String)}. */
class OptionTypeTest {

  private static DhcpOption v4(String name) {
    return DhcpOptionCatalogue.get(name, IpVersion.V4);
  }

  private static DhcpOption v6(String name) {
    return DhcpOptionCatalogue.get(name, IpVersion.V6);
  }

  private static Violation rejected(DhcpOption option, String value) {
    try {
      option.normalize(value);
    } catch (InvalidResourceException e) {
      assertThat(e.violation().field()).isEqualTo("value");
      assertThat(e.violation().value()).isEqualTo("<hidden>");
      return e.violation();
    }
    throw new AssertionError("accepted " + option + " value");
  }

  @Test
  void isList_listTypes_true() {
    assertThat(OptionType.IP_LIST.isList()).isTrue();
    assertThat(OptionType.DOMAIN_LIST.isList()).isTrue();
    assertThat(OptionType.ROUTES.isList()).isTrue();
    assertThat(OptionType.STRING.isList()).isFalse();
    assertThat(OptionType.HEX.allowsEmpty()).isFalse();
    assertThat(OptionType.IP_LIST.allowsEmpty()).isTrue();
  }

  @Test
  void ip_v4Address_canonical() {
    assertThat(v4("netmask").normalize("255.255.255.0")).isEqualTo("255.255.255.0");
    assertThat(v4("server-ip-address").normalize("0.0.0.0")).isEqualTo("0.0.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0", "10.0.0.256", "010.0.0.1", "2001:db8::1", " 10.0.0.1", "x"})
  void ip_notAnIpv4Address_rejected(String value) {
    assertThat(rejected(v4("netmask"), value).reason()).isEqualTo("not an IPv4 address");
  }

  @Test
  void ip_v6OptionWithBrackets_bracketsDropped() {
    assertThat(v6("dns-server").normalize("[2001:DB8:0::1]")).isEqualTo("2001:db8::1");
  }

  @Test
  void ipList_spacesAndZeros_canonical() {
    assertThat(v4("dns-server").normalize("8.8.8.8, 10.0.0.1 ,1.1.1.1"))
        .isEqualTo("8.8.8.8,10.0.0.1,1.1.1.1");
    assertThat(v6("dns-server").normalize("2001:db8:0:0:0:0:0:1,[::1]"))
        .isEqualTo("2001:db8::1,::1");
  }

  @Test
  void ipList_empty_allowed() {
    assertThat(v4("router").normalize("")).isEmpty();
  }

  @Test
  void ipList_badElement_namesElement() {
    assertThat(rejected(v4("dns-server"), "8.8.8.8,8.8.4").reason())
        .isEqualTo("not an IPv4 address list: element 2 is not an IPv4 address");
    assertThat(rejected(v4("dns-server"), "8.8.8.8,,1.1.1.1").reason())
        .isEqualTo("not an IPv4 address list: element 2 is empty");
    assertThat(rejected(v4("dns-server"), "2001:db8::1").reason())
        .contains("element 1 is not an IPv4 address");
    assertThat(rejected(v6("dns-server"), "10.0.0.1").reason())
        .contains("element 1 is not an IPv6 address");
  }

  @Test
  void ipList_64Ipv4Addresses_overCap() {
    String value = String.join(",", java.util.Collections.nCopies(64, "10.0.0.1"));
    assertThat(rejected(v4("ntp-server"), value).reason()).contains("at most 255");
    String fits = String.join(",", java.util.Collections.nCopies(63, "10.0.0.1"));
    assertThat(v4("ntp-server").normalize(fits)).isEqualTo(fits);
  }

  @ParameterizedTest
  @CsvSource({"mtu,1500,1500", "mtu,01500,1500", "mtu,0,0", "default-ttl,255,255",
      "T1,4294967295,4294967295", "lease-time,000,0"})
  void int_inRange_leadingZerosDropped(String name, String value, String normal) {
    assertThat(v4(name).normalize(value)).isEqualTo(normal);
  }

  @ParameterizedTest
  @CsvSource({"default-ttl,256,is out of range 0..255", "mtu,65536,is out of range 0..65535",
      "T2,4294967296,is out of range 0..4294967295",
      "T2,99999999999999999999,is out of range 0..4294967295",
      "mtu,-1,not a decimal number in 0..65535: non-digit at index 0",
      "mtu,1h,not a decimal number in 0..65535: non-digit at index 1",
      "mtu,1 5,not a decimal number in 0..65535: non-digit at index 1"})
  void int_badNumber_rejectedWithReason(String name, String value, String reason) {
    assertThat(rejected(v4(name), value).reason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,1", "true,1", "FALSE,0", "True,1"})
  void bool_flag_normalisedToDigit(String value, String normal) {
    assertThat(v4("ip-forward-enable").normalize(value)).isEqualTo(normal);
  }

  @Test
  void bool_other_rejected() {
    assertThat(rejected(v4("ip-forward-enable"), "yes").reason()).startsWith("not a flag");
    assertThat(rejected(v4("ip-forward-enable"), "2").reason()).startsWith("not a flag");
  }

  @Test
  void string_pathOrUrl_keptAsGiven() {
    assertThat(v4("bootfile-name").normalize("pxelinux.0")).isEqualTo("pxelinux.0");
    assertThat(v4("bootfile-name").normalize("http://10.0.0.1:8080/boot.ipxe?a=b&c=D"))
        .isEqualTo("http://10.0.0.1:8080/boot.ipxe?a=b&c=D");
    assertThat(v4("tftp-server").normalize("Boot Server 1")).isEqualTo("Boot Server 1");
  }

  @Test
  void string_comma_rejected() {
    assertThat(rejected(v4("bootfile-name"), "a,b").reason())
        .isEqualTo("contains a comma at index 1 but a value of option bootfile-name (STRING)"
            + " is a single item");
  }

  @Test
  void string_spacesAndComment_rejected() {
    assertThat(rejected(v4("root-path"), " x").reason()).isEqualTo("starts with a space");
    assertThat(rejected(v4("root-path"), "x ").reason()).isEqualTo("ends with a space");
    assertThat(rejected(v4("root-path"), "x #y").reason()).contains("'#' after a space at index 2");
    assertThat(v4("root-path").normalize("x#y")).isEqualTo("x#y");
  }

  @Test
  void string_empty_rejected() {
    assertThat(rejected(v4("bootfile-name"), "").reason())
        .isEqualTo("is empty; a value of option bootfile-name (STRING) needs a value");
  }

  @Test
  void string_over255Bytes_rejected() {
    assertThat(v4("bootfile-name").normalize("a".repeat(255))).hasSize(255);
    assertThat(rejected(v4("bootfile-name"), "a".repeat(256)).reason())
        .isEqualTo("encodes to 256 bytes (256 characters); a DHCPv4 option value here holds"
            + " at most 255");
    assertThat(v6("bootfile-url").normalize("a".repeat(1024))).hasSize(1024);
    assertThat(rejected(v6("bootfile-url"), "a".repeat(1025)).reason()).contains("at most 1024");
  }

  @Test
  void anyType_over2048Characters_rejectedBeforeParsing() {
    assertThat(rejected(v4("dns-server"), "1".repeat(2049)).reason())
        .isEqualTo("is 2049 characters long; at most 2048 are accepted");
  }

  @Test
  void domainName_upperCaseAndTrailingDot_normalised() {
    assertThat(v4("domain-name").normalize("Example.ORG.")).isEqualTo("example.org");
  }

  @Test
  void domainName_badLabel_rejected() {
    assertThat(rejected(v4("domain-name"), "-bad.org").reason()).startsWith("not a DNS name: ");
    assertThat(rejected(v4("domain-name"), "a..b").reason()).startsWith("not a DNS name: ");
    assertThat(rejected(v4("domain-name"), "a_b.org").reason()).startsWith("not a DNS name: ");
  }

  @Test
  void domainList_names_normalised() {
    assertThat(v4("domain-search").normalize("Example.org, corp.example.org."))
        .isEqualTo("example.org,corp.example.org");
    assertThat(v6("domain-search").normalize("")).isEmpty();
  }

  @Test
  void domainList_badElement_namesElement() {
    assertThat(rejected(v4("domain-search"), "a.org,b..org").reason())
        .startsWith("not a domain list: element 2: ");
  }

  @Test
  void routes_pairs_canonical() {
    assertThat(v4("classless-static-route")
        .normalize("169.254.169.254/32, 10.0.0.1,0.0.0.0/0,10.0.0.1"))
        .isEqualTo("169.254.169.254/32,10.0.0.1,0.0.0.0/0,10.0.0.1");
    assertThat(v4("ms-classless-static-route").normalize("")).isEmpty();
  }

  @Test
  void routes_malformed_rejectedWithElement() {
    DhcpOption routes = v4("classless-static-route");
    assertThat(rejected(routes, "10.0.0.0/8").reason())
        .isEqualTo("not a route list: it has 1 elements but routes come in destination,next-hop"
            + " pairs");
    assertThat(rejected(routes, "10.0.0.1/8,10.0.0.1").reason())
        .isEqualTo("not a route list: element 1 has host bits set");
    assertThat(rejected(routes, "10.0.0.0/33,10.0.0.1").reason())
        .isEqualTo("not a route list: element 1 has a prefix length over 32");
    assertThat(rejected(routes, "10.0.0.0,10.0.0.1").reason())
        .isEqualTo("not a route list: element 1 is not an IPv4 destination CIDR");
    assertThat(rejected(routes, "10.0.0.0/08,10.0.0.1").reason())
        .isEqualTo("not a route list: element 1 is not an IPv4 destination CIDR");
    assertThat(rejected(routes, "10.0.0.0/8,10.0.0.1,0.0.0.0/0,gw").reason())
        .isEqualTo("not a route list: element 4 is not an IPv4 next hop");
  }

  @Test
  void hex_bytes_twoLowerDigitsEach() {
    assertThat(v4("vendor-encap").normalize("1:FA:16:3e")).isEqualTo("01:fa:16:3e");
  }

  @Test
  void hex_badByte_rejected() {
    assertThat(rejected(v4("vendor-encap"), "01:fag").reason())
        .isEqualTo("not colon-separated hex bytes: byte 2 is not one or two hex digits");
    assertThat(rejected(v4("vendor-encap"), "01::02").reason()).contains("byte 2");
  }

  @Test
  void hex_clientIdString_acceptedAsString() {
    DhcpOption clientId = v4("client-id");
    assertThat(clientId.normalize("01:FA:16:3E:00:00:01")).isEqualTo("01:fa:16:3e:00:00:01");
    assertThat(clientId.normalize("my-client")).isEqualTo("my-client");
    assertThat(rejected(clientId, "a,b").reason())
        .isEqualTo("contains a comma at index 1 but a client identifier is a single item");
    assertThat(rejected(clientId, " a").reason())
        .isEqualTo("neither colon hex nor a plain string: starts with a space");
    assertThat(v6("client-id").normalize("00:01:00:01")).isEqualTo("00:01:00:01");
  }
}
