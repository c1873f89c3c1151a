package io.dhcpstate.testkit;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.options.DhcpOption;
import java.util.Objects;
import org.quicktheories.core.Gen;

/**
 * QuickTheories generators of valid dhcpstate model values, from single fields (MACs,
 * addresses, identifiers, host names) to whole network snapshots. Every value they make is
 * accepted by the model's constructors and by {@link io.dhcpstate.model.NetworkValidator}.
 *
 * <p>Generators draw every choice from QuickTheories' randomness source, so a theory's seed
 * fixes every value and a failing example shrinks (smaller numbers, shorter strings, fewer
 * subnets and ports). They never retry: uniqueness within a snapshot (ids, MACs, IPs) is built
 * in, so even QuickTheories' all-minimum and all-maximum boundary examples are valid, and a
 * snapshot of 1,000 ports takes milliseconds. The generators are stateless and thread-safe.
 */
public final class ModelGenerators {
  private ModelGenerators() {}

  /**
   * Returns valid MAC addresses: unicast and never all zero, often with OpenStack's
   * {@code fa:16:3e} prefix.
   *
   * @return a generator of MACs a port accepts
   */
  public static Gen<MacAddress> macs() {
    return Addresses::mac;
  }

  /**
   * Returns IPv4 addresses: any of the 2^32, with extra weight on private ranges.
   *
   * @return a generator of IPv4 addresses
   */
  public static Gen<IpAddress> ipv4Addresses() {
    return Addresses::ipv4;
  }

  /**
   * Returns IPv6 addresses: any of the 2^128, with extra weight on the documentation,
   * link-local and IPv4-mapped ranges.
   *
   * @return a generator of IPv6 addresses
   */
  public static Gen<IpAddress> ipv6Addresses() {
    return Addresses::ipv6;
  }

  /**
   * Returns IPv4 or IPv6 addresses.
   *
   * @return a generator of addresses of both versions
   */
  public static Gen<IpAddress> ipAddresses() {
    return rs -> Draws.chance(rs, 50) ? Addresses.ipv4(rs) : Addresses.ipv6(rs);
  }

  /**
   * Returns prefixes of a version with every length from 0 to 32 (or 128), host bits clear.
   *
   * @param version the IP version
   * @return a generator of CIDRs
   */
  public static Gen<IpPrefix> prefixes(IpVersion version) {
    Objects.requireNonNull(version, "version");
    return rs -> Addresses.prefix(rs, version);
  }

  /**
   * Returns identifiers: 1 to 64 characters of {@code [A-Za-z0-9._-]} starting with a letter or
   * digit, or UUIDs as Neutron uses.
   *
   * @return a generator of valid ids for any resource
   */
  public static Gen<String> ids() {
    return Names::id;
  }

  /**
   * Returns host names: one to four RFC 1123 labels, at most 253 characters, mixed case.
   *
   * @return a generator of valid port and lease host names
   */
  public static Gen<String> hostnames() {
    return Names::hostname;
  }

  /**
   * Returns DNS domains for {@link Network#dnsDomain()}: like host names, sometimes with a
   * trailing dot.
   *
   * @return a generator of valid DNS domains
   */
  public static Gen<String> dnsDomains() {
    return Names::dnsDomain;
  }

  /**
   * Returns network display names: up to 255 characters including non-ASCII letters, emoji,
   * quotes and backslashes, never a control character.
   *
   * @return a generator of valid {@link Network#name()} values
   */
  public static Gen<String> displayNames() {
    return Names::displayName;
  }

  /**
   * Returns device owners: common ones such as {@code compute:nova} and {@code network:dhcp},
   * the empty owner, and up to 255 random characters of {@code [A-Za-z0-9:._-]}.
   *
   * @return a generator of valid {@link Port#deviceOwner()} values
   */
  public static Gen<String> deviceOwners() {
    return Names::deviceOwner;
  }

  /**
   * Returns networks with every field drawn: MTU from 68 to 65535, an optional DNS domain, a
   * display name and a revision.
   *
   * @return a generator of valid networks
   */
  public static Gen<Network> networks() {
    return Resources::network;
  }

  /**
   * Returns subnets of both versions on random network ids; see {@link #subnets(IpVersion)}.
   *
   * @return a generator of valid subnets
   */
  public static Gen<Subnet> subnets() {
    return rs -> Subnets.standalone(rs, Draws.chance(rs, 60) ? IpVersion.V4 : IpVersion.V6);
  }

