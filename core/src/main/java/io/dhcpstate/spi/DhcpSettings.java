package io.dhcpstate.spi;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.options.OptionPrecedence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent-wide serving settings every driver applies to every network: lease time and
 * renewal times, the default DNS domain, global DHCP options and the metadata route. Immutable
 * and validated on construction.
 *
 * @param leaseTime how long leases last; empty for infinite leases. At least 120 s.
 * @param renewalTime T1 (option 58); empty for the client's default (half the lease)
 * @param rebindingTime T2 (option 59); empty for the client's default (7/8 of the lease)
 * @param defaultDomain the DNS domain of networks that have none of their own; empty for none
 * @param globalV4Options DHCPv4 options for every port, overriding subnet-derived values and
 *     overridden by a port's own; only options the catalogue allows globally
 * @param globalV6Options DHCPv6 options for every port, with the same rules
 * @param metadataRoute whether and how to add the metadata host route
 */
public record DhcpSettings(
    Optional<Duration> leaseTime,
    Optional<Duration> renewalTime,
    Optional<Duration> rebindingTime,
    Optional<String> defaultDomain,
    List<ExtraDhcpOption> globalV4Options,
    List<ExtraDhcpOption> globalV6Options,
    MetadataRouteMode metadataRoute) {

  /** The default lease time, one day, as Neutron's {@code dhcp_lease_duration}. */
  public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(86_400);

  /** The shortest lease time accepted, as dnsmasq's minimum. */
  public static final Duration MIN_LEASE_TIME = Duration.ofSeconds(120);

  private static final String R = "settings";

  /**
   * Validates every setting.
   *
   * @throws InvalidResourceException naming the setting and the value
   */
  public DhcpSettings {
    Checks.optional(R, null, "leaseTime", leaseTime).ifPresent(t -> {
      if (t.compareTo(MIN_LEASE_TIME) < 0 || t.getSeconds() > 0xffff_fffeL) {
        Checks.fail(R, null, "leaseTime", t, "must be 120 s .. 4294967294 s, or infinite");
      }
    });
    Checks.optional(R, null, "renewalTime", renewalTime);
    Checks.optional(R, null, "rebindingTime", rebindingTime);
    renewalTime.ifPresent(t -> positiveBelowLease("renewalTime", t, leaseTime));
    rebindingTime.ifPresent(t -> positiveBelowLease("rebindingTime", t, leaseTime));
    if (renewalTime.isPresent() && rebindingTime.isPresent()
        && renewalTime.get().compareTo(rebindingTime.get()) >= 0) {
      Checks.fail(R, null, "renewalTime", renewalTime.get(),
          "must be below rebindingTime " + rebindingTime.get());
    }
    Checks.optional(R, null, "defaultDomain", defaultDomain)
        .ifPresent(d -> Checks.dnsName(R, null, "defaultDomain", d));
    globalV4Options = globalOptions("globalV4Options", globalV4Options, IpVersion.V4);
    globalV6Options = globalOptions("globalV6Options", globalV6Options, IpVersion.V6);
    Checks.present(R, null, "metadataRoute", metadataRoute);
  }

  private static void positiveBelowLease(String field, Duration t, Optional<Duration> lease) {
    if (t.isNegative() || t.isZero()) {
      Checks.fail(R, null, field, t, "must be positive");
    }
    if (lease.isPresent() && t.compareTo(lease.get()) >= 0) {
      Checks.fail(R, null, field, t, "must be below leaseTime " + lease.get());
    }
  }

  private static List<ExtraDhcpOption> globalOptions(
      String field, List<ExtraDhcpOption> options, IpVersion version) {
    List<ExtraDhcpOption> copy = Checks.list(R, null, field, options, 128);
    for (int i = 0; i < copy.size(); i++) {
      ExtraDhcpOption o = copy.get(i);
      if (o.ipVersion() != version) {
        Checks.fail(R, null, field + "[" + i + "]", o.option().name(),
            "must be an IPv" + version.number() + " option");
      }
      if (!o.option().globalAllowed()) {
        Checks.fail(R, null, field + "[" + i + "]", o.option().name(),
            "may not be set globally (the subnet or the server derives it)");
      }
    }
    return OptionPrecedence.checkGlobal(copy); // duplicates
  }

  /**
   * Returns the defaults: one-day leases, client-default T1/T2, no default domain, no global
   * options, no metadata route.
   *
   * @return the default settings
   */
  public static DhcpSettings defaults() {
    return new DhcpSettings(Optional.of(DEFAULT_LEASE_TIME), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), List.of(), MetadataRouteMode.OFF);
  }

  /**
   * Returns a copy with other global options.
   *
   * @param v4 the DHCPv4 options
   * @param v6 the DHCPv6 options
   * @return the copy
   * @throws InvalidResourceException if an option is not allowed globally
   */
  public DhcpSettings withGlobalOptions(List<ExtraDhcpOption> v4, List<ExtraDhcpOption> v6) {
    return new DhcpSettings(leaseTime, renewalTime, rebindingTime, defaultDomain, v4, v6,
        metadataRoute);
  }
}
