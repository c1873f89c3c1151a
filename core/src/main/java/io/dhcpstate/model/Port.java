package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A port on a network: one MAC with its fixed IPs, the unit that gets a DHCP host entry.
 * Immutable and validated on construction; checks across ports (unique MACs and IPs, subnets
 * that exist) are in {@link NetworkValidator}.
 *
 * @param id the port's identifier
 * @param networkId the network it belongs to
 * @param mac its MAC: unicast and not all zero
 * @param fixedIps its addresses, at most 64, no address twice
 * @param deviceOwner what owns the port, such as {@code compute:nova} or {@link #DHCP_OWNER};
 *     empty or at most 255 of {@code [A-Za-z0-9:._-]}
 * @param adminStateUp whether the port should be served
 * @param hostname the DNS host name (RFC 1123), if the port has one; else the agent derives
 *     {@code host-<ip-with-dashes>}
 * @param extraDhcpOptions options for this port alone, at most 64, each (option, IP version,
 *     condition) once
 * @param revision the controller's revision number, never negative
 */
public record Port(
    String id,
    String networkId,
    MacAddress mac,
    List<FixedIp> fixedIps,
    String deviceOwner,
    boolean adminStateUp,
    Optional<String> hostname,
    List<ExtraDhcpOption> extraDhcpOptions,
    long revision) {

  /** The device owner of a network's DHCP port, whose addresses are the DHCP server's. */
  public static final String DHCP_OWNER = "network:dhcp";

  private static final String R = "port";

  /**
   * Validates every field.
   *
   * @throws InvalidResourceException naming the port, the field and the value
   */
  public Port {
    Checks.id(R, id, "id", id);
    Checks.id(R, id, "networkId", networkId);
    Checks.present(R, id, "mac", mac);
    if (mac.isZero() || !mac.isUnicast()) {
      Checks.fail(R, id, "mac", mac, "must be a unicast address, not all zero");
    }
    fixedIps = Checks.list(R, id, "fixedIps", fixedIps, 64);
    if (fixedIps.size() > 1) {
      Set<IpAddress> seen = new HashSet<>();
      for (int i = 0; i < fixedIps.size(); i++) {
        if (!seen.add(fixedIps.get(i).ip())) {
          Checks.fail(R, id, "fixedIps[" + i + "].ip", fixedIps.get(i).ip(), "is listed twice");
        }
      }
    }
    Checks.present(R, id, "deviceOwner", deviceOwner);
    if (deviceOwner.length() > 255 || !deviceOwner.chars().allMatch(Port::ownerChar)) {
      Checks.fail(R, id, "deviceOwner", deviceOwner,
          "must be at most 255 of A-Z a-z 0-9 : . _ -");
    }
    Checks.optional(R, id, "hostname", hostname)
        .ifPresent(h -> Checks.dnsName(R, id, "hostname", h));
    extraDhcpOptions = Checks.list(R, id, "extraDhcpOptions", extraDhcpOptions, 64);
    if (extraDhcpOptions.size() > 1) {
      Set<List<Object>> keys = new HashSet<>();
      for (int i = 0; i < extraDhcpOptions.size(); i++) {
        ExtraDhcpOption o = extraDhcpOptions.get(i);
        if (!keys.add(List.of(o.option().code(), o.ipVersion(), o.condition()))) {
          Checks.fail(R, id, "extraDhcpOptions[" + i + "]", o.option().name(),
              "sets the same option, IP version and condition twice");
        }
      }
    }
    Checks.range(R, id, "revision", revision, 0, Long.MAX_VALUE);
  }

  private static boolean ownerChar(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':'
        || c == '.' || c == '_' || c == '-';
  }

  /**
   * Tells whether this is the network's DHCP port.
   *
   * @return true if the device owner is {@link #DHCP_OWNER}
   */
  public boolean isDhcpPort() {
    return DHCP_OWNER.equals(deviceOwner);
  }

  /**
   * Returns a copy with another revision.
   *
   * @param newRevision the revision
   * @return the copy
   */
  public Port withRevision(long newRevision) {
    return new Port(id, networkId, mac, fixedIps, deviceOwner, adminStateUp, hostname,
        extraDhcpOptions, newRevision);
  }

  /**
   * Starts a builder; the port is up, owned by nobody, with no options and revision 0.
   *
   * @param id the port id
   * @param networkId the network id
   * @param mac the MAC text, such as {@code fa:16:3e:00:00:01}
   * @return a builder
   * @throws InvalidResourceException if the MAC does not parse
   */
  public static Builder builder(String id, String networkId, String mac) {
    return new Builder(id, networkId, MacAddress.tryParse(mac)
        .orElseThrow(() -> Checks.fail(R, id, "mac", mac, "not a MAC address")));
  }

  /** Collects a port's fields; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String networkId;
    private final MacAddress mac;
    private final List<FixedIp> fixedIps = new ArrayList<>();
    private String deviceOwner = "";
    private boolean adminStateUp = true;
    private Optional<String> hostname = Optional.empty();
    private final List<ExtraDhcpOption> options = new ArrayList<>();
    private long revision;

    private Builder(String id, String networkId, MacAddress mac) {
      this.id = id;
      this.networkId = networkId;
      this.mac = mac;
    }

    /**
     * Adds a fixed IP.
     *
     * @param subnetId the subnet
     * @param ip the address text
     * @return this builder
     * @throws InvalidResourceException if a value is invalid
     */
    public Builder fixedIp(String subnetId, String ip) {
      fixedIps.add(FixedIp.of(subnetId, ip));
      return this;
    }

    /**
     * Sets the device owner.
     *
     * @param owner the owner, such as {@code compute:nova}
     * @return this builder
     */
    public Builder deviceOwner(String owner) {
      this.deviceOwner = owner;
      return this;
    }

    /**
     * Sets the admin state.
     *
     * @param up true to serve the port
     * @return this builder
     */
    public Builder adminStateUp(boolean up) {
      this.adminStateUp = up;
      return this;
    }

    /**
     * Sets the host name.
     *
     * @param name an RFC 1123 name
     * @return this builder
     */
    public Builder hostname(String name) {
      this.hostname = Optional.of(name);
      return this;
    }

    /**
     * Adds an extra DHCP option.
     *
     * @param option the option
     * @return this builder
     */
    public Builder option(ExtraDhcpOption option) {
      options.add(option);
      return this;
    }

    /**
     * Sets the revision.
     *
     * @param rev the revision
     * @return this builder
     */
    public Builder revision(long rev) {
      this.revision = rev;
      return this;
    }

    /**
     * Builds and validates the port.
     *
     * @return the port
     * @throws InvalidResourceException if any field is invalid
     */
    public Port build() {
      return new Port(id, networkId, mac, fixedIps, deviceOwner, adminStateUp, hostname, options,
          revision);
    }
  }
}
