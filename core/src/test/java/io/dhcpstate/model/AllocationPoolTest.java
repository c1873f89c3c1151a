package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AllocationPoolTest {

  private static AllocationPool pool(String start, String end) {
    return AllocationPool.of(start, end);
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static Violation rejected(ThrowingCallable call, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    assertThat(e.violation().resource()).isEqualTo("allocation_pool");
    assertThat(e.violation().field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return e.violation();
  }

  @Test
  void of_validRange_parsed() {
    AllocationPool p = pool("10.0.0.10", "10.0.0.20");

    assertThat(p.start()).isEqualTo(ip("10.0.0.10"));
    assertThat(p.end()).isEqualTo(ip("10.0.0.20"));
  }

  @Test
  void of_singleAddress_accepted() {
    assertThat(pool("10.0.0.10", "10.0.0.10").contains(ip("10.0.0.10"))).isTrue();
  }

  @Test
  void constructor_endBelowStart_rejectedOnEnd() {
    Violation v = rejected(() -> pool("10.0.0.20", "10.0.0.10"), "end");

    assertThat(v.value()).isEqualTo("10.0.0.10");
    assertThat(v.reason()).contains("10.0.0.20");
  }

  @Test
  void constructor_endBelowStartUnsigned_rejected() {
    rejected(() -> pool("128.0.0.0", "127.255.255.255"), "end");
    rejected(() -> pool("::8000:0:0:0", "::7fff:ffff:ffff:ffff"), "end");
  }

  @Test
  void constructor_mixedVersions_rejectedOnEnd() {
    rejected(() -> pool("10.0.0.1", "::1"), "end");
    rejected(() -> pool("::1", "10.0.0.1"), "end");
  }

  @Test
  void of_malformedValues_rejectedOnEachField() {
    rejected(() -> pool("10.0.0.1\r", "10.0.0.9"), "start");
    rejected(() -> pool("10.0.0.1", "10.0.0.09"), "end");
  }

  @Test
  void constructor_nulls_rejected() {
    rejected(() -> new AllocationPool(null, ip("10.0.0.1")), "start");
    rejected(() -> new AllocationPool(ip("10.0.0.1"), null), "end");
  }

  @Test
  void contains_boundsAndNeighbours() {
    AllocationPool p = pool("10.0.0.10", "10.0.0.20");

    assertThat(p.contains(ip("10.0.0.10"))).isTrue();
    assertThat(p.contains(ip("10.0.0.15"))).isTrue();
    assertThat(p.contains(ip("10.0.0.20"))).isTrue();
    assertThat(p.contains(ip("10.0.0.9"))).isFalse();
    assertThat(p.contains(ip("10.0.0.21"))).isFalse();
  }

  @Test
  void contains_otherVersion_false() {
    assertThat(pool("0.0.0.0", "255.255.255.255").contains(ip("::1"))).isFalse();
  }

  @Test
  void contains_acrossSignBoundaries_unsignedOrder() {
    assertThat(pool("127.255.255.250", "128.0.0.5").contains(ip("128.0.0.0"))).isTrue();
    assertThat(pool("127.255.255.250", "128.0.0.5").contains(ip("10.0.0.1"))).isFalse();
    AllocationPool v6 = pool("2001:db8::ffff:ffff:ffff:fff0", "2001:db8:0:1::10");
    assertThat(v6.contains(ip("2001:db8:0:1::"))).isTrue();
    assertThat(v6.contains(ip("2001:db8::8000:0:0:0"))).isFalse();
    assertThat(v6.contains(ip("2001:db8:0:1::11"))).isFalse();
  }

  @Test
  void overlaps_cases_symmetric() {
    assertOverlap(pool("10.0.0.10", "10.0.0.20"), pool("10.0.0.15", "10.0.0.30"), true);
    assertOverlap(pool("10.0.0.10", "10.0.0.20"), pool("10.0.0.20", "10.0.0.30"), true);
    assertOverlap(pool("10.0.0.10", "10.0.0.20"), pool("10.0.0.21", "10.0.0.30"), false);
    assertOverlap(pool("10.0.0.10", "10.0.0.20"), pool("10.0.0.12", "10.0.0.13"), true);
    assertOverlap(pool("10.0.0.10", "10.0.0.20"), pool("10.0.0.1", "10.0.0.9"), false);
    assertOverlap(pool("0.0.0.0", "0.0.0.1"), pool("::", "::1"), false);
  }

  private static void assertOverlap(AllocationPool a, AllocationPool b, boolean expected) {
    assertThat(a.overlaps(b)).as(a + " overlaps " + b).isEqualTo(expected);
    assertThat(b.overlaps(a)).as(b + " overlaps " + a).isEqualTo(expected);
  }

  @Test
  void overlaps_smallRanges_agreesWithSharedAddress() {
    qt().forAll(integers().between(0, 40), integers().between(0, 10), integers().between(0, 40),
        integers().between(0, 10)).checkAssert((s1, n1, s2, n2) -> {
          AllocationPool a = new AllocationPool(IpAddress.ofV4(s1), IpAddress.ofV4(s1 + n1));
          AllocationPool b = new AllocationPool(IpAddress.ofV4(s2), IpAddress.ofV4(s2 + n2));
          boolean shared = false;
          for (int i = 0; i <= 60; i++) {
            shared |= a.contains(IpAddress.ofV4(i)) && b.contains(IpAddress.ofV4(i));
          }
          assertThat(a.overlaps(b)).isEqualTo(shared);
        });
  }
}
