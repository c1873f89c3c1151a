package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.testkit.InjectionCorpus.Kind;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of the corpus: what it holds and how strings are classified. */
class InjectionCorpusTest {

  @Test
  void all_everyEntry_hasAKind() {
    for (String s : InjectionCorpus.ALL) {
      assertThat(InjectionCorpus.kinds(s)).as(InjectionCorpus.escape(s)).isNotEmpty();
    }
  }

  @Test
  void all_required_entriesPresent() {
    assertThat(InjectionCorpus.ALL).contains("\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085",
        "\u0000", ",", "\"", "\\", "tag:", "set:", "--conf-file=/etc/passwd", "../", "/", ".",
        "..", "-x", "\uD800", "1.2.3.4\ndhcp-option-force=66,evil",
        "x,option:dns-server,6.6.6.6", "a".repeat(300), "a".repeat(5000));
    assertThat(InjectionCorpus.ALL).containsAll(InjectionCorpus.CVE_2021_40085);
    assertThat(new HashSet<>(InjectionCorpus.ALL)).hasSameSizeAs(InjectionCorpus.ALL);
  }

  @Test
  void all_entries_coverEveryKind() {
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    InjectionCorpus.ALL.forEach(s -> seen.addAll(InjectionCorpus.kinds(s)));
    assertThat(seen).containsExactlyInAnyOrder(Kind.values());
  }

  @Test
  void kinds_examples_classified() {
    assertThat(InjectionCorpus.kinds("abc-1.x")).isEmpty();
    assertThat(InjectionCorpus.kinds("a\u2028b")).contains(Kind.LINE_BREAK);
    assertThat(InjectionCorpus.kinds("a\u0000")).containsExactly(Kind.CONTROL);
    assertThat(InjectionCorpus.kinds("x,option:dns-server")).containsExactly(Kind.COMMA);
    assertThat(InjectionCorpus.kinds("TAG:x")).containsExactly(Kind.CONDITION);
    assertThat(InjectionCorpus.kinds("-x")).containsExactly(Kind.OPTION_LIKE);
    assertThat(InjectionCorpus.kinds("..")).containsExactly(Kind.PATH);
    assertThat(InjectionCorpus.kinds("a.b")).isEmpty();
    assertThat(InjectionCorpus.kinds("\uD83D\uDE00")).containsExactly(Kind.NON_ASCII);
    assertThat(InjectionCorpus.kinds("b".repeat(256))).containsExactly(Kind.OVERLONG);
    assertThat(InjectionCorpus.kinds("a b")).containsExactly(Kind.SYNTAX);
    assertThat(InjectionCorpus.kinds("'")).containsExactly(Kind.QUOTE);
  }

  @Test
  void entries_byKind_onlyThoseWithTheKind() {
    List<String> breaks = InjectionCorpus.entries(EnumSet.of(Kind.LINE_BREAK));
    assertThat(breaks).isNotEmpty().allSatisfy(s ->
        assertThat(InjectionCorpus.kinds(s)).contains(Kind.LINE_BREAK));
    assertThat(breaks).contains(InjectionCorpus.CVE_2021_40085.get(0));
  }

  @Test
  void injections_generated_holdACorpusEntry() {
    for (String s : Samples.of(InjectionCorpus.injections(), 11, 300)) {
      assertThat(InjectionCorpus.ALL.stream().anyMatch(s::contains)).isTrue();
    }
  }

  @Test
  void escape_controlsAndNonAscii_printable() {
    assertThat(InjectionCorpus.escape("a\nb\u0000\"\\é")).isEqualTo(
        "\"a\\nb\\u0000\\\"\\\\\\u00e9\"");
    assertThat(InjectionCorpus.escape("x".repeat(200))).endsWith("...(200 chars)");
  }
}
