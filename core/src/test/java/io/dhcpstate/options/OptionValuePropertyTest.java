package io.dhcpstate.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.OptionCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property tests of option values: random valid values of every type are accepted and
 * round-trip; values holding a forbidden character or marker are rejected for every option
 * without echoing the value.
 */
class OptionValuePropertyTest {
  private static final String SAFE =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./:_-=+@?&%$!~*()[]{}<>;|#^`";

  /** Every settable option of both versions, plus a few opaque codes. */
  private static List<DhcpOption> settable() {
    List<DhcpOption> out = new ArrayList<>();
    for (IpVersion v : IpVersion.values()) {
      DhcpOptionCatalogue.all(v).stream().filter(DhcpOption::portAllowed).forEach(out::add);
    }
    out.add(DhcpOptionCatalogue.get("200", IpVersion.V4));
    out.add(DhcpOptionCatalogue.get("254", IpVersion.V4));
    out.add(DhcpOptionCatalogue.get("4242", IpVersion.V6));
    return out;
  }

  private static Gen<String> v4Address() {
    return integers().all().map(i -> IpAddress.ofV4(i).toString());
  }

  private static Gen<String> v6Address() {
    return longs().all().zip(longs().all(), integers().between(0, 3), (h, l, style) -> {
      String text = IpAddress.ofV6(h, l).toString();
      return style == 1 ? text.toUpperCase(Locale.ROOT) : style == 2 ? "[" + text + "]" : text;
    });
  }

  private static Gen<String> address(IpVersion v) {
    return v == IpVersion.V4 ? v4Address() : v6Address();
  }

  private static Gen<String> joined(Gen<String> element, int min, int max) {
    return lists().of(element).ofSizeBetween(min, max)
        .zip(Generate.pick(List.of(",", ", ", " , ")), (l, sep) -> String.join(sep, l));
  }

  private static Gen<String> number(long max) {
    return longs().between(0, max).zip(integers().between(0, 2),
        (n, zeros) -> "0".repeat(zeros) + n);
  }

  private static Gen<String> safeString() {
    Gen<Character> ch = Generate.pick(SAFE.chars().mapToObj(c -> (char) c).toList());
    Gen<Character> inner = ch.mix(Generate.constant(' '), 15);
    return ch.zip(lists().of(inner).ofSizeBetween(0, 60), ch, (a, mid, b) -> {
      StringBuilder sb = new StringBuilder().append(a);
      mid.forEach(sb::append);
      String s = sb.append(b).toString().replace(" #", " _");
      return s.replaceAll("(?i)tag:", "tag_").replaceAll("(?i)set:", "set_");
    });
  }

