package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dhcpstate.InvalidResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

  @Test
  void parse_colonSeparated_bitsInOrder() {
    assertThat(MacAddress.parse("01:23:45:67:89:ab").bits()).isEqualTo(0x0123_4567_89abL);
  }

  @Test
  void parse_dashSeparatedUpperCase_sameAsColonLowerCase() {
    assertThat(MacAddress.parse("FA-16-3E-00-0A-FF"))
        .isEqualTo(MacAddress.parse("fa:16:3e:00:0a:ff"));
  }

  @Test
  void toString_anyCase_lowerCaseColons() {
    assertThat(MacAddress.parse("FA-16-3E-0A-0B-0C").toString()).isEqualTo("fa:16:3e:0a:0b:0c");
    assertThat(MacAddress.parse("00:00:00:00:00:01").toString()).isEqualTo("00:00:00:00:00:01");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fa:16:3e:00:00", "fa:16:3e:00:00:01:02", "fa163e000001",
      "fa:16-3e:00:00:01", "fa-16:3e:00:00:01", "fa.16.3e.00.00.01", "fa163e.000001",
      "g0:16:3e:00:00:01", "fa:16:3e:00:00:0g", "fa:16:3e:00:00:0", " fa:16:3e:00:00:01",
      "fa:16:3e:00:00:01 ", "fa:16:3e:00:00:1", "f:a16:3e:00:00:01", "fa:16:3e:00:00:0\uff11",
      "fa:16:3e:00:00:\uff101",
      "fa:16:3e:00:00:\u0661\u0661", "fa:16:3e:00:00:01\n", "fa::16:3e:00:00:1",
      "+a:16:3e:00:00:01", "-1:16:3e:00:00:01", "fa 16 3e 00 00 01"})
  void tryParse_malformed_empty(String text) {
    assertThat(MacAddress.tryParse(text)).isEmpty();
  }

  @Test
  void tryParse_null_empty() {
    assertThat(MacAddress.tryParse(null)).isEmpty();
  }

  @Test
  void parse_malformed_violationNamesFieldAndEscapesValue() {
    InvalidResourceException e = catchThrowableOfType(
        () -> MacAddress.parse("fa:16\u0007"), InvalidResourceException.class);

    assertThat(e.violation().field()).isEqualTo("mac");
    assertThat(e.getMessage()).contains("fa:16\\u0007").doesNotContain("\u0007");
  }

  @Test
  void toString_anyMac_formattedAndRoundTrips() {
    qt().forAll(longs().between(0, 0xffff_ffff_ffffL)).checkAssert(bits -> {
      MacAddress mac = MacAddress.of(bits);
      String text = mac.toString();
      assertThat(text).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
      assertThat(Long.parseLong(text.replace(":", ""), 16)).isEqualTo(bits);
      assertThat(MacAddress.parse(text)).isEqualTo(mac);
      assertThat(MacAddress.parse(text.toUpperCase(java.util.Locale.ROOT).replace(':', '-')))
          .isEqualTo(mac);
    });
  }

  @Test
  void of_bitsAbove48_throwsIllegalArgument() {
    assertThatThrownBy(() -> MacAddress.of(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MacAddress.of(-1L)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_all48Bits_broadcast() {
    assertThat(MacAddress.of(0xffff_ffff_ffffL).toString()).isEqualTo("ff:ff:ff:ff:ff:ff");
  }

  @Test
  void ofBytes_sixBytes_sameAsText() {
    byte[] b = {(byte) 0xfa, 0x16, 0x3e, 0x00, (byte) 0x80, (byte) 0xff};

    assertThat(MacAddress.ofBytes(b)).isEqualTo(MacAddress.parse("fa:16:3e:00:80:ff"));
  }

  @Test
  void ofBytes_longChaddr_usesFirstSix() {
    byte[] chaddr = new byte[16];
    chaddr[0] = 0x02;
    chaddr[5] = 0x09;
    chaddr[6] = 0x77;

    assertThat(MacAddress.ofBytes(chaddr)).isEqualTo(MacAddress.parse("02:00:00:00:00:09"));
  }

  @Test
  void ofBytes_fewerThanSix_throwsIllegalArgument() {
    assertThatThrownBy(() -> MacAddress.ofBytes(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBytes_anyMac_roundTripsAndIsACopy() {
    qt().forAll(longs().between(0, 0xffff_ffff_ffffL)).checkAssert(bits -> {
      MacAddress mac = MacAddress.of(bits);
      byte[] b = mac.toBytes();
      assertThat(b).hasSize(6);
      assertThat(MacAddress.ofBytes(b)).isEqualTo(mac);
      b[0] ^= 1;
      assertThat(mac.toBytes()[0]).isNotEqualTo(b[0]);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"fa:16:3e:00:00:01", "00:00:00:00:00:01", "02:00:00:00:00:01",
      "fe:ff:ff:ff:ff:ff"})
  void isUnicast_groupBitClear_true(String text) {
    assertThat(MacAddress.parse(text).isUnicast()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01:00:5e:00:00:01", "33:33:00:00:00:01", "ff:ff:ff:ff:ff:ff",
      "03:00:00:00:00:00", "fb:16:3e:00:00:01"})
  void isUnicast_groupBitSet_false(String text) {
    assertThat(MacAddress.parse(text).isUnicast()).isFalse();
  }

  @Test
  void isZero_onlyAllZero() {
    assertThat(MacAddress.parse("00:00:00:00:00:00").isZero()).isTrue();
    assertThat(MacAddress.parse("00:00:00:00:00:01").isZero()).isFalse();
    assertThat(MacAddress.parse("80:00:00:00:00:00").isZero()).isFalse();
  }

  @Test
  void compareTo_numericOrderOfOctets() {
    assertThat(MacAddress.parse("ff:00:00:00:00:00"))
        .isGreaterThan(MacAddress.parse("7f:ff:ff:ff:ff:ff"));
    assertThat(MacAddress.parse("00:00:00:00:01:00"))
        .isGreaterThan(MacAddress.parse("00:00:00:00:00:ff"));
    assertThat(MacAddress.parse("fa:16:3e:00:00:01"))
        .isEqualByComparingTo(MacAddress.parse("FA-16-3E-00-00-01"));
  }

  @Test
  void equals_sameBits_equalWithSameHash() {
    MacAddress a = MacAddress.parse("fa:16:3e:00:00:01");
    MacAddress b = MacAddress.of(0xfa163e000001L);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
        .isNotEqualTo(MacAddress.parse("fa:16:3e:00:00:02"));
  }
}
