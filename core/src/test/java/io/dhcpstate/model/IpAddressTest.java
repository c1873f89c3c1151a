package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dhcpstate.InvalidResourceException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class IpAddressTest {
  private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
  private static final Pattern GROUP = Pattern.compile("0|[1-9a-f][0-9a-f]{0,3}");

  private static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  private static BigInteger value(IpAddress a) {
    return unsigned(a.high()).shiftLeft(64).or(unsigned(a.low()));
  }

  // ---- IPv4 parsing

  @Test
  void parse_dottedQuad_valueFromOctets() {
    IpAddress a = IpAddress.parse("192.168.10.254");

    assertThat(a.version()).isEqualTo(IpVersion.V4);
    assertThat(a.v4Bits()).isEqualTo(192 << 24 | 168 << 16 | 10 << 8 | 254);
    assertThat(a.high()).isZero();
    assertThat(a.low()).isEqualTo(0xC0A80AFEL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.0.0.1", "1.2.3.4", "100.64.0.10"})
  void parse_validDottedQuad_roundTrips(String text) {
    assertThat(IpAddress.parse(text).toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"01.2.3.4", "1.2.3.04", "1.02.3.4", "00.0.0.0", "1.2.3.00", "1.2.3",
      "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1.2.3.999", "1.2.3.1234", "1.2.3.4.", ".1.2.3.4",
      "1..2.3", "1.2.3.-1", " 1.2.3.4", "1.2.3.4 ", "a.b.c.d", "0x1.2.3.4", "1.2.3.4/24",
      "1,2,3,4", "1.2.3.4\n", "\u0661.2.3.4", "1.2.3.\uff14", "4294967295", "1", "1.2"})
  void tryParse_malformedIpv4_empty(String text) {
    assertThat(IpAddress.tryParse(text)).isEmpty();
  }

  @Test
  void tryParse_nullOrEmpty_empty() {
    assertThat(IpAddress.tryParse(null)).isEmpty();
    assertThat(IpAddress.tryParse("")).isEmpty();
  }

  @Test
  void toString_anyIpv4_matchesJdkAndRoundTrips() {
    qt().forAll(integers().all()).checkAssert(bits -> {
      IpAddress a = IpAddress.ofV4(bits);
      String jdk = a.toInetAddress().getHostAddress();
      assertThat(a.toString()).isEqualTo(jdk);
      assertThat(IpAddress.parse(jdk)).isEqualTo(a);
      assertThat(a.v4Bits()).isEqualTo(bits);
    });
  }

  // ---- IPv6 parsing

  @Test
  void parse_doubleColonAlone_unspecified() {
    IpAddress a = IpAddress.parse("::");

    assertThat(a.version()).isEqualTo(IpVersion.V6);
    assertThat(a.high()).isZero();
    assertThat(a.low()).isZero();
    assertThat(a.isUnspecified()).isTrue();
  }

  @Test
  void parse_loopback_lowBitSet() {
    IpAddress a = IpAddress.parse("::1");

    assertThat(a.high()).isZero();
    assertThat(a.low()).isEqualTo(1);
  }

  @Test
  void parse_leadingGroupThenDoubleColon_highBitsSet() {
    IpAddress a = IpAddress.parse("1::");

    assertThat(a.high()).isEqualTo(0x0001_0000_0000_0000L);
    assertThat(a.low()).isZero();
  }

  @Test
  void parse_fullForm_groupsInOrder() {
    IpAddress a = IpAddress.parse("2001:0db8:85a3:0000:0000:8a2e:0370:7334");

    assertThat(a.high()).isEqualTo(0x2001_0db8_85a3_0000L);
    assertThat(a.low()).isEqualTo(0x0000_8a2e_0370_7334L);
  }

  @Test
  void parse_upperCaseHex_sameAddress() {
    assertThat(IpAddress.parse("2001:DB8::AbCd")).isEqualTo(IpAddress.parse("2001:db8::abcd"));
  }

  @Test
  void parse_embeddedIpv4AfterDoubleColon_lastTwoGroups() {
    IpAddress a = IpAddress.parse("::ffff:192.0.2.1");

    assertThat(a.high()).isZero();
    assertThat(a.low()).isEqualTo(0x0000_ffff_c000_0201L);
    assertThat(a).isEqualTo(IpAddress.parse("::ffff:c000:201"));
  }

  @Test
  void parse_embeddedIpv4InFullForm_lastTwoGroups() {
    IpAddress a = IpAddress.parse("1:2:3:4:5:6:7.8.9.10");

    assertThat(a).isEqualTo(IpAddress.parse("1:2:3:4:5:6:708:90a"));
  }

  @Test
  void parse_nat64WithEmbeddedIpv4_parsed() {
    assertThat(IpAddress.parse("64:ff9b::192.0.2.33")).isEqualTo(
        IpAddress.parse("64:ff9b::c000:221"));
  }

  @Test
  void parse_sevenGroupsAndDoubleColon_doubleColonIsOneGroup() {
    assertThat(IpAddress.parse("1:2:3:4:5:6:7::").low()).isEqualTo(0x0005_0006_0007_0000L);
    assertThat(IpAddress.parse("::2:3:4:5:6:7:8").high()).isEqualTo(0x0000_0002_0003_0004L);
  }

  @ParameterizedTest
  @ValueSource(strings = {":::", "1::2::3", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
      "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "1:2:3:4::5:6:7:8", "12345::", "g::", ":1::",
      ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", "1::2:", "1:2:3:4:5:6:7:",
      "fe80::1%eth0", "fe80::1%1", "fe80::%25eth0", "[::1]", "::1 ", " ::1", "::-1", "::+1",
      "::1.2.3", "::01.2.3.4", "::256.1.1.1", "::1.2.3.4:5", "::1.2.3.4.5",
      "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8:1.2.3.4", "1.2.3.4::", "1.2.3.4::1",
      "1:2:3:4:5:1.2.3.4::", "1.2.3.4:1:2:3:4:5:6", "fe80::\uff11", "fe80::\uff21",
      "\u0661::", "::\u0661", "1:2:3:4:5:6:7:8%", ":", "::ffff:1.2.3.4/96",
      "0000:0000:0000:0000:0000:0000:0000:0000:0000", "00000::"})
  void tryParse_malformedIpv6_empty(String text) {
    assertThat(IpAddress.tryParse(text)).isEmpty();
  }

  @Test
  void tryParse_longestLegalForm_accepted() {
    String longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";

    assertThat(IpAddress.tryParse(longest)).contains(IpAddress.ofV6(-1L, -1L));
  }

  @Test
  void parse_malformed_violationNamesFieldAndEscapesValue() {
    InvalidResourceException e = catchThrowableOfType(
        () -> IpAddress.parse("10.0.0.1\n\u001b[2J"), InvalidResourceException.class);

    assertThat(e.violation().field()).isEqualTo("ip");
    assertThat(e.getMessage()).contains("ip").contains("10.0.0.1\\n\\u001b[2J")
        .doesNotContain("\n").doesNotContain("\u001b");
  }

  // ---- RFC 5952 output

  @ParameterizedTest
  @ValueSource(strings = {
      "2001:0db8:0000:0000:0000:0000:0000:0001=2001:db8::1",
      "2001:db8:0:0:1:0:0:1=2001:db8::1:0:0:1",
      "2001:0:0:1:0:0:0:1=2001:0:0:1::1",
      "2001:db8:0:1:1:1:1:1=2001:db8:0:1:1:1:1:1",
      "2001:db8::0:1=2001:db8::1",
      "2001:DB8::ABCD:EF=2001:db8::abcd:ef",
      "fe80:0000::0001=fe80::1",
      "0:0:0:0:0:0:0:0=::",
      "0:0:0:0:0:0:0:1=::1",
      "1:0:0:0:0:0:0:0=1::",
      "1:0:2:0:3:0:4:0=1:0:2:0:3:0:4:0",
      "0:1:0:1:0:1:0:1=0:1:0:1:0:1:0:1",
      "1:0:0:2:0:0:0:3=1:0:0:2::3",
      "1:0:0:0:2:0:0:0=1::2:0:0:0",
      "0:0:1:0:0:0:0:0=0:0:1::",
      "1:2:3:4:5:6:7::=1:2:3:4:5:6:7:0",
      "::2:3:4:5:6:7:8=0:2:3:4:5:6:7:8",
      "0001:0010:0100:1000::=1:10:100:1000::"})
  void toString_ipv6_rfc5952Canonical(String pair) {
    String[] parts = pair.split("=");

    assertThat(IpAddress.parse(parts[0]).toString()).isEqualTo(parts[1]);
  }

  /** Addresses with many zero groups, so "::" placement is exercised. */
  private static Gen<IpAddress> sparseV6() {
    Gen<Integer> group = Generate.oneOf(Generate.constant(0), Generate.constant(0),
        Generate.constant(0), Generate.constant(1), Generate.constant(0xffff),
        integers().between(0, 0xffff));
    return org.quicktheories.generators.SourceDSL.lists().of(group).ofSize(8).map(g -> {
      long h = 0;
      long l = 0;
      for (int i = 0; i < 4; i++) {
        h = h << 16 | g.get(i);
        l = l << 16 | g.get(i + 4);
      }
      return IpAddress.ofV6(h, l);
    });
  }

  @Test
  void toString_anyIpv6_roundTripsAndIsCanonical() {
    qt().forAll(sparseV6()).checkAssert(a -> {
      String text = a.toString();
      assertThat(IpAddress.parse(text)).isEqualTo(a);
      assertCanonical(a, text);
    });
  }

  @Test
  void toString_anyIpv6_sameAddressAsJdk() {
    qt().forAll(longs().all(), longs().all()).checkAssert((h, l) -> {
      IpAddress a = IpAddress.ofV6(h, l);
      byte[] jdk;
      try {
        jdk = InetAddress.getByName(a.toString()).getAddress();
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
      if (jdk.length == 4) { // the JDK turns IPv4-mapped addresses into IPv4 ones
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(jdk, 0, mapped, 12, 4);
        jdk = mapped;
      }
      assertThat(jdk).isEqualTo(a.toBytes());
    });
  }

  /** Checks RFC 5952 section 4 on the text, from the address's groups. */
  private static void assertCanonical(IpAddress a, String text) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (a.high() >>> (48 - 16 * i)) & 0xffff;
      g[i + 4] = (int) (a.low() >>> (48 - 16 * i)) & 0xffff;
    }
    assertThat(text).isEqualTo(text.toLowerCase(java.util.Locale.ROOT));
    int dbl = text.indexOf("::");
    assertThat(text.indexOf("::", dbl + 1)).as("at most one ::").isLessThan(0);
    List<String> visible = new ArrayList<>();
    for (String part : text.split(":")) {
      if (!part.isEmpty()) {
        visible.add(part);
      }
    }
    visible.forEach(p -> assertThat(p).matches(GROUP));
    // Longest run of zero groups, the first one on a tie.
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
    }
    if (bestLen >= 2) {
      assertThat(dbl).as("a run of %d zero groups must be shortened", bestLen).isNotNegative();
      assertThat(8 - visible.size()).as("groups elided").isEqualTo(bestLen);
      String before = text.substring(0, dbl);
      int groupsBefore = before.isEmpty() ? 0 : before.split(":").length;
      assertThat(groupsBefore).as("the first longest run is elided").isEqualTo(bestStart);
    } else {
      assertThat(dbl).as("no :: for a single zero group").isNegative();
      assertThat(visible).hasSize(8);
    }
  }

  // ---- plus

  @Test
  void plus_ipv4_carriesIntoNextOctet() {
    assertThat(IpAddress.parse("10.0.0.255").plus(1)).isEqualTo(IpAddress.parse("10.0.1.0"));
    assertThat(IpAddress.parse("10.0.1.0").plus(-1)).isEqualTo(IpAddress.parse("10.0.0.255"));
    assertThat(IpAddress.parse("127.255.255.255").plus(1))
        .isEqualTo(IpAddress.parse("128.0.0.0"));
  }

  @Test
  void plus_ipv4PastEnds_wraps() {
    assertThat(IpAddress.parse("255.255.255.255").plus(1)).isEqualTo(IpAddress.parse("0.0.0.0"));
    assertThat(IpAddress.parse("0.0.0.0").plus(-1))
        .isEqualTo(IpAddress.parse("255.255.255.255"));
  }

  @Test
  void plus_ipv6AcrossLow64Boundary_carriesIntoHigh() {
    assertThat(IpAddress.ofV6(0, -1L).plus(1)).isEqualTo(IpAddress.ofV6(1, 0));
    assertThat(IpAddress.parse("2001:db8::ffff:ffff:ffff:fffe").plus(3))
        .isEqualTo(IpAddress.parse("2001:db8:0:1::1"));
  }

  @Test
  void plus_ipv6NegativeAcrossLow64Boundary_borrowsFromHigh() {
    assertThat(IpAddress.ofV6(1, 0).plus(-1)).isEqualTo(IpAddress.ofV6(0, -1L));
    assertThat(IpAddress.parse("2001:db8:0:1::1").plus(-2))
        .isEqualTo(IpAddress.parse("2001:db8::ffff:ffff:ffff:ffff"));
  }

  @Test
  void plus_ipv6AcrossSignBitOfLow_noCarry() {
    assertThat(IpAddress.ofV6(5, Long.MAX_VALUE).plus(1))
        .isEqualTo(IpAddress.ofV6(5, Long.MIN_VALUE));
    assertThat(IpAddress.ofV6(5, Long.MIN_VALUE).plus(-1))
        .isEqualTo(IpAddress.ofV6(5, Long.MAX_VALUE));
  }

  @Test
  void plus_ipv6ExtremeDeltas_matchesUnsignedArithmetic() {
    assertThat(IpAddress.ofV6(7, 1).plus(Long.MIN_VALUE))
        .isEqualTo(IpAddress.ofV6(6, Long.MIN_VALUE + 1));
    assertThat(IpAddress.ofV6(7, -1L).plus(Long.MAX_VALUE))
        .isEqualTo(IpAddress.ofV6(8, Long.MAX_VALUE - 1));
  }

  @Test
  void plus_ipv6PastEnds_wraps() {
    assertThat(IpAddress.ofV6(-1L, -1L).plus(1)).isEqualTo(IpAddress.parse("::"));
    assertThat(IpAddress.parse("::").plus(-1)).isEqualTo(IpAddress.ofV6(-1L, -1L));
  }

  @Test
  void plus_anyIpv6_matchesBigIntegerModulo2To128() {
    Gen<Long> edgy = Generate.oneOf(longs().all(), Generate.pick(List.of(0L, 1L, -1L, -2L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1)));
    qt().forAll(edgy, edgy, edgy).checkAssert((h, l, delta) -> {
      IpAddress a = IpAddress.ofV6(h, l);
      BigInteger expected = value(a).add(BigInteger.valueOf(delta)).mod(TWO_128);
      IpAddress moved = a.plus(delta);
      assertThat(moved.version()).isEqualTo(IpVersion.V6);
      assertThat(value(moved)).isEqualTo(expected);
      if (delta != Long.MIN_VALUE) { // -Long.MIN_VALUE overflows
        assertThat(moved.plus(-delta)).isEqualTo(a);
      }
    });
  }

  @Test
  void plus_anyIpv4_matchesArithmeticModulo2To32() {
    qt().forAll(integers().all(), longs().all()).checkAssert((bits, delta) -> {
      IpAddress moved = IpAddress.ofV4(bits).plus(delta);
      long expected = Math.floorMod(Integer.toUnsignedLong(bits) + delta, 1L << 32);
      assertThat(moved.version()).isEqualTo(IpVersion.V4);
      assertThat(moved.low()).isEqualTo(expected);
    });
  }

  // ---- bytes, comparison, equality

  @Test
  void ofBytes_fourBytes_ipv4() {
    assertThat(IpAddress.ofBytes(new byte[] {10, 0, 0, (byte) 200}))
        .isEqualTo(IpAddress.parse("10.0.0.200"));
  }

  @Test
  void ofBytes_sixteenBytes_ipv6() {
    byte[] b = new byte[16];
    b[0] = 0x20;
    b[1] = 0x01;
    b[15] = (byte) 0xfe;

    assertThat(IpAddress.ofBytes(b)).isEqualTo(IpAddress.parse("2001::fe"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 5, 15, 17})
  void ofBytes_wrongLength_throwsIllegalArgument(int length) {
    assertThatThrownBy(() -> IpAddress.ofBytes(new byte[length]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBytes_anyAddress_matchesJdkAndRoundTrips() {
    qt().forAll(longs().all(), longs().all(), integers().all()).checkAssert((h, l, v4) -> {
      IpAddress six = IpAddress.ofV6(h, l);
      IpAddress four = IpAddress.ofV4(v4);
      assertThat(IpAddress.ofBytes(six.toBytes())).isEqualTo(six);
      assertThat(IpAddress.ofBytes(four.toBytes())).isEqualTo(four);
      assertThat(six.toBytes()).hasSize(16);
      assertThat(four.toBytes()).hasSize(4);
      assertThat(new BigInteger(1, six.toBytes())).isEqualTo(value(six));
    });
  }

  @Test
  void toInetAddress_literal_sameAsJdkParse() throws Exception {
    assertThat(IpAddress.parse("192.0.2.7").toInetAddress())
        .isEqualTo(InetAddress.getByName("192.0.2.7"));
    assertThat(IpAddress.parse("2001:db8::7").toInetAddress())
        .isEqualTo(InetAddress.getByName("2001:db8::7"));
  }

  @Test
  void compareTo_ipv4BeforeIpv6() {
    assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
  }

  @Test
  void compareTo_highBitSet_orderedUnsigned() {
    assertThat(IpAddress.parse("128.0.0.0")).isGreaterThan(IpAddress.parse("127.255.255.255"));
    assertThat(IpAddress.parse("8000::")).isGreaterThan(IpAddress.parse("7fff::"));
    assertThat(IpAddress.parse("::8000:0:0:0"))
        .isGreaterThan(IpAddress.parse("::7fff:ffff:ffff:ffff"));
    assertThat(IpAddress.parse("0:0:0:1::"))
        .isGreaterThan(IpAddress.parse("::ffff:ffff:ffff:ffff"));
  }

  @Test
  void compareTo_anyIpv6_agreesWithNumericValue() {
    qt().forAll(longs().all(), longs().all(), longs().all(), longs().all())
        .checkAssert((h1, l1, h2, l2) -> {
          IpAddress a = IpAddress.ofV6(h1, l1);
          IpAddress b = IpAddress.ofV6(h2, l2);
          assertThat(Integer.signum(a.compareTo(b)))
              .isEqualTo(value(a).compareTo(value(b)));
        });
  }

  @Test
  void equals_sameAddressParsedTwoWays_equalWithSameHash() {
    IpAddress a = IpAddress.parse("2001:db8::1");
    IpAddress b = IpAddress.parse("2001:0DB8:0:0:0:0:0:1");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void equals_sameBitsDifferentVersion_notEqual() {
    assertThat(IpAddress.parse("0.0.0.1")).isNotEqualTo(IpAddress.parse("::1"));
    assertThat(IpAddress.parse("0.0.0.0")).isNotEqualTo(IpAddress.parse("::"));
  }

  @Test
  void isUnspecified_onlyAllZero() {
    assertThat(IpAddress.parse("0.0.0.0").isUnspecified()).isTrue();
    assertThat(IpAddress.parse("0.0.0.1").isUnspecified()).isFalse();
    assertThat(IpAddress.parse("::1").isUnspecified()).isFalse();
    assertThat(IpAddress.parse("1::").isUnspecified()).isFalse();
  }

  @Test
  void v4Bits_ipv6_throwsIllegalState() {
    assertThatThrownBy(() -> IpAddress.parse("::1").v4Bits())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void version_eachFamily_matches() {
    assertThat(IpAddress.parse("10.0.0.1").version()).isEqualTo(IpVersion.V4);
    assertThat(IpAddress.parse("::ffff:10.0.0.1").version()).isEqualTo(IpVersion.V6);
  }
}
