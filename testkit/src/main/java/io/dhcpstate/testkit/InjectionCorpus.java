package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Strings built to break out of a DHCP server's configuration: line breaks, NUL and other
 * control characters, separators, quotes, dnsmasq {@code tag:}/{@code set:} prefixes,
 * option-like and path-like strings, non-ASCII text, overlong strings, and values modelled on
 * CVE-2021-40085, where a crafted extra option value reconfigured dnsmasq.
 *
 * <p>Each string has one or more {@link Kind}s, computed from its characters by
 * {@link #kinds(String)}. A field decides which kinds it must refuse: an identifier or host
 * name refuses all of them, a free-text option value at least {@link #BREAKOUT}. Immutable
 * and thread-safe.
 */
public final class InjectionCorpus {

  /** What makes a string dangerous, as {@link #kinds(String)} finds it. */
  public enum Kind {
    /** Holds a line break: LF, CR, VT, FF, NEL (U+0085), U+2028 or U+2029. */
    LINE_BREAK,
    /** Holds NUL or another C0/C1 control character or DEL that is not a line break. */
    CONTROL,
    /** Holds a comma, the separator of dnsmasq's option and host lines. */
    COMMA,
    /** Holds a double or single quote or a backslash. */
    QUOTE,
    /** Holds a space or shell/config syntax: {@code ! # $ % & ( ) * ; < = > ? @ [ ] ^ `} etc. */
    SYNTAX,
    /** Holds a dnsmasq {@code tag:} or {@code set:} marker, in any case. */
    CONDITION,
    /** Starts with {@code -}, as a command-line option would. */
    OPTION_LIKE,
    /** Holds {@code /}, or is {@code .} or {@code ..}, or starts with {@code ./}. */
    PATH,
    /** Holds a character above U+007F: letters, digits, emoji, unpaired surrogates. */
    NON_ASCII,
    /** Is longer than 255 characters. */
    OVERLONG
  }

  /** Every kind: what an identifier, a host name or an address text must refuse. */
  public static final Set<Kind> ALL_KINDS = Collections.unmodifiableSet(EnumSet.allOf(Kind.class));

  /**
   * The kinds that break out of a line or a value in a dnsmasq file: what every field written
   * to a configuration file must refuse, even free text such as a boot file name.
   */
  public static final Set<Kind> BREAKOUT = Collections.unmodifiableSet(EnumSet.of(
      Kind.LINE_BREAK, Kind.CONTROL, Kind.COMMA, Kind.QUOTE, Kind.CONDITION, Kind.NON_ASCII));

  /** Values modelled on CVE-2021-40085: a line break or a comma smuggling dnsmasq options. */
  public static final List<String> CVE_2021_40085 = List.of(
      "1.2.3.4\ndhcp-option-force=66,evil",
      "x,option:dns-server,6.6.6.6",
      "10.0.0.1\ndhcp-host=fa:16:3e:00:00:01,10.0.0.66",
      "pxelinux.0\r\nconf-file=/tmp/evil.conf",
      "pxelinux.0\u2028dhcp-boot=evil",
      "boot\u0085dhcp-script=/tmp/x",
      "\ndhcp-script=/bin/sh",
      "option:router,6.6.6.6",
      "host,set:evil",
      "66,\"evil\"",
      "fa:16:3e:00:00:01,10.0.0.5,evil",
      "tag:!ipxe,option:dns-server,6.6.6.6",
      "evil\u0000dhcp-option=3,6.6.6.6");

  /** The whole corpus, {@link #CVE_2021_40085} included; every entry has at least one kind. */
  public static final List<String> ALL = List.copyOf(build());

  private static final String SYNTAX_CHARS = " !#$%&()*;<=>?@[]^`{|}~";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private InjectionCorpus() {}

  private static List<String> build() {
    List<String> all = new ArrayList<>(List.of(
        // line breaks
        "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\u000b", "\u000c", "a\nb", "a\rb",
        "a\r\nb", "a\u2028b", "a\u2029b", "a\u0085b", "host\n", "\nhost",
        // NUL and other controls
        "\u0000", "a\u0000b", "\u0000a", "a\u0000", "\t", "a\tb", "\u0007", "\u001b[2J",
        "\u007f", "\u0080", "\u009b", "a\u0008b",
        // separators and quotes
        ",", "a,b", ",a", "a,", "\"", "'", "\\", "a\"b", "a'b", "a\\b", "a\\nb", "\"quoted\"",
        // syntax
        " ", "a b", " a", "a ", "#", "a#b", "x #comment", ";", "a;b", "a=b", "$(reboot)",
        "`id`", "a|b", "a&b", "<a>", "*", "?", "%s%n", "{a}", "[a]", "a@b",
        // dnsmasq conditions
        "tag:", "set:", "tag:evil", "tag:evil,router", "set:evil", "TAG:ipxe", "tag:!ipxe",
        "x,tag:y", "Set:Known", "tag:ipxe,tag:ipxe,67",
        // option-like
        "-", "--", "-x", "--conf-file=/etc/passwd", "--dhcp-script=/bin/sh", "-C/etc/passwd",
        "--port=0", "--no-resolv", "-u root",
        // paths
        "/", ".", "..", "../", "./x", "../../etc/passwd", "/etc/passwd", "a/b",
        "..\\..\\windows",
        // non-ASCII
        "é", "café", "ß", "Ω", "中文", "пример", "١٢٣", "０１２", "\uD83D\uDE00", "a\uD83D\uDE00b",
        "\uD800", "a\uDC00b", "\uFEFF", "a\u200Bb", "\u202Eevil", "fa:16:3e:00:00:\uFF10\uFF11",
        "\uFF12001:db8::1", "01:\u0660\u0662", "\uFF11.2.3.4", "xn--caf-dma\u00e9",
        // overlong
        "a".repeat(300), "a".repeat(5000), "a.".repeat(150), "1".repeat(300)));
    all.addAll(CVE_2021_40085);
    return all;
  }

  /**
   * Returns the kinds of a string; empty for a harmless one such as {@code abc}.
   *
   * @param s the string
   * @return the kinds it has, as an unmodifiable set
   */
  public static Set<Kind> kinds(String s) {
    EnumSet<Kind> k = EnumSet.noneOf(Kind.class);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u0085'
          || c == '\u2028' || c == '\u2029') {
        k.add(Kind.LINE_BREAK);
      } else if (Character.isISOControl(c)) {
        k.add(Kind.CONTROL);
      }
      if (c == ',') {
        k.add(Kind.COMMA);
      } else if (c == '"' || c == '\'' || c == '\\') {
        k.add(Kind.QUOTE);
      } else if (SYNTAX_CHARS.indexOf(c) >= 0) {
        k.add(Kind.SYNTAX);
      } else if (c == '/') {
        k.add(Kind.PATH);
      } else if (c > 0x7f) {
        k.add(Kind.NON_ASCII);
      }
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.contains("tag:") || lower.contains("set:")) {
      k.add(Kind.CONDITION);
    }
    if (s.startsWith("-")) {
      k.add(Kind.OPTION_LIKE);
    }
    if (s.equals(".") || s.equals("..") || s.startsWith("./")) {
      k.add(Kind.PATH);
    }
    if (s.length() > 255) {
      k.add(Kind.OVERLONG);
    }
    return Collections.unmodifiableSet(k);
  }

  /**
   * Tells whether a string has any of the given kinds.
   *
   * @param s the string
   * @param kinds the kinds to look for
   * @return true if {@code kinds(s)} and {@code kinds} share an element
   */
  public static boolean hasAny(String s, Set<Kind> kinds) {
    for (Kind k : kinds(s)) {
      if (kinds.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the corpus entries with any of the given kinds.
   *
   * @param kinds the kinds
   * @return an immutable list, in corpus order
   */
  public static List<String> entries(Set<Kind> kinds) {
    List<String> out = new ArrayList<>();
    for (String s : ALL) {
      if (hasAny(s, kinds)) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the corpus entries, picked at random; failures print them escaped.
   *
   * @return a generator of {@link #ALL}'s entries
   */
  public static Gen<String> strings() {
    Gen<String> gen = rs -> Draws.pick(rs, ALL);
    return gen.describedAs(InjectionCorpus::escape);
  }

  /**
   * Returns corpus entries as they are or spliced into an otherwise valid value (an id, a host
   * name, an IPv4 address or a MAC) at its start, middle or end, such as
   * {@code "10.0.0.1\nb"}. Splicing can make an entry harmless (a {@code "."} inside
   * {@code "a.b"}), so check each string's {@link #kinds(String)} rather than assuming them.
   *
   * @return a generator of injection attempts; failures print them escaped
   */
  public static Gen<String> injections() {
    Gen<String> gen = rs -> {
      String entry = Draws.pick(rs, ALL);
      if (Draws.chance(rs, 40)) {
        return entry;
      }
      String carrier = carrier(rs);
      int at = between(rs, 0, 2) * carrier.length() / 2;
      return carrier.substring(0, at) + entry + carrier.substring(at);
    };
    return gen.describedAs(InjectionCorpus::escape);
  }

  private static String carrier(RandomnessSource rs) {
    switch (between(rs, 0, 3)) {
      case 0:
        return Names.token(rs, 1, 20);
      case 1:
        return Names.dnsName(rs, 2, 40, false);
      case 2:
        return Addresses.ipv4(rs).toString();
      default:
        return Addresses.mac(rs).toString();
    }
  }

  /**
   * Renders a string printable and on one line, for failure reports: backslash escapes for
   * quotes, backslashes and line breaks, {@code \\uXXXX} for other characters outside printable
   * ASCII, and the length instead of the rest after 120 characters.
   *
   * @param s the string
   * @return a printable rendering in double quotes
   */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 120; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c > 0x7e) {
        sb.append("\\u").append(HEX[c >>> 12]).append(HEX[c >>> 8 & 0xf])
            .append(HEX[c >>> 4 & 0xf]).append(HEX[c & 0xf]);
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    return s.length() > 120 ? sb.append("...(").append(s.length()).append(" chars)").toString()
        : sb.toString();
  }
}
