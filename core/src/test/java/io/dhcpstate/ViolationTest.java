package io.dhcpstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViolationTest {

  @Test
  void of_plainValues_keptAsGiven() {
    Violation v = Violation.of("port", "p1", "mac", "zz", "not a MAC address");

    assertThat(v.resource()).isEqualTo("port");
    assertThat(v.id()).isEqualTo("p1");
    assertThat(v.field()).isEqualTo("mac");
    assertThat(v.value()).isEqualTo("zz");
    assertThat(v.reason()).isEqualTo("not a MAC address");
  }

  @Test
  void of_controlCharactersInIdAndValue_escaped() {
    Violation v = Violation.of("port", "p\n1", "hostname", "a\u0000b\u001b[31m", "bad");

    assertThat(v.id()).isEqualTo("p\\n1");
    assertThat(v.value()).isEqualTo("a\\u0000b\\u001b[31m");
    assertThat(v.toString()).doesNotContain("\n", "\u0000", "\u001b");
  }

  @Test
  void of_nonStringValue_usesItsText() {
    Violation v = Violation.of("network", "n1", "mtu", 42, "must be in 68..65535");

    assertThat(v.value()).isEqualTo("42");
  }

  @Test
  void of_nullValue_shownAsNull() {
    Violation v = Violation.of("port", "p1", "mac", null, "is missing");

    assertThat(v.value()).isEqualTo("null");
  }

  @Test
  void of_nullId_emptyIdAndMessageWithoutQuotes() {
    Violation v = Violation.of("host_route", null, "nexthop", "x", "bad");

    assertThat(v.id()).isEmpty();
    assertThat(v.toString()).isEqualTo("host_route: nexthop = \"x\": bad");
  }

  @Test
  void of_longValue_shortenedWithLengthNoted() {
    String raw = "x".repeat(500);

    Violation v = Violation.of("network", "n1", "name", raw, "too long");

    assertThat(v.value()).hasSizeLessThan(120).contains("500");
    assertThat(v.toString()).doesNotContain(raw);
  }

  @Test
  void hidden_anyValue_notShown() {
    Violation v = Violation.hidden("extra_dhcp_opt", "p\t1", "value", "not an IP address");

    assertThat(v.value()).isEqualTo("<hidden>");
    assertThat(v.id()).isEqualTo("p\\t1");
    assertThat(v.toString()).contains("<hidden>").contains("value").contains("p\\t1");
  }

  @Test
  void toString_withId_namesResourceIdFieldValueAndReason() {
    Violation v = Violation.of("subnet", "s1", "cidr", "10.0.0.1/24", "host bits are set");

    assertThat(v.toString())
        .isEqualTo("subnet 's1': cidr = \"10.0.0.1/24\": host bits are set");
  }

  @Test
  void constructor_nullComponent_throwsNullPointerException() {
    assertThatThrownBy(() -> new Violation(null, "", "f", "v", "r"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Violation("r", null, "f", "v", "r"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Violation("r", "", null, "v", "r"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Violation("r", "", "f", null, "r"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Violation("r", "", "f", "v", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void equals_sameComponents_equal() {
    assertThat(Violation.of("port", "p1", "mac", "x", "bad"))
        .isEqualTo(Violation.of("port", "p1", "mac", "x", "bad"))
        .hasSameHashCodeAs(Violation.of("port", "p1", "mac", "x", "bad"))
        .isNotEqualTo(Violation.of("port", "p1", "ip", "x", "bad"));
  }
}
