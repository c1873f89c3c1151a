package io.dhcpstate.testkit;

import io.dhcpstate.model.IpVersion;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.OptionType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which strings each field must refuse, by their {@link InjectionCorpus.Kind}s. Identifiers,
 * DNS names, address and MAC texts, client ids, option names and typed option values refuse
 * every kind; the fields that legitimately hold free text or lists refuse fewer.
 */
final class Kinds {
  /**
   * A device owner ({@code [A-Za-z0-9:._-]}) may look like a path ({@code .}) or an option
   * ({@code -x}) or hold {@code set:}: it never reaches a file or a command line.
   */
  static final Set<InjectionCorpus.Kind> DEVICE_OWNER = Collections.unmodifiableSet(
      EnumSet.of(InjectionCorpus.Kind.LINE_BREAK, InjectionCorpus.Kind.CONTROL,
          InjectionCorpus.Kind.COMMA, InjectionCorpus.Kind.QUOTE, InjectionCorpus.Kind.SYNTAX,
          InjectionCorpus.Kind.NON_ASCII, InjectionCorpus.Kind.OVERLONG));

  /** A display name is free text, never written to a file: only controls and length. */
  static final Set<InjectionCorpus.Kind> DISPLAY_NAME = Collections.unmodifiableSet(
      EnumSet.of(InjectionCorpus.Kind.LINE_BREAK, InjectionCorpus.Kind.CONTROL,
          InjectionCorpus.Kind.OVERLONG));

  private Kinds() {}

  /** Strings a field refusing {@code kinds} must refuse. */
  static Predicate<String> refusing(Set<InjectionCorpus.Kind> kinds) {
    return s -> InjectionCorpus.hasAny(s, kinds);
  }

  /**
   * Strings an option's values must refuse. Free text (STRING, and a client id, which may be
   * text) refuses {@link InjectionCorpus#BREAKOUT}, plus overlong values for DHCPv4, whose
   * values hold at most 255 bytes. A list refuses every kind but the comma between its
   * elements, judged after dropping the spaces around elements, as the model does. Other
   * types refuse every kind.
   */
  static Predicate<String> optionValue(DhcpOption option) {
    if (isFreeText(option)) {
      EnumSet<InjectionCorpus.Kind> k = EnumSet.copyOf(InjectionCorpus.BREAKOUT);
      if (option.ipVersion() == IpVersion.V4) {
        k.add(InjectionCorpus.Kind.OVERLONG);
      }
      return refusing(k);
    }
    if (option.type().isList()) {
      EnumSet<InjectionCorpus.Kind> k = EnumSet.allOf(InjectionCorpus.Kind.class);
      k.remove(InjectionCorpus.Kind.COMMA);
      return s -> InjectionCorpus.hasAny(trimElements(s), k)
          || InjectionCorpus.CVE_2021_40085.contains(s);
    }
    return refusing(InjectionCorpus.ALL_KINDS);
  }

  /** Drops the ASCII spaces around each comma-separated element. */
  static String trimElements(String list) {
    String[] parts = list.split(",", -1);
    StringBuilder sb = new StringBuilder(list.length());
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      int start = 0;
      int end = p.length();
      while (start < end && p.charAt(start) == ' ') {
        start++;
      }
      while (end > start && p.charAt(end - 1) == ' ') {
        end--;
      }
      sb.append(i == 0 ? "" : ",").append(p, start, end);
    }
    return sb.toString();
  }

  /** Tells whether an option's values are free text: STRING, or a client id. */
  static boolean isFreeText(DhcpOption option) {
    return option.type() == OptionType.STRING || option.type() == OptionType.HEX
        && option.code() == (option.ipVersion() == IpVersion.V4 ? 61 : 1);
  }
}
