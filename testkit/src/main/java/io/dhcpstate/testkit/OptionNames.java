package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.IpVersion;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.OptionType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.quicktheories.core.RandomnessSource;

/** Invalid option names and values by type, for {@link InvalidValues}. */
final class OptionNames {
  private static final List<String> NOT_NAME_CHARS = List.of(" ", ".", "/", ":", "=", "\n",
      "\u0000", "\"", "#", "é", "*", "\\");

  private static final List<String> BREAKOUT_ENTRIES =
      InjectionCorpus.entries(InjectionCorpus.BREAKOUT);

  private OptionNames() {}

  /** Known invalid names for a version, before corpus entries are added. */
  static List<String> known(IpVersion v) {
    List<String> out = new ArrayList<>(List.of("", "tag:", "tag:,router", "tag:ipxe",
        "tag:ipxe,", "tag:evil,67", "set:x", "set:ipxe,67", "tag:ipxe,tag:ipxe,67", "router,",
        ",67", "0", "00", "01", "-1", "999999", "no-such-option", "bootfile name",
        "x".repeat(101)));
    if (v == IpVersion.V4) {
      out.addAll(List.of("255", "256", "message-type", "53", "parameter-request", "55",
          "requested-address", "agent-info", "tag:ipxe6,67", "tag:!ipxe6,bootfile-name"));
    } else {
      out.addAll(List.of("65536", "ia-na", "3", "status", "server-id", "oro", "6"));
    }
    return out;
  }

  /** Draws an invalid name: a settable name broken by a forbidden character or condition. */
  static String invalid(RandomnessSource rs, IpVersion v) {
    String name = Draws.pick(rs, Options.settableOptions(v)).name();
    switch (between(rs, 0, 3)) {
      case 0:
        String tag = Names.token(rs, 1, 10).toLowerCase(Locale.ROOT).replace("ipxe", "x");
        return "tag:" + tag + "," + name;
      case 1:
        return Integer.toString(between(rs, v == IpVersion.V4 ? 256 : 65536, 99999));
      default:
        return InvalidValues.splice(rs, name, Draws.pick(rs, NOT_NAME_CHARS));
    }
  }

  /** Known invalid values for an option's type, corpus entries and CVE strings included. */
  static List<String> knownValues(DhcpOption option) {
    List<String> out = new ArrayList<>(InjectionCorpus.CVE_2021_40085);
    out.add("x".repeat(2049));
    boolean v4 = option.ipVersion() == IpVersion.V4;
    String other = v4 ? "2001:db8::1" : "10.0.0.1";
    String mine = v4 ? "10.0.0.1" : "2001:db8::1";
    if (Kinds.isFreeText(option)) {
      out.addAll(List.of("", " a", "a ", "a #b", "a,b", "a\"b", "a'b", "a\\b", "tag:x",
          "SET:x", "a\nb"));
      if (v4) {
        out.add("s".repeat(256));
      }
      return out;
    }
    OptionType type = option.type();
    switch (type) {
      case IP:
        out.addAll(List.of("", "1.2.3", other, mine + "/24", mine + "," + mine, "[10.0.0.1]",
            mine + " "));
        break;
      case IP_LIST:
        out.addAll(List.of(",", mine + ",", "," + mine, mine + ",," + mine, mine + "," + other,
            "1.2.3", String.join(",", Collections.nCopies(v4 ? 64 : 65, mine))));
        break;
      case INT8:
      case INT16:
      case INT32:
        long max = type == OptionType.INT8 ? 0xff
            : type == OptionType.INT16 ? 0xffff : 0xffff_ffffL;
        out.addAll(List.of("", Long.toString(max + 1), "-1", "1.5", "0x1", " 1", "1 ", "1e2",
            "0".repeat(21), "99999999999"));
        break;
      case BOOL:
        out.addAll(List.of("", "yes", "no", "2", "on", "truee", "tru", "-1"));
        break;
      case DOMAIN_NAME:
        out.addAll(List.of("", "a..b", "-a", "a-", "a_b", "a b", ".", "x".repeat(64), "a,b"));
        break;
      case DOMAIN_LIST:
        out.addAll(List.of(",", "a,,b", "a,", ",a", "a..b", "-a,b", "a_b"));
        if (v4) {
          out.add(String.join(",", Collections.nCopies(5, "d".repeat(60))));
        }
        break;
      case ROUTES:
        out.addAll(List.of(",", "10.0.0.0/8", "10.0.0.1/8,10.0.0.1", "10.0.0.0/33,1.1.1.1",
            "10.0.0.0/8,::1", "10.0.0.0,10.0.0.1", "10.0.0.0/08,1.1.1.1", "0.0.0.0/0,"));
        break;
      case HEX:
      default:
        out.addAll(List.of("", "0g", "123", "01::02", ":01", "01:", "01-02", "0x01", "01,02"));
        if (v4) {
          out.add(String.join(":", Collections.nCopies(256, "ab")));
        }
        break;
    }
    return out;
  }

  /** Draws an invalid value: a valid one with a breakout character spliced in. */
  static String invalidValue(RandomnessSource rs, DhcpOption option) {
    String valid = Options.value(rs, option);
    String bad = Draws.pick(rs, BREAKOUT_ENTRIES);
    if (option.type().isList() && !Kinds.isFreeText(option)
        && InjectionCorpus.kinds(bad).equals(EnumSet.of(InjectionCorpus.Kind.COMMA))) {
      bad = "\n";
    }
    return chance(rs, 80) ? InvalidValues.splice(rs, valid, bad) : valid + bad;
  }
}
