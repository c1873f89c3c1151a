package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedIpTest {

  private static Violation rejected(ThrowingCallable call, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    assertThat(e.violation().resource()).isEqualTo("fixed_ip");
    assertThat(e.violation().field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return e.violation();
  }

  @Test
  void of_validValues_parsed() {
    FixedIp f = FixedIp.of("subnet-1", "10.0.0.5");

    assertThat(f.subnetId()).isEqualTo("subnet-1");
    assertThat(f.ip()).isEqualTo(IpAddress.parse("10.0.0.5"));
  }

  @Test
  void of_ipv6_parsed() {
    assertThat(FixedIp.of("s6", "2001:DB8::5").ip().toString()).isEqualTo("2001:db8::5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-s", "s 1", "s/1"})
  void constructor_invalidSubnetId_rejected(String subnetId) {
    rejected(() -> FixedIp.of(subnetId, "10.0.0.5"), "subnetId");
  }

  @Test
  void constructor_nullSubnetId_rejected() {
    rejected(() -> new FixedIp(null, IpAddress.parse("10.0.0.5")), "subnetId");
  }

  @Test
  void constructor_nullIp_rejectedNamingSubnet() {
    Violation v = rejected(() -> new FixedIp("s1", null), "ip");

    assertThat(v.id()).isEqualTo("s1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.256", "10.0.0.05", "fe80::1%eth0", "", "host.example"})
  void of_malformedIp_rejectedOnIp(String ip) {
    Violation v = rejected(() -> FixedIp.of("s1", ip), "ip");

    assertThat(v.value()).isEqualTo(ip);
  }

  @Test
  void of_ipWithControlCharacters_escaped() {
    Violation v = rejected(() -> FixedIp.of("s1", "10.0.0.5\u0000"), "ip");

    assertThat(v.value()).isEqualTo("10.0.0.5\\u0000");
  }

  @Test
  void equals_sameValues_equal() {
    assertThat(FixedIp.of("s1", "10.0.0.5")).isEqualTo(FixedIp.of("s1", "10.0.0.5"))
        .isNotEqualTo(FixedIp.of("s2", "10.0.0.5"));
  }
}