  /**
   * Returns subnets of one version: a CIDR in a private or documentation range (IPv4 /21 to
   * /29, larger in snapshots that need room; IPv6 /48 to /64), an optional gateway, up to
   * three DNS servers (or the "send none" address), up to four host routes, up to three
   * non-overlapping allocation pools inside the CIDR, IPv6 modes for IPv6, static or dynamic
   * address mode, and a revision.
   *
   * @param version the IP version
   * @return a generator of valid subnets
   */
  public static Gen<Subnet> subnets(IpVersion version) {
    Objects.requireNonNull(version, "version");
    return rs -> Subnets.standalone(rs, version);
  }

  /**
   * Returns ports on a subnet's network with one or two fixed IPs inside the subnet, a device
   * owner, an optional host name and up to four extra options. Ports drawn separately may
   * share a MAC or an IP; use {@link #snapshots(SnapshotShape)} for ports that must coexist.
   *
   * @param subnet the subnet the fixed IPs lie in
   * @return a generator of valid ports
   */
  public static Gen<Port> ports(Subnet subnet) {
    Objects.requireNonNull(subnet, "subnet");
    return rs -> Resources.port(rs, subnet);
  }

  /**
   * Returns ports on freshly drawn subnets of both versions; see {@link #ports(Subnet)}.
   *
   * @return a generator of valid ports
   */
  public static Gen<Port> ports() {
    return rs -> Resources.port(rs, subnets().generate(rs));
  }

  /**
   * Returns options a port may set, for one IP version: catalogued options and opaque codes,
   * named by canonical name, alias or code in any case, often with an iPXE condition, each
   * with a valid value for its type (addresses, lists, numbers, flags, strings, domains,
   * routes, hex).
   *
   * @param version the IP version of the options
   * @return a generator of valid extra options
   */
  public static Gen<ExtraDhcpOption> extraDhcpOptions(IpVersion version) {
    Objects.requireNonNull(version, "version");
    return rs -> Options.extraOption(rs, version);
  }

  /**
   * Returns raw values an option accepts, as a user would send them (before normalisation):
   * for example {@code "10.0.0.1, 10.0.0.2"} for an address list or {@code "007"} for a
   * number.
   *
   * @param option the option, such as {@code DhcpOptionCatalogue.ROUTER}
   * @return a generator of values {@code option.normalize} accepts
   */
  public static Gen<String> optionValues(DhcpOption option) {
    Objects.requireNonNull(option, "option");
    return rs -> Options.value(rs, option);
  }

  /**
   * Returns leases in every state, of both IP versions, with or without a client id (colon
   * hex), host name and expiry.
   *
   * @return a generator of valid leases
   */
  public static Gen<Lease> leases() {
    return Resources::lease;
  }

  /**
   * Returns snapshots of up to 4 subnets and 30 ports.
   *
   * @return a generator of valid network snapshots
   */
  public static Gen<NetworkSnapshot> snapshots() {
    return snapshots(SnapshotShape.upTo(4, 30));
  }

  /**
   * Returns snapshots of up to {@code maxSubnets} subnets and {@code maxPorts} ports.
   *
   * @param maxSubnets the most subnets, 0 to {@value SnapshotShape#MAX_SUBNETS}
   * @param maxPorts the most ports, 0 to {@value SnapshotShape#MAX_PORTS}
   * @return a generator of valid network snapshots
   * @throws IllegalArgumentException if a number is out of range
   */
  public static Gen<NetworkSnapshot> snapshots(int maxSubnets, int maxPorts) {
    return snapshots(SnapshotShape.upTo(maxSubnets, maxPorts));
  }

  /**
   * Returns whole valid networks of a given shape: a network, non-overlapping IPv4 and IPv6
   * subnets laid out as {@link #subnets(IpVersion)}, and ports with unique ids, unique MACs and
   * unique fixed IPs inside their subnets (sometimes two, sometimes none), sometimes a
   * {@code network:dhcp} port, host names and extra options. Failures print the network, its
   * subnets and its first ports.
   *
   * @param shape how many subnets and ports
   * @return a generator of snapshots that {@link NetworkSnapshot#of} accepted
   */
  public static Gen<NetworkSnapshot> snapshots(SnapshotShape shape) {
    Objects.requireNonNull(shape, "shape");
    Gen<NetworkSnapshot> gen = rs -> Snapshots.snapshot(rs, shape);
    return gen.describedAs(Snapshots::describe);
  }
}
