package io.dhcpstate.options;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule that decides which option a client gets when several levels set it, lowest first:
 * options derived from the subnet (router, DNS servers, MTU, routes, lease time, domain) &lt;
 * global options from configuration &lt; a port's extra options. A higher level replaces a
 * lower one for the same (IP version, code, condition); options with different conditions
 * coexist, and dnsmasq prefers the one whose condition matches.
 *
 * <p>Some options may not be set globally, as in Neutron's OVN driver: the server identifier,
 * lease time, router, MTU, DNS servers and static routes (they are per subnet), plus per-client
 * options and protocol internals. Stateless and thread-safe.
 */
public final class OptionPrecedence {
  private static final Comparator<ExtraDhcpOption> ORDER = Comparator
      .comparing((ExtraDhcpOption o) -> o.ipVersion())
      .thenComparingInt(o -> o.option().code())
      .thenComparing(ExtraDhcpOption::condition);

  private static final Set<DhcpOption> FORBIDDEN_GLOBALLY = forbidden();

  private OptionPrecedence() {}

  private static Set<DhcpOption> forbidden() {
    Set<DhcpOption> out = new LinkedHashSet<>();
    for (IpVersion v : IpVersion.values()) {
      for (DhcpOption o : DhcpOptionCatalogue.all(v)) {
        if (!o.globalAllowed()) {
          out.add(o);
        }
      }
    }
    return Set.copyOf(out);
  }

  /**
   * Returns the catalogue options that may not be set globally: server identifier (54), lease
   * time (51), router (3), MTU (26), DNS servers (6, and 23 for DHCPv6), static routes (121,
   * 249, 33), per-client options (client id, host name) and the options the protocol sets
   * itself. Opaque codes may be set globally.
   *
   * @return an immutable set
   */
  public static Set<DhcpOption> forbiddenGlobally() {
    return FORBIDDEN_GLOBALLY;
  }

  /**
   * Checks a list of global options: each may be set globally and is set once per (IP
   * version, code, condition).
   *
   * @param global the global options
   * @return the same options, as an immutable list
   * @throws InvalidResourceException naming each offending option (field {@code name})
   * @throws NullPointerException if the list or an element is null
   */
  public static List<ExtraDhcpOption> checkGlobal(List<ExtraDhcpOption> global) {
    List<ExtraDhcpOption> copy = List.copyOf(global);
    List<Violation> violations = new ArrayList<>();
    Map<ExtraDhcpOption, ExtraDhcpOption> seen = new TreeMap<>(ORDER);
    for (int i = 0; i < copy.size(); i++) {
      ExtraDhcpOption o = copy.get(i);
      if (!o.option().globalAllowed()) {
        violations.add(Violation.of("global_dhcp_opt", o.name(), "name", o.name(),
            "may not be set globally (set it per subnet or per port)"));
      } else if (seen.put(o, o) != null) {
        violations.add(Violation.of("global_dhcp_opt", o.name(), "name", o.name(),
            "is set twice for DHCPv" + o.ipVersion().number()));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidResourceException(violations);
    }
    return copy;
  }

  /**
   * Merges the three levels into the options a port's clients get. Within one level a later
   * entry replaces an earlier one with the same key. The result is ordered by IP version,
   * code and condition, so equal inputs give equal lists.
   *
   * @param subnetDerived options derived from the subnet and network (lowest precedence)
   * @param global global options from configuration
   * @param port the port's extra options (highest precedence)
   * @return the merged options, an immutable list
   * @throws InvalidResourceException if a global option may not be set globally
   * @throws NullPointerException if a list or an element is null
   */
  public static List<ExtraDhcpOption> merge(
      List<ExtraDhcpOption> subnetDerived,
      List<ExtraDhcpOption> global,
      List<ExtraDhcpOption> port) {
    Objects.requireNonNull(subnetDerived, "subnetDerived");
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(port, "port");
    for (ExtraDhcpOption o : global) {
      if (!o.option().globalAllowed()) {
        throw new InvalidResourceException(Violation.of("global_dhcp_opt", o.name(), "name",
            o.name(), "may not be set globally (set it per subnet or per port)"));
      }
    }
    Map<ExtraDhcpOption, ExtraDhcpOption> merged = new TreeMap<>(ORDER);
    for (List<ExtraDhcpOption> level : List.of(subnetDerived, global, port)) {
      for (ExtraDhcpOption o : level) {
        merged.remove(Objects.requireNonNull(o, "option"));
        merged.put(o, o);
      }
    }
    return List.copyOf(merged.values());
  }
}