  private static Gen<String> domainName() {
    Gen<String> label = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8)
        .zip(strings().betweenCodePoints('0', '9').ofLengthBetween(0, 2),
            integers().between(0, 2),
            (a, d, style) -> style == 0 ? a + d : style == 1 ? a + "-" + a : a.toUpperCase(
                Locale.ROOT) + d);
    return lists().of(label).ofSizeBetween(1, 4)
        .zip(Generate.booleans(), (labels, dot) -> String.join(".", labels) + (dot ? "." : ""));
  }

  private static Gen<String> route() {
    return integers().all().zip(integers().between(0, 32), v4Address(), (bits, len, hop) -> {
      int mask = len == 0 ? 0 : -1 << (32 - len);
      return IpAddress.ofV4(bits & mask) + "/" + len + "," + hop;
    });
  }

  private static Gen<String> hex() {
    return lists().of(integers().between(0, 255).zip(integers().between(0, 2), (b, style) -> {
      String h = style == 0 && b < 16 ? Integer.toHexString(b)
          : String.format("%02x", b);
      return style == 2 ? h.toUpperCase(Locale.ROOT) : h;
    })).ofSizeBetween(1, 30).map(l -> String.join(":", l));
  }

  /** Random valid raw values for one option. */
  private static Gen<String> validValue(DhcpOption o) {
    IpVersion v = o.ipVersion();
    switch (o.type()) {
      case IP:
        return address(v);
      case IP_LIST:
        return joined(address(v), 0, 8);
      case INT8:
        return number(255);
      case INT16:
        return number(65535);
      case INT32:
        return number(4294967295L);
      case BOOL:
        return Generate.pick(List.of("0", "1", "true", "false", "TRUE", "False"));
      case STRING:
        return safeString();
      case DOMAIN_NAME:
        return domainName();
      case DOMAIN_LIST:
        return joined(domainName(), 0, 4);
      case ROUTES:
        return joined(route(), 0, 6);
      case HEX:
        return o.code() == (v == IpVersion.V4 ? 61 : 1) ? hex().mix(safeString()) : hex();
      default:
        throw new AssertionError(o.type());
    }
  }

  /** A name for the option as a user might write it: canonical, alias or code, any case. */
  private static Gen<String> nameFor(DhcpOption o) {
    List<String> names = new ArrayList<>(o.aliases());
    names.add(o.name());
    names.add(o.name().toUpperCase(Locale.ROOT));
    if (o.code() != 255 || o.ipVersion() == IpVersion.V6) {
      names.add(Integer.toString(o.code()));
    }
    return Generate.pick(names).zip(Generate.pick(List.of("", "tag:ipxe,", "tag:!ipxe,")),
        (n, prefix) -> prefix + n);
  }

  private record Input(DhcpOption option, String name, String value) {}

  private static Gen<Input> validInputs(List<DhcpOption> options) {
    return Generate.pick(options).flatMap(o -> nameFor(o).zip(validValue(o),
        (n, val) -> new Input(o, n, val)));
  }

  @ParameterizedTest
  @EnumSource(OptionType.class)
  void of_randomValidValue_acceptedAndRoundTrips(OptionType type) {
    List<DhcpOption> options = settable().stream().filter(o -> o.type() == type).toList();
    assertThat(options).as("settable options of type %s", type).isNotEmpty();
    qt().withExamples(300).forAll(validInputs(options)).checkAssert(in -> {
      ExtraDhcpOption first = ExtraDhcpOption.of(in.name(), in.value(), in.option().ipVersion());
      assertThat(first.option()).isEqualTo(in.option());
      ExtraDhcpOption again = ExtraDhcpOption.of(first.name(), first.value(), first.ipVersion());
      assertThat(again).isEqualTo(first);
      assertThat(in.option().normalize(first.value())).isEqualTo(first.value());
      assertCanonical(in.option(), first.value());
      assertThat(new ExtraDhcpOption(first.option(), first.value(), first.ipVersion(),
          first.condition())).isEqualTo(first);
    });
  }

  /** Checks the canonical form of a normalised value of each type. */
  private static void assertCanonical(DhcpOption option, String value) {
    if (option.type() != OptionType.STRING && option.type() != OptionType.HEX) {
      assertThat(value).doesNotContain(" ");
    }
    List<String> elements = value.isEmpty() ? List.of() : List.of(value.split(",", -1));
    switch (option.type()) {
      case IP:
      case IP_LIST:
        elements.forEach(e -> assertThat(IpAddress.parse(e).toString()).isEqualTo(e));
        break;
      case INT8:
      case INT16:
      case INT32:
        assertThat(value).matches("0|[1-9][0-9]*");
        break;
      case BOOL:
        assertThat(value).isIn("0", "1");
        break;
      case DOMAIN_NAME:
      case DOMAIN_LIST:
        elements.forEach(e -> assertThat(e).isEqualTo(e.toLowerCase(Locale.ROOT))
            .doesNotEndWith("."));
        break;
      case ROUTES:
        for (int i = 0; i < elements.size(); i += 2) {
          assertThat(IpPrefix.parse(elements.get(i)).toString()).isEqualTo(elements.get(i));
          assertThat(IpAddress.parse(elements.get(i + 1)).toString())
              .isEqualTo(elements.get(i + 1));
        }
        break;
      case HEX:
        if (value.matches("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})*")) {
          assertThat(value).matches("[0-9a-f]{2}(:[0-9a-f]{2})*");
        }
        break;
      default:
        break;
    }
  }

  private static final List<String> FORBIDDEN = List.of("\n", "\r", "\r\n", "\u2028", "\u2029",
      "\u0085", "\u000b", "\u000c", "\u0000", "\u0001", "\u001b", "\t", "\u007f", "\u00e9",
      "\u00a0", "\ud83d\ude00", "\ufeff", "\"", "'", "\\", "tag:", "set:", "TAG:", "Set:");

  @Test
  void of_valueWithForbiddenCharacter_rejectedForEveryOptionWithoutEcho() {
    Gen<String> token = strings().betweenCodePoints('a', 'z').ofLengthBetween(12, 20);
    Gen<String> suffix = strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 10);
    qt().withExamples(2000)
        .forAll(Generate.pick(settable()), token, Generate.pick(FORBIDDEN), suffix)
        .checkAssert((option, prefix, bad, rest) -> {
          String raw = prefix + bad + rest;
          String name = option.name();
          InvalidResourceException e = catchThrowableOfType(
              () -> ExtraDhcpOption.of(name, raw, option.ipVersion()),
              InvalidResourceException.class);
          assertThat(e).as("%s accepted a forbidden value", option).isNotNull();
          assertThat(e.violation().field()).isEqualTo("value");
          assertThat(e.violation().value()).isEqualTo("<hidden>");
          assertThat(e.violation().reason()).contains("at index " + prefix.length());
          assertThat(e.getMessage()).doesNotContain(raw).doesNotContain(prefix);
        });
  }

  @Test
  void of_commaInSingleValueType_rejected() {
    List<DhcpOption> single = settable().stream().filter(o -> !o.type().isList()).toList();
    Gen<String> token = strings().betweenCodePoints('a', 'z').ofLengthBetween(12, 20);
    qt().withExamples(500).forAll(Generate.pick(single), token, token)
        .checkAssert((option, before, after) -> {
          String raw = before + "," + after;
          InvalidResourceException e = catchThrowableOfType(
              () -> ExtraDhcpOption.of(option.name(), raw, option.ipVersion()),
              InvalidResourceException.class);
          assertThat(e).isNotNull();
          assertThat(e.violation().field()).isEqualTo("value");
          assertThat(e.violation().reason())
              .startsWith("contains a comma at index " + before.length());
          assertThat(e.getMessage()).doesNotContain(before).doesNotContain(after);
        });
  }

  @Test
  void of_nameWithForeignTagOrSet_rejectedOnName() {
    Gen<String> tag = strings().betweenCodePoints('!', 'z').ofLengthBetween(0, 8)
        .assuming(t -> t.indexOf(',') < 0 && !List.of("ipxe", "!ipxe", "ipxe6", "!ipxe6")
            .contains(t.toLowerCase(Locale.ROOT)));
    Gen<String> marker = Generate.pick(List.of("tag:", "set:", "SET:", "Tag:"));
    qt().withExamples(500)
        .forAll(Generate.pick(settable()), marker, tag, Generate.booleans())
        .checkAssert((option, m, t, before) -> {
          String name = before ? m + t + "," + option.name() : option.name() + "," + m + t;
          InvalidResourceException e = catchThrowableOfType(
              () -> ExtraDhcpOption.of(name, "x", option.ipVersion()),
              InvalidResourceException.class);
          assertThat(e).as(name).isNotNull();
          assertThat(e.violation().field()).isEqualTo("name");
        });
  }

  @Test
  void of_ipxeConditions_parsedForEveryOption() {
    qt().withExamples(300).forAll(validInputs(settable())).checkAssert(in -> {
      ExtraDhcpOption o = ExtraDhcpOption.of(in.name(), in.value(), in.option().ipVersion());
      OptionCondition expected = in.name().startsWith("tag:ipxe,") ? OptionCondition.IPXE
          : in.name().startsWith("tag:!ipxe,") ? OptionCondition.NOT_IPXE
          : OptionCondition.ALWAYS;
      assertThat(o.condition()).isEqualTo(expected);
    });
  }
}
