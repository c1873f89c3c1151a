package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HostRouteTest {

  private static Violation rejected(ThrowingCallable call, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    assertThat(e.violation().resource()).isEqualTo("host_route");
    assertThat(e.violation().field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return e.violation();
  }

  @Test
  void of_ipv4_parsed() {
    HostRoute r = HostRoute.of("169.254.169.254/32", "10.0.0.2");

    assertThat(r.destination()).isEqualTo(IpPrefix.parse("169.254.169.254/32"));
    assertThat(r.nexthop()).isEqualTo(IpAddress.parse("10.0.0.2"));
  }

  @Test
  void of_ipv6DefaultRoute_parsed() {
    HostRoute r = HostRoute.of("::/0", "2001:db8::1");

    assertThat(r.destination().prefixLength()).isZero();
    assertThat(r.nexthop().version()).isEqualTo(IpVersion.V6);
  }

  @Test
  void constructor_versionMismatch_rejectedOnNexthop() {
    Violation v = rejected(() -> HostRoute.of("10.1.0.0/16", "2001:db8::1"), "nexthop");

    assertThat(v.value()).isEqualTo("2001:db8::1");
    assertThat(v.reason()).contains("10.1.0.0/16");
    rejected(() -> HostRoute.of("2001:db8:1::/48", "10.0.0.1"), "nexthop");
  }

  @Test
  void of_destinationWithHostBits_rejectedOnDestination() {
    Violation v = rejected(() -> HostRoute.of("10.1.2.3/16", "10.0.0.1"), "destination");

    assertThat(v.reason()).contains("10.1.0.0/16");
  }

  @Test
  void of_malformedValues_rejectedOnEachField() {
    rejected(() -> HostRoute.of("10.1.0.0", "10.0.0.1"), "destination");
    rejected(() -> HostRoute.of("10.1.0.0/16", "10.0.0"), "nexthop");
    rejected(() -> HostRoute.of("10.1.0.0/16", "10.0.0.1\n"), "nexthop");
  }

  @Test
  void constructor_nulls_rejected() {
    rejected(() -> new HostRoute(null, IpAddress.parse("10.0.0.1")), "destination");
    rejected(() -> new HostRoute(IpPrefix.parse("10.1.0.0/16"), null), "nexthop");
  }

  @Test
  void equals_sameValues_equal() {
    assertThat(HostRoute.of("10.1.0.0/16", "10.0.0.1"))
        .isEqualTo(HostRoute.of("10.1.0.0/16", "10.0.0.1"))
        .isNotEqualTo(HostRoute.of("10.1.0.0/16", "10.0.0.2"));
  }
}
