package io.dhcpstate.driver.dnsmasq;

import java.util.List;

/**
 * Words put before every command the dnsmasq driver runs for a network (dnsmasq itself,
 * {@code dhcp_release}, {@code kill}), such as {@code ip netns exec qdhcp-<id>} to run them in
 * the network's namespace. Must be fast and thread-safe; words are passed as arguments, never
 * through a shell.
 */
@FunctionalInterface
public interface CommandPrefix {
  /** No prefix: commands run in the host application's namespace. */
  CommandPrefix NONE = networkId -> List.of();

  /**
   * Returns the prefix for a network's commands.
   *
   * @param networkId the network id
   * @return the words, perhaps none
   */
  List<String> prefixFor(String networkId);

  /**
   * Returns the prefix {@code ip netns exec NAME}, with the namespace named by a function. Each
   * name is checked when the prefix is used: 1 to 64 of {@code [A-Za-z0-9._-]}, starting with a
   * letter or digit (never an option, a path or {@code ..}).
   *
   * @param namespaceOf the namespace of each network
   * @return the prefix; its {@link #prefixFor} throws {@link IllegalArgumentException} for a
   *     name that is not such a token
   */
  static CommandPrefix netns(java.util.function.Function<String, String> namespaceOf) {
    java.util.Objects.requireNonNull(namespaceOf, "namespaceOf");
    return networkId -> {
      String ns = namespaceOf.apply(networkId);
      if (ns == null || io.dhcpstate.internal.Checks.idProblem(ns) != null) {
        throw new IllegalArgumentException("namespace of network " + networkId
            + " is not a valid namespace name");
      }
      return List.of("ip", "netns", "exec", ns);
    };
  }
}
