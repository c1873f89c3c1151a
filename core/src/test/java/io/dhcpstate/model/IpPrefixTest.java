package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dhcpstate.InvalidResourceException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

  private static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static BigInteger value(IpAddress a) {
    return new BigInteger(1, a.toBytes());
  }

  /** The prefix of the given length holding an address, computed with BigInteger. */
  private static IpPrefix enclosing(IpAddress a, int length) {
    int bits = a.version().bits();
    BigInteger v = value(a).shiftRight(bits - length).shiftLeft(bits - length);
    byte[] raw = v.toByteArray();
    byte[] out = new byte[bits / 8];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    return new IpPrefix(IpAddress.ofBytes(out), length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/24", "0.0.0.0/0", "10.0.0.1/32", "192.168.0.0/16",
      "172.16.0.0/12", "128.0.0.0/1", "2001:db8::/32", "::/0", "::1/128", "fe80::/64",
      "2001:db8:0:1::/64", "2001:db8:0:0:8000::/65", "8000::/1"})
  void parse_validCidr_roundTrips(String text) {
    assertThat(p(text).toString()).isEqualTo(text);
  }

  @Test
  void parse_validCidr_addressAndLength() {
    IpPrefix prefix = p("192.168.4.0/22");

    assertThat(prefix.address()).isEqualTo(ip("192.168.4.0"));
    assertThat(prefix.prefixLength()).isEqualTo(22);
    assertThat(prefix.version()).isEqualTo(IpVersion.V4);
  }

  @Test
  void parse_nonCanonicalIpv6Address_printedCanonical() {
    assertThat(p("2001:0DB8:0000::/48").toString()).isEqualTo("2001:db8::/48");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1/24", "10.0.0.128/24", "10.0.1.0/23", "1.0.0.0/0",
      "0.0.0.1/31", "2001:db8::1/64", "2001:db8:0:0:8000::/64", "2001:db8:1::/32",
      "2001:db8::1/127", "::1/0", "2001:db8:0:1::/63"})
  void parse_hostBitsSet_rejectedNamingNetwork(String text) {
    InvalidResourceException e =
        catchThrowableOfType(() -> p(text), InvalidResourceException.class);

    assertThat(e).as(text).isNotNull();
    assertThat(e.violation().field()).isEqualTo("cidr");
    assertThat(e.violation().reason()).contains("host bits");
    IpAddress given = ip(text.substring(0, text.indexOf('/')));
    int length = Integer.parseInt(text.substring(text.indexOf('/') + 1));
    assertThat(e.violation().reason()).contains(enclosing(given, length).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "/24", "10.0.0.0",
      "10.0.0.0/024", "10.0.0.0/2a", "10.0.0.0/24/1", "10.0.0.0/ 24", "10.0.0.0 /24",
      "10.0.0.0/\uff12\uff14", "10.0.0.0/+24", "10.0.0/24", "01.0.0.0/8", "fe80::%eth0/64",
      "::/1280", "10.0.0.0/99999999999", "", "/", "10.0.0.0/24\n"})
  void parse_malformed_rejectedWithEscapedValue(String text) {
    InvalidResourceException e =
        catchThrowableOfType(() -> p(text), InvalidResourceException.class);

    assertThat(e).as(text).isNotNull();
    assertThat(e.violation().field()).isEqualTo("cidr");
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  @Test
  void parse_null_rejected() {
    assertThatThrownBy(() -> p(null)).isInstanceOf(InvalidResourceException.class);
  }

  @Test
  void constructor_lengthOutOfRange_rejected() {
    assertThatThrownBy(() -> new IpPrefix(ip("10.0.0.0"), -1))
        .isInstanceOf(InvalidResourceException.class);
    assertThatThrownBy(() -> new IpPrefix(ip("10.0.0.0"), 33))
        .isInstanceOf(InvalidResourceException.class);
    assertThatThrownBy(() -> new IpPrefix(ip("::"), 129))
        .isInstanceOf(InvalidResourceException.class);
  }

  @Test
  void contains_ipv4Slash24_boundsInsideNeighboursOutside() {
    IpPrefix prefix = p("10.0.0.0/24");

    assertThat(prefix.contains(ip("10.0.0.0"))).isTrue();
    assertThat(prefix.contains(ip("10.0.0.255"))).isTrue();
    assertThat(prefix.contains(ip("10.0.1.0"))).isFalse();
    assertThat(prefix.contains(ip("9.255.255.255"))).isFalse();
  }

  @Test
  void contains_otherVersion_false() {
    assertThat(p("0.0.0.0/0").contains(ip("::"))).isFalse();
    assertThat(p("::/0").contains(ip("0.0.0.0"))).isFalse();
  }

  @Test
  void contains_zeroLength_everyAddressOfVersion() {
    assertThat(p("0.0.0.0/0").contains(ip("255.255.255.255"))).isTrue();
    assertThat(p("::/0").contains(ip("ffff::1"))).isTrue();
  }

  @Test
  void contains_fullLength_onlyItself() {
    assertThat(p("10.0.0.7/32").contains(ip("10.0.0.7"))).isTrue();
    assertThat(p("10.0.0.7/32").contains(ip("10.0.0.6"))).isFalse();
    assertThat(p("::7/128").contains(ip("::7"))).isTrue();
    assertThat(p("::7/128").contains(ip("::6"))).isFalse();
  }

  @Test
  void contains_ipv6AroundBit64_splitsCorrectly() {
    assertThat(p("2001:db8::/64").contains(ip("2001:db8::ffff:ffff:ffff:ffff"))).isTrue();
    assertThat(p("2001:db8::/64").contains(ip("2001:db8:0:1::"))).isFalse();
    assertThat(p("2001:db8::/63").contains(ip("2001:db8:0:1::1"))).isTrue();
    assertThat(p("2001:db8::/63").contains(ip("2001:db8:0:2::"))).isFalse();
    assertThat(p("2001:db8::8000:0:0:0/65").contains(ip("2001:db8::ffff:0:0:1"))).isTrue();
    assertThat(p("2001:db8::8000:0:0:0/65").contains(ip("2001:db8::7fff:ffff:ffff:ffff")))
        .isFalse();
  }

  @Test
  void contains_anyAddressAndLength_agreesWithBigInteger() {
    qt().forAll(longs().all(), longs().all(), integers().between(0, 128), longs().all())
        .checkAssert((h, l, length, probeLow) -> {
          IpAddress a = IpAddress.ofV6(h, l);
          IpPrefix prefix = enclosing(a, length);
          IpAddress probe = IpAddress.ofV6(h, probeLow);
          int hostBits = 128 - length;
          boolean expected =
              value(probe).shiftRight(hostBits).equals(value(a).shiftRight(hostBits));
          assertThat(prefix.contains(a)).isTrue();
          assertThat(prefix.contains(probe)).isEqualTo(expected);
        });
    qt().forAll(integers().all(), integers().between(0, 32), integers().all())
        .checkAssert((bits, length, probeBits) -> {
          IpAddress a = IpAddress.ofV4(bits);
          IpPrefix prefix = enclosing(a, length);
          IpAddress probe = IpAddress.ofV4(probeBits);
          int hostBits = 32 - length;
          boolean expected =
              value(probe).shiftRight(hostBits).equals(value(a).shiftRight(hostBits));
          assertThat(prefix.contains(a)).isTrue();
          assertThat(prefix.contains(probe)).isEqualTo(expected);
        });
  }

  @Test
  void overlaps_nestedSameOrDisjoint_asExpectedAndSymmetric() {
    assertOverlap("10.0.0.0/8", "10.1.0.0/16", true);
    assertOverlap("10.0.0.0/24", "10.0.0.0/24", true);
    assertOverlap("10.0.0.0/24", "10.0.1.0/24", false);
    assertOverlap("10.0.0.0/23", "10.0.1.0/24", true);
    assertOverlap("0.0.0.0/0", "192.168.0.1/32", true);
    assertOverlap("10.0.0.0/25", "10.0.0.128/25", false);
    assertOverlap("2001:db8::/32", "2001:db8:ffff::/48", true);
    assertOverlap("2001:db8::/64", "2001:db8:0:1::/64", false);
    assertOverlap("::/0", "::1/128", true);
  }

  @Test
  void overlaps_differentVersions_false() {
    assertOverlap("0.0.0.0/0", "::/0", false);
    assertOverlap("10.0.0.0/8", "::a00:0/104", false);
  }

  private static void assertOverlap(String a, String b, boolean expected) {
    assertThat(p(a).overlaps(p(b))).as(a + " overlaps " + b).isEqualTo(expected);
    assertThat(p(b).overlaps(p(a))).as(b + " overlaps " + a).isEqualTo(expected);
  }

  @Test
  void lastAddress_ipv4_broadcast() {
    assertThat(p("10.0.0.0/24").lastAddress()).isEqualTo(ip("10.0.0.255"));
    assertThat(p("10.0.0.0/23").lastAddress()).isEqualTo(ip("10.0.1.255"));
    assertThat(p("10.0.0.5/32").lastAddress()).isEqualTo(ip("10.0.0.5"));
    assertThat(p("0.0.0.0/0").lastAddress()).isEqualTo(ip("255.255.255.255"));
    assertThat(p("128.0.0.0/1").lastAddress()).isEqualTo(ip("255.255.255.255"));
    assertThat(p("0.0.0.0/1").lastAddress()).isEqualTo(ip("127.255.255.255"));
  }

  @Test
  void lastAddress_ipv6_allHostBitsSet() {
    assertThat(p("2001:db8::/64").lastAddress())
        .isEqualTo(ip("2001:db8::ffff:ffff:ffff:ffff"));
    assertThat(p("2001:db8::/63").lastAddress())
        .isEqualTo(ip("2001:db8:0:1:ffff:ffff:ffff:ffff"));
    assertThat(p("2001:db8::/65").lastAddress()).isEqualTo(ip("2001:db8::7fff:ffff:ffff:ffff"));
    assertThat(p("2001:db8::/32").lastAddress())
        .isEqualTo(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
    assertThat(p("::5/128").lastAddress()).isEqualTo(ip("::5"));
    assertThat(p("::/0").lastAddress()).isEqualTo(IpAddress.ofV6(-1L, -1L));
    assertThat(p("::/1").lastAddress()).isEqualTo(ip("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  }

  @Test
  void lastAddress_anyPrefix_insideAndNextIsOutside() {
    qt().forAll(longs().all(), longs().all(), integers().between(1, 128))
        .checkAssert((h, l, length) -> {
          IpPrefix prefix = enclosing(IpAddress.ofV6(h, l), length);
          IpAddress last = prefix.lastAddress();
          BigInteger expected = value(prefix.address())
              .add(BigInteger.ONE.shiftLeft(128 - length)).subtract(BigInteger.ONE);
          assertThat(value(last)).isEqualTo(expected);
          assertThat(prefix.contains(last)).isTrue();
          if (!last.equals(IpAddress.ofV6(-1L, -1L))) {
            assertThat(prefix.contains(last.plus(1))).isFalse();
          }
        });
  }

  @Test
  void netmask_ipv4Lengths_dottedMask() {
    assertThat(p("10.0.0.0/24").netmask()).isEqualTo(ip("255.255.255.0"));
    assertThat(p("10.0.0.0/23").netmask()).isEqualTo(ip("255.255.254.0"));
    assertThat(p("10.0.0.0/8").netmask()).isEqualTo(ip("255.0.0.0"));
    assertThat(p("0.0.0.0/0").netmask()).isEqualTo(ip("0.0.0.0"));
    assertThat(p("128.0.0.0/1").netmask()).isEqualTo(ip("128.0.0.0"));
    assertThat(p("10.0.0.1/32").netmask()).isEqualTo(ip("255.255.255.255"));
    assertThat(p("10.0.0.0/31").netmask()).isEqualTo(ip("255.255.255.254"));
  }

  @Test
  void netmask_ipv6_throwsIllegalState() {
    assertThatThrownBy(() -> p("2001:db8::/64").netmask())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void size_smallPrefixes_exact() {
    assertThat(p("10.0.0.0/24").size()).isEqualTo(256);
    assertThat(p("10.0.0.1/32").size()).isEqualTo(1);
    assertThat(p("10.0.0.0/31").size()).isEqualTo(2);
    assertThat(p("0.0.0.0/0").size()).isEqualTo(1L << 32);
    assertThat(p("::1/128").size()).isEqualTo(1);
    assertThat(p("2001:db8::/120").size()).isEqualTo(256);
    assertThat(p("2001:db8::/66").size()).isEqualTo(1L << 62);
  }

  @Test
  void size_beyondLong_saturates() {
    assertThat(p("2001:db8::/65").size()).isEqualTo(Long.MAX_VALUE);
    assertThat(p("2001:db8::/64").size()).isEqualTo(Long.MAX_VALUE);
    assertThat(p("::/0").size()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void equals_sameTextDifferentSpelling_equal() {
    assertThat(p("2001:db8::/64")).isEqualTo(p("2001:0db8:0:0::/64"))
        .hasSameHashCodeAs(p("2001:0db8:0:0::/64"))
        .isNotEqualTo(p("2001:db8::/65"));
  }
}
