package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.options.DhcpOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property (b): every value {@link InvalidValues} generates is refused by each field it is
 * meant for, and the violation and the message name that field without printing the value
 * raw.
 */
class InvalidValuesPropertiesTest {
  private static final int EXAMPLES = 300;

  private static void refusedEverywhere(Gen<String> values, List<FieldSink> sinks) {
    qt().withExamples(EXAMPLES).forAll(values).checkAssert(v -> {
      for (FieldSink sink : sinks) {
        sink.assertRefuses(v);
      }
    });
  }

  @Test
  void invalidIds_everyIdField_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidIds(), FieldSink.ids());
  }

  @Test
  void invalidHostnames_portAndLeaseHostname_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidHostnames(), FieldSink.hostnames());
  }

  @Test
  void invalidDnsDomains_networkDnsDomain_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidDnsDomains(), List.of(FieldSink.dnsDomain()));
  }

  @Test
  void invalidDisplayNames_networkName_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidDisplayNames(), List.of(FieldSink.displayName()));
  }

  @Test
  void invalidDeviceOwners_portDeviceOwner_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidDeviceOwners(), List.of(FieldSink.deviceOwner()));
  }

  @Test
  void invalidMacs_macParsers_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidMacs(), FieldSink.macTexts());
  }

  @Test
  void invalidIpTexts_addressParsersAndFields_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidIpTexts(), FieldSink.ipTexts());
  }

  @Test
  void invalidCidrs_prefixParsersAndFields_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidCidrs(), FieldSink.cidrTexts());
  }

  @Test
  void invalidClientIds_leaseClientId_refusedNamingField() {
    refusedEverywhere(InvalidValues.invalidClientIds(), List.of(FieldSink.clientId()));
  }

  @Test
  void invalidOptionNames_bothVersions_refusedNamingName() {
    for (IpVersion v : IpVersion.values()) {
      refusedEverywhere(InvalidValues.invalidOptionNames(v), List.of(FieldSink.optionName(v)));
    }
  }

  @Test
  void invalidOptionValues_everySettableOption_refusedNamingValueHidden() {
    List<DhcpOption> options = new ArrayList<>(Options.settableOptions(IpVersion.V4));
    options.addAll(Options.settableOptions(IpVersion.V6));
    Gen<OptionValue> values = rs -> {
      DhcpOption o = Draws.pick(rs, options);
      return new OptionValue(o, InvalidValues.invalidOptionValues(o).generate(rs));
    };
    qt().withExamples(EXAMPLES * 3).forAll(values)
        .describedAs(ov -> ov.option() + " = " + InjectionCorpus.escape(ov.value()))
        .checkAssert(ov -> FieldSink.optionValue(ov.option()).assertRefuses(ov.value()));
  }

  private record OptionValue(DhcpOption option, String value) {}

  @Test
  void invalidPortMacs_port_refusedNamingMac() {
    qt().withExamples(EXAMPLES).forAll(InvalidValues.invalidPortMacs()).checkAssert(mac ->
        refused("mac", () -> new Port("p1", "n1", mac, List.of(), "", true, Optional.empty(),
            List.of(), 0)));
  }

  @Test
  void invalidMtus_network_refusedNamingMtu() {
    qt().withExamples(EXAMPLES).forAll(InvalidValues.invalidMtus()).checkAssert(mtu ->
        refused("mtu", () -> new Network("n1", "", true, mtu, Optional.empty(), 0)));
  }

  @Test
  void invalidRevisions_everyRevisionField_refusedNamingRevision() {
    MacAddress mac = MacAddress.parse("fa:16:3e:00:00:01");
    qt().withExamples(EXAMPLES).forAll(InvalidValues.invalidRevisions()).checkAssert(r -> {
      refused("revision", () -> Network.of("n1").withRevision(r));
      refused("revision", () -> Subnet.builder("s1", "n1", "10.0.0.0/24").revision(r).build());
      refused("revision", () -> Port.builder("p1", "n1", mac.toString()).revision(r).build());
    });
  }

  private static void refused(String field, Runnable attempt) {
    InvalidResourceException e = catchThrowableOfType(InvalidResourceException.class,
        attempt::run);
    assertThat(e).as("accepted; expected a violation of %s", field).isNotNull();
    assertThat(e.violation().field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
    FieldSink.assertPrintable(e.getMessage(), field, "a " + field);
  }
}
