package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.model.AllocationPool;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.HostRoute;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.options.DhcpOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One place a string from outside enters the model: a record field, a builder setter or a
 * parser, with the violation field it must name and the strings it must refuse. Every other
 * input of the attempt is valid, so a rejection can only come from the value under test.
 *
 * @param name a label for reports, such as {@code "port.hostname"}
 * @param field the field the violation must name
 * @param attempt builds something from the value; must throw for a refused value
 * @param mustRefuse which corpus strings this place must refuse
 * @param hidden whether the model hides the value (option values may hold secrets)
 */
record FieldSink(String name, String field, Consumer<String> attempt,
    Predicate<String> mustRefuse, boolean hidden) {

  private static final MacAddress MAC = MacAddress.parse("fa:16:3e:00:00:01");
  private static final IpAddress IP = IpAddress.parse("10.0.0.5");

  static FieldSink of(String name, String field, Consumer<String> attempt) {
    return new FieldSink(name, field, attempt, Kinds.refusing(InjectionCorpus.ALL_KINDS), false);
  }

  FieldSink refusing(Predicate<String> refused) {
    return new FieldSink(name, field, attempt, refused, hidden);
  }

  /** The id fields of every resource. */
  static List<FieldSink> ids() {
    return List.of(
        of("network.id", "id", v -> Network.of(v)),
        of("subnet.id", "id", v -> Subnet.builder(v, "n1", "10.0.0.0/24").build()),
        of("subnet.networkId", "networkId", v -> Subnet.builder("s1", v, "10.0.0.0/24").build()),
        of("port.id", "id", v -> Port.builder(v, "n1", MAC.toString()).build()),
        of("port.networkId", "networkId", v -> Port.builder("p1", v, MAC.toString()).build()),
        of("fixedIp.subnetId", "subnetId", v -> new FixedIp(v, IP)),
        of("port.fixedIp.subnetId", "subnetId",
            v -> Port.builder("p1", "n1", MAC.toString()).fixedIp(v, "10.0.0.5").build()),
        of("lease.networkId", "networkId", v -> lease(v, Optional.empty(), Optional.empty())));
  }

  /** The host name fields of ports and leases. */
  static List<FieldSink> hostnames() {
    return List.of(
        of("port.hostname", "hostname",
            v -> Port.builder("p1", "n1", MAC.toString()).hostname(v).build()),
        of("lease.hostname", "hostname", v -> lease("n1", Optional.empty(), Optional.of(v))));
  }

  static FieldSink dnsDomain() {
    return of("network.dnsDomain", "dnsDomain",
        v -> new Network("n1", "", true, 1500, Optional.of(v), 0));
  }

  static FieldSink deviceOwner() {
    return of("port.deviceOwner", "deviceOwner",
        v -> Port.builder("p1", "n1", MAC.toString()).deviceOwner(v).build())
        .refusing(Kinds.refusing(Kinds.DEVICE_OWNER));
  }

  static FieldSink displayName() {
    return of("network.name", "name", v -> new Network("n1", v, true, 1500, Optional.empty(), 0))
        .refusing(Kinds.refusing(Kinds.DISPLAY_NAME));
  }

  static FieldSink clientId() {
    return of("lease.clientId", "clientId", v -> lease("n1", Optional.of(v), Optional.empty()));
  }

  /** Every parser and field that takes a MAC as text. */
  static List<FieldSink> macTexts() {
    return List.of(of("MacAddress.parse", "mac", MacAddress::parse),
        of("port.builder.mac", "mac", v -> Port.builder("p1", "n1", v)));
  }

  /** Every parser and field that takes an address as text. */
  static List<FieldSink> ipTexts() {
    return List.of(of("IpAddress.parse", "ip", IpAddress::parse),
        of("fixedIp.ip", "ip", v -> FixedIp.of("s1", v)),
        of("subnet.gatewayIp", "gatewayIp", v -> Subnet.builder("s1", "n1", "10.0.0.0/24")
            .gateway(v)),
        of("subnet.dnsNameservers", "dnsNameservers[0]",
            v -> Subnet.builder("s1", "n1", "10.0.0.0/24").dns(v)),
        of("allocationPool.start", "start", v -> AllocationPool.of(v, "10.0.0.9")),
        of("hostRoute.nexthop", "nexthop", v -> HostRoute.of("10.1.0.0/16", v)));
  }

  /** Every parser and field that takes a CIDR as text. */
  static List<FieldSink> cidrTexts() {
    return List.of(of("IpPrefix.parse", "cidr", IpPrefix::parse),
        of("subnet.cidr", "cidr", v -> Subnet.builder("s1", "n1", v)),
        of("hostRoute.destination", "destination", v -> HostRoute.of(v, "10.0.0.1")));
  }

  /** The name of an extra option of a version. */
  static FieldSink optionName(IpVersion version) {
    return of("extraDhcpOption.name/v" + version.number(), "name",
        v -> ExtraDhcpOption.of(v, "1", version));
  }

  /** The value of an extra option; hidden in messages. */
  static FieldSink optionValue(DhcpOption option) {
    return new FieldSink("extraDhcpOption.value/" + option, "value",
        v -> ExtraDhcpOption.of(option.name(), v, option.ipVersion()),
        Kinds.optionValue(option), true);
  }

  private static Lease lease(String networkId, Optional<String> clientId,
      Optional<String> hostname) {
    return new Lease(networkId, MAC, IP, clientId, hostname, Optional.empty(), LeaseState.ACTIVE);
  }

  /**
   * Asserts the value is refused here: an {@link InvalidResourceException} whose first
   * violation names this field, whose message names it too, holds no raw control, format,
   * line-separator or lone surrogate character, and never holds the value raw when the value
   * has a character outside printable ASCII or is too long to show.
   */
  void assertRefuses(String value) {
    InvalidResourceException e = catchThrowableOfType(InvalidResourceException.class,
        () -> attempt.accept(value));
    if (e == null) {
      throw new AssertionError(name + " accepted " + InjectionCorpus.escape(value));
    }
    Violation v = e.violation();
    Supplier<String> about = () -> name + " for " + InjectionCorpus.escape(value) + ": "
        + InjectionCorpus.escape(e.getMessage());
    assertThat(v.field()).as(about).isEqualTo(field);
    assertThat(e.getMessage()).as(about).contains(field);
    assertPrintable(e.getMessage(), name, value);
    assertPrintable(v.value(), name, value);
    assertPrintable(v.id(), name, value);
    if (needsEscaping(value)) {
      assertThat(e.getMessage().contains(value)).as(about).isFalse();
    }
    if (hidden) {
      assertThat(v.value()).as(about).isEqualTo("<hidden>");
    }
  }

  /**
   * Tells whether a value cannot be shown as it is: it holds a character outside printable
   * ASCII or is too long. (A quote or backslash is escaped too, but its escape contains it.)
   */
  static boolean needsEscaping(String value) {
    if (value.length() > 80) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return true;
      }
    }
    return false;
  }

  /** Asserts text holds no control, format, line or paragraph separator or lone surrogate. */
  static void assertPrintable(String text, String where, String value) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      boolean raw = Character.isISOControl(c) || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || Character.isSurrogate(c);
      if (raw) {
        throw new AssertionError(String.format("raw U+%04X at %d in message of %s for %s: %s",
            (int) c, i, where, InjectionCorpus.escape(value), InjectionCorpus.escape(text)));
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
