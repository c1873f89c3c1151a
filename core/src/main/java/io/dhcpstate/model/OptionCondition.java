package io.dhcpstate.model;

import java.util.Optional;

/**
 * When an extra DHCP option is sent: always, only to iPXE clients, or only to other clients.
 *
 * <p>iPXE is the network boot firmware Ironic boots bare-metal machines through: a machine's
 * PXE ROM first fetches iPXE (a {@link #NOT_IPXE} boot file), then iPXE asks again and gets its
 * script (an {@link #IPXE} boot file). A DHCPv4 client is recognised as iPXE when it sends
 * option 175 (dnsmasq {@code --dhcp-match=set:ipxe,175}); a DHCPv6 client when its user class
 * is {@code iPXE} ({@code --dhcp-userclass=set:ipxe6,iPXE}). Neutron expresses the condition
 * as a name prefix, {@code tag:ipxe,} or {@code tag:!ipxe,} ({@code tag:ipxe6,} for DHCPv6);
 * dhcpstate keeps it typed so no raw dnsmasq tag ever comes from outside. Immutable and
 * thread-safe.
 */
public enum OptionCondition {
  /** Sent to every client. */
  ALWAYS,
  /** Sent only to iPXE clients. */
  IPXE,
  /** Sent only to clients that are not iPXE. */
  NOT_IPXE;

  /**
   * Returns the dnsmasq tag matching this condition under Neutron's command line:
   * {@code tag:ipxe} or {@code tag:!ipxe} for DHCPv4, {@code tag:ipxe6} or {@code tag:!ipxe6}
   * for DHCPv6, nothing for {@link #ALWAYS}.
   *
   * @param version the option's IP version
   * @return the tag, or empty for {@link #ALWAYS}
   */
  public Optional<String> dnsmasqTag(IpVersion version) {
    String name = version == IpVersion.V4 ? "ipxe" : "ipxe6";
    switch (this) {
      case IPXE:
        return Optional.of("tag:" + name);
      case NOT_IPXE:
        return Optional.of("tag:!" + name);
      default:
        return Optional.empty();
    }
  }

  /**
   * Returns the Neutron-style name prefix for this condition, {@code tag:ipxe,} or
   * {@code tag:!ipxe,}, or {@code ""} for {@link #ALWAYS}.
   *
   * @return the prefix to put before an option name
   */
  public String namePrefix() {
    switch (this) {
      case IPXE:
        return "tag:ipxe,";
      case NOT_IPXE:
        return "tag:!ipxe,";
      default:
        return "";
    }
  }
}
