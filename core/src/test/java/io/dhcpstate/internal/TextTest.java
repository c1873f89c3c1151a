package io.dhcpstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void escape_printableAscii_unchanged() {
    assertThat(Text.escape("host-1.example.org: 10.0.0.1/24 ~!@#$%^&*()"))
        .isEqualTo("host-1.example.org: 10.0.0.1/24 ~!@#$%^&*()");
  }

  @Test
  void escape_empty_empty() {
    assertThat(Text.escape("")).isEmpty();
  }

  @Test
  void escape_newlineCarriageReturnTab_namedEscapes() {
    assertThat(Text.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
  }

  @Test
  void escape_backslashAndQuote_escaped() {
    assertThat(Text.escape("a\\b\"c")).isEqualTo("a\\\\b\\\"c");
  }

  @Test
  void escape_otherControlCharacters_unicodeEscapes() {
    assertThat(Text.escape("\u0000\u0007\u001b\u007f\u0085"))
        .isEqualTo("\\u0000\\u0007\\u001b\\u007f\\u0085");
  }

  @Test
  void escape_nonAsciiAndFormatCharacters_unicodeEscapes() {
    // U+202E (right-to-left override) could reorder a log line; U+2028 breaks lines.
    assertThat(Text.escape("é\u202e\u2028")).isEqualTo("\\u00e9\\u202e\\u2028");
  }

  @Test
  void escape_surrogatePair_eachHalfEscaped() {
    assertThat(Text.escape("\ud83d\ude00")).isEqualTo("\\ud83d\\ude00");
  }

  @Test
  void escape_exactlyMaxShown_notShortened() {
    String raw = "a".repeat(Text.MAX_SHOWN);

    assertThat(Text.escape(raw)).isEqualTo(raw);
  }

  @Test
  void escape_longerThanMaxShown_shortenedWithFullLength() {
    String raw = "b".repeat(Text.MAX_SHOWN) + "TAIL" + "c".repeat(16);

    String shown = Text.escape(raw);

    assertThat(shown).startsWith("b".repeat(Text.MAX_SHOWN)).doesNotContain("TAIL");
    assertThat(shown).endsWith("(" + raw.length() + " chars)");
  }

  @Test
  void escape_anyString_printableAsciiOnlyOnOneLine() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(raw -> {
          String shown = Text.escape(raw);
          assertThat(shown.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
        });
  }

  @Test
  void escape_printableAsciiWithoutQuoteOrBackslash_identity() {
    qt().forAll(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, Text.MAX_SHOWN)
            .map(s -> s.replace('"', 'q').replace('\\', 'b')))
        .checkAssert(raw -> assertThat(Text.escape(raw)).isEqualTo(raw));
  }
}
