package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.DhcpOptionCatalogue;
import io.dhcpstate.options.OptionType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtraDhcpOptionTest {

  private static Violation violation(Runnable r) {
    try {
      r.run();
    } catch (InvalidResourceException e) {
      assertThat(e.violation().resource()).isEqualTo("extra_dhcp_opt");
      return e.violation();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void of_catalogueName_normalisedValue() {
    ExtraDhcpOption o = ExtraDhcpOption.of("dns-server", "8.8.8.8, 8.8.4.4");
    assertThat(o.option()).isEqualTo(DhcpOptionCatalogue.DNS_SERVER);
    assertThat(o.value()).isEqualTo("8.8.8.8,8.8.4.4");
    assertThat(o.ipVersion()).isEqualTo(IpVersion.V4);
    assertThat(o.condition()).isEqualTo(OptionCondition.ALWAYS);
    assertThat(o.name()).isEqualTo("dns-server");
  }

  @Test
  void of_codeOrNameOrAlias_equalOptions() {
    assertThat(ExtraDhcpOption.of("3", "10.0.0.1"))
        .isEqualTo(ExtraDhcpOption.of("ROUTER", "10.0.0.1"))
        .isEqualTo(ExtraDhcpOption.of(DhcpOptionCatalogue.ROUTER, "10.0.0.1"));
    assertThat(ExtraDhcpOption.of("server-id", "10.0.0.2").option().code()).isEqualTo(54);
  }

  @ParameterizedTest
  @CsvSource({"'tag:ipxe,bootfile-name',V4,IPXE", "'tag:!ipxe,67',V4,NOT_IPXE",
      "'TAG:iPXE,bootfile-name',V4,IPXE", "'tag:ipxe,bootfile-url',V6,IPXE",
      "'tag:ipxe6,59',V6,IPXE", "'tag:!ipxe6,bootfile-url',V6,NOT_IPXE"})
  void of_ipxePrefix_typedCondition(String name, IpVersion version, OptionCondition cond) {
    ExtraDhcpOption o = ExtraDhcpOption.of(name, "http://10.0.0.1/boot.ipxe", version);
    assertThat(o.condition()).isEqualTo(cond);
    assertThat(o.name()).startsWith(cond == OptionCondition.IPXE ? "tag:ipxe," : "tag:!ipxe,");
  }

  @Test
  void of_v6Option_v6Values() {
    ExtraDhcpOption o = ExtraDhcpOption.of("dns-server", "[2001:DB8::1]", IpVersion.V6);
    assertThat(o.option()).isEqualTo(DhcpOptionCatalogue.DNS_SERVER_V6);
    assertThat(o.value()).isEqualTo("2001:db8::1");
  }

  @Test
  void of_clientId_hexOrString() {
    assertThat(ExtraDhcpOption.of("client-id", "FF:00:00:00:00:00:02:00:00:02:C9").value())
        .isEqualTo("ff:00:00:00:00:00:02:00:00:02:c9");
    assertThat(ExtraDhcpOption.of("client-id", "host-17").value()).isEqualTo("host-17");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tag:foo,router", "tag:subnet-1,router", "set:ipxe,router",
      "router,set:x", "tag:ipxe,tag:ipxe,router", "tag:ipxe", "tag:ipxe,",
      "tag:ipxe6,bootfile-name", "option:router", "router,tag:ipxe", "rou ter", "",
      "tag:ipxe,,router"})
  void of_badName_rejectedOnNameField(String name) {
    Violation v = violation(() -> ExtraDhcpOption.of(name, "10.0.0.1"));
    assertThat(v.field()).isEqualTo("name");
    assertThat(v.id()).isEqualTo(Violation.of("x", name, "f", "", "r").id());
  }

  @Test
  void of_nameWithLineBreak_rejectedAndEscaped() {
    Violation v = violation(() -> ExtraDhcpOption.of("router\ndhcp-range=1", "10.0.0.1"));
    assertThat(v.field()).isEqualTo("name");
    assertThat(v.reason()).isEqualTo("contains a line break at index 6");
    assertThat(v.id()).isEqualTo("router\\ndhcp-range=1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-option", "0", "255", "256", "0066"})
  void of_unknownNameOrCode_rejected(String name) {
    Violation v = violation(() -> ExtraDhcpOption.of(name, "x"));
    assertThat(v.field()).isEqualTo("name");
    assertThat(v.reason()).isEqualTo("not a DHCPv4 option name or a code in 1..254");
  }

  @Test
  void of_nameOfOtherVersion_rejectedOnIpVersion() {
    Violation v = violation(() -> ExtraDhcpOption.of("bootfile-url", "http://x/"));
    assertThat(v.field()).isEqualTo("ipVersion");
    assertThat(v.reason()).isEqualTo("option bootfile-url is a DHCPv6 option, not DHCPv4");
    Violation v6 = violation(() -> ExtraDhcpOption.of("router", "::1", IpVersion.V6));
    assertThat(v6.field()).isEqualTo("ipVersion");
  }

  @Test
  void of_internalOption_rejected() {
    Violation v = violation(() -> ExtraDhcpOption.of("53", "1"));
    assertThat(v.field()).isEqualTo("name");
    assertThat(v.reason()).contains("message-type").contains("may not be set");
  }

  @Test
  void of_badValue_hiddenWithGivenNameAsId() {
    Violation v = violation(() -> ExtraDhcpOption.of("tag:ipxe,67", "boot\r\nx"));
    assertThat(v.field()).isEqualTo("value");
    assertThat(v.value()).isEqualTo("<hidden>");
    assertThat(v.id()).isEqualTo("tag:ipxe,67");
    assertThat(v.reason()).isEqualTo("contains a line break at index 4");
  }

  @Test
  void of_cve202140085Payload_rejectedWithoutEcho() {
    String payload = "pxelinux.0\ndhcp-option-force=option:router,6.6.6.6\nconf-file=/evil";
    assertThatThrownBy(() -> ExtraDhcpOption.of("bootfile-name", payload))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("line break at index 10")
        .message().doesNotContain("6.6.6.6").doesNotContain("evil");
  }

  @Test
  void of_valueWithTagOrSet_rejected() {
    assertThat(violation(() -> ExtraDhcpOption.of("bootfile-name", "x,tag:foo")).reason())
        .startsWith("contains 'tag:' at index 2");
    assertThat(violation(() -> ExtraDhcpOption.of("dns-server", "10.0.0.1,set:x")).reason())
        .startsWith("contains 'set:' at index 9");
    assertThat(violation(() -> ExtraDhcpOption.of("bootfile-name", "pre-Tag:foo")).reason())
        .isEqualTo("contains 'tag:' at index 4; conditions belong in the option name, never"
            + " in a value");
    assertThat(violation(() -> ExtraDhcpOption.of("200", "set:foo")).reason())
        .startsWith("contains 'set:' at index 0");
  }

  @Test
  void of_opaqueCode_stringChecked() {
    ExtraDhcpOption o = ExtraDhcpOption.of("200", "anything-safe");
    assertThat(o.option().type()).isEqualTo(OptionType.STRING);
    assertThat(o.option().catalogued()).isFalse();
    assertThat(violation(() -> ExtraDhcpOption.of("200", "a\"b")).reason())
        .isEqualTo("contains a quote at index 1");
    assertThat(ExtraDhcpOption.of("60000", "x", IpVersion.V6).option().code()).isEqualTo(60000);
  }

  @Test
  void construct_normalisesValue() {
    ExtraDhcpOption o = new ExtraDhcpOption(DhcpOptionCatalogue.MTU, "01400", IpVersion.V4,
        OptionCondition.ALWAYS);
    assertThat(o.value()).isEqualTo("1400");
  }

  @Test
  void construct_invalidValue_rejected() {
    Violation v = violation(() -> new ExtraDhcpOption(DhcpOptionCatalogue.MTU, "1400\n",
        IpVersion.V4, OptionCondition.ALWAYS));
    assertThat(v.field()).isEqualTo("value");
    assertThat(v.id()).isEqualTo("mtu");
  }

  @Test
  void construct_versionMismatch_rejected() {
    Violation v = violation(() -> new ExtraDhcpOption(DhcpOptionCatalogue.MTU, "1400",
        IpVersion.V6, OptionCondition.ALWAYS));
    assertThat(v.field()).isEqualTo("ipVersion");
  }

  @Test
  void construct_forgedOption_rejected() {
    DhcpOption fakeRouter = new DhcpOption(3, IpVersion.V4, "router", List.of(),
        OptionType.STRING, true, true);
    Violation v = violation(() -> new ExtraDhcpOption(fakeRouter, "x", IpVersion.V4,
        OptionCondition.ALWAYS));
    assertThat(v.field()).isEqualTo("name");
    assertThat(v.reason()).isEqualTo("is not the catalogue's definition of DHCPv4 option 3");
  }

  @Test
  void construct_internalOption_rejected() {
    DhcpOption messageType = DhcpOptionCatalogue.get("message-type", IpVersion.V4);
    assertThat(violation(() -> ExtraDhcpOption.of(messageType, "1")).field()).isEqualTo("name");
  }

  @Test
  void construct_null_throwsNpe() {
    assertThatThrownBy(() -> new ExtraDhcpOption(null, "x", IpVersion.V4,
        OptionCondition.ALWAYS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ExtraDhcpOption.of("router", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void name_roundTrip_equalOption() {
    ExtraDhcpOption o = ExtraDhcpOption.of("tag:!ipxe6,59", "tftp://[2001:db8::1]/ipxe.efi",
        IpVersion.V6);
    assertThat(ExtraDhcpOption.of(o.name(), o.value(), o.ipVersion())).isEqualTo(o);
  }

  @Test
  void toString_hidesValue() {
    ExtraDhcpOption o = ExtraDhcpOption.of("tag:ipxe,bootfile-name", "http://x/?token=s3cr3t");
    assertThat(o.toString()).doesNotContain("s3cr3t")
        .isEqualTo("ExtraDhcpOption[tag:ipxe,bootfile-name (v4/67) = <hidden>]");
  }

  @Test
  void conditionDnsmasqTag_perVersion() {
    assertThat(OptionCondition.ALWAYS.dnsmasqTag(IpVersion.V4)).isEmpty();
    assertThat(OptionCondition.IPXE.dnsmasqTag(IpVersion.V4)).contains("tag:ipxe");
    assertThat(OptionCondition.NOT_IPXE.dnsmasqTag(IpVersion.V4)).contains("tag:!ipxe");
    assertThat(OptionCondition.IPXE.dnsmasqTag(IpVersion.V6)).contains("tag:ipxe6");
    assertThat(OptionCondition.NOT_IPXE.dnsmasqTag(IpVersion.V6)).contains("tag:!ipxe6");
    assertThat(OptionCondition.ALWAYS.namePrefix()).isEmpty();
  }
}
