package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;
import static io.dhcpstate.testkit.Draws.pick;

import java.util.List;
import java.util.UUID;
import org.quicktheories.core.RandomnessSource;

/** Draws of valid identifiers, DNS names, display names and device owners. */
final class Names {
  /** Longest identifier the model accepts. */
  static final int MAX_ID = 64;
  /** Longest DNS name, without its optional trailing dot. */
  static final int MAX_DNS = 253;

  private static final List<String> OWNERS = List.of("", "compute:nova", "compute:az-1",
      "network:router_interface", "network:router_gateway", "network:floatingip",
      "baremetal:none", "network:distributed", "trunk:subport");
  private static final String OWNER_CHARS = Draws.ALNUM + ":._-";
  private static final List<String> NAME_UNITS = List.of("é", "ß", "Ω", "ж", "中", "ü", "ñ",
      "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", " ", "-", "_", "'", "\"", "\\", "#", ",");

  private Names() {}

  /** An identifier: 1 to 64 of {@code [A-Za-z0-9._-]} starting alphanumeric, or a UUID. */
  static String id(RandomnessSource rs) {
    if (chance(rs, 25)) {
      return new UUID(Draws.bits(rs), Draws.bits(rs)).toString();
    }
    return token(rs, 1, MAX_ID);
  }

  /** A token of {@code [A-Za-z0-9._-]} starting alphanumeric, of a length in the range. */
  static String token(RandomnessSource rs, int minLength, int maxLength) {
    int length = between(rs, minLength, maxLength);
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder(length);
    sb.append(bytes.pick(Draws.ALNUM));
    for (int i = 1; i < length; i++) {
      sb.append(bytes.pick(Draws.ID_CHARS));
    }
    return sb.toString();
  }

  /**
   * A source of distinct identifiers for one snapshot: {@code id(i)} differs for every
   * {@code i}, either as a prefix and a counter or as a UUID made from a bijective mix of
   * {@code i}.
   */
  static final class Sequence {
    private final String prefix;
    private final long salt;
    private final boolean uuids;

    Sequence(RandomnessSource rs, String kind) {
      this.uuids = chance(rs, 40);
      this.salt = Draws.bits(rs);
      this.prefix = chance(rs, 50) ? kind : token(rs, 1, 48);
    }

    String id(int i) {
      if (uuids) {
        return new UUID(mix(salt + i), mix(~salt - i)).toString();
      }
      return prefix + "-" + Integer.toString(i, 36);
    }
  }

  /** SplitMix64's finaliser: a bijection of the longs, so distinct inputs give distinct ids. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A host name: one to four RFC 1123 labels, at most 253 characters. */
  static String hostname(RandomnessSource rs) {
    return dnsName(rs, between(rs, 1, 4), MAX_DNS, false);
  }

  /** A DNS domain: one to four labels, at most 253 characters, sometimes with a final dot. */
  static String dnsDomain(RandomnessSource rs) {
    return dnsName(rs, between(rs, 1, 4), MAX_DNS, chance(rs, 20));
  }

  /**
   * A DNS name of {@code labels} RFC 1123 labels and at most {@code maxLength} characters
   * (not counting the optional trailing dot).
   */
  static String dnsName(RandomnessSource rs, int labels, int maxLength, boolean trailingDot) {
    int count = Math.max(1, Math.min(labels, (maxLength + 1) / 2));
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < count; k++) {
      int left = count - k - 1;
      int budget = maxLength - sb.length() - (k == 0 ? 0 : 1) - 2 * left;
      if (k > 0) {
        sb.append('.');
      }
      label(bytes, sb, between(rs, 1, Math.min(63, budget)));
    }
    return trailingDot ? sb.append('.').toString() : sb.toString();
  }

  private static void label(Draws.Bytes bytes, StringBuilder sb, int length) {
    sb.append(bytes.pick(Draws.ALNUM));
    for (int i = 1; i < length - 1; i++) {
      sb.append(bytes.pick(Draws.LABEL_CHARS));
    }
    if (length > 1) {
      sb.append(bytes.pick(Draws.ALNUM));
    }
  }

  /**
   * A display name: up to 255 characters of printable ASCII, accented and other letters,
   * quotes, backslashes and emoji (valid surrogate pairs), never a control character.
   */
  static String displayName(RandomnessSource rs) {
    int target = between(rs, 0, 255);
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder(target);
    while (sb.length() < target) {
      String unit = bytes.chance(70) ? String.valueOf(bytes.pick(Draws.ALNUM))
          : NAME_UNITS.get(bytes.next(NAME_UNITS.size()));
      sb.append(sb.length() + unit.length() <= target ? unit : "x");
    }
    return sb.toString();
  }

  /** A device owner: a common one such as {@code compute:nova}, or up to 255 owner chars. */
  static String deviceOwner(RandomnessSource rs) {
    if (chance(rs, 70)) {
      return pick(rs, OWNERS);
    }
    int length = between(rs, 0, 255);
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(bytes.pick(OWNER_CHARS));
    }
    return sb.toString();
  }
}
