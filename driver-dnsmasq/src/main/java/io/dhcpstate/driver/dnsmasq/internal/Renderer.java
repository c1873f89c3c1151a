package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.HostRoute;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.OptionCondition;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.DhcpOptionCatalogue;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a network into dnsmasq's three per-network files in Neutron's formats: the host
 * file ({@code --dhcp-hostsfile}), the additional hosts file ({@code --addn-hosts}) and the
 * options file ({@code --dhcp-optsfile}). Every value written comes from the validated model
 * (identifiers, addresses, RFC 1123 names, catalogue-checked option values), so nothing can
 * break out of its line. Output is deterministic (ports sorted by id). Stateless.
 */
public final class Renderer {
  static final IpPrefix METADATA = IpPrefix.parse("169.254.169.254/32");
  static final IpPrefix DEFAULT_V4 = IpPrefix.parse("0.0.0.0/0");

  private Renderer() {}

  /** The three files' contents. */
  public record Files(String host, String addnHosts, String opts) {}

  /**
   * Renders all three files.
   *
   * @param network the network
   * @param settings the agent's settings
   * @return the file contents
   */
  public static Files render(NetworkSnapshot network, DhcpSettings settings) {
    List<Port> ports = new ArrayList<>(network.ports());
    ports.sort(Comparator.comparing(Port::id));
    String domain = domain(network, settings).orElse("");
    StringBuilder host = new StringBuilder(ports.size() * 80);
    StringBuilder addn = new StringBuilder(ports.size() * 48);
    StringBuilder opts = new StringBuilder(256 + ports.size() * 8);
    Port dhcpPort = null;
    for (Port p : ports) {
      if (p.isDhcpPort()) {
        dhcpPort = p;
      }
    }
    for (Port p : ports) {
      if (p.isDhcpPort() || !p.adminStateUp()) {
        continue;
      }
      int before = opts.length();
      portOptions(network, p, opts);
      hostLines(network, p, domain, opts.length() > before, host, addn);
    }
    StringBuilder subnetOpts = new StringBuilder();
    for (Subnet s : network.subnets()) {
      if (s.enableDhcp() && servesDhcp(s)) {
        subnetOptions(network, s, settings, dhcpPort, subnetOpts);
      }
    }
    return new Files(host.toString(), addn.toString(), subnetOpts.append(opts).toString());
  }

  /**
   * Tells whether dnsmasq gets a range for a DHCP-enabled subnet: every IPv4 subnet, and IPv6
   * subnets in a DHCPv6 mode with a prefix of /64 or shorter (SLAAC gets nothing).
   */
  static boolean servesDhcp(Subnet s) {
    if (s.ipVersion() == IpVersion.V4) {
      return true;
    }
    return s.ipv6AddressMode().orElse(Ipv6Mode.DHCPV6_STATEFUL) != Ipv6Mode.SLAAC
        && s.cidr().prefixLength() <= 64;
  }

  static Optional<String> domain(NetworkSnapshot network, DhcpSettings settings) {
    return network.network().dnsDomain().or(settings::defaultDomain)
        .map(d -> d.endsWith(".") ? d.substring(0, d.length() - 1) : d);
  }

  /** The host name a port's address gets: its own, else {@code host-<ip-with-dashes>}. */
  static String hostName(Port p, IpAddress ip) {
    if (p.hostname().isPresent()) {
      String h = p.hostname().get();
      int dot = h.indexOf('.');
      return dot < 0 ? h : h.substring(0, dot);
    }
    return "host-" + ip.toString().replace('.', '-').replace(':', '-');
  }

  /**
   * Writes a port's host and additional-hosts lines. The port's tag ({@code set:port-ID}) is
   * set only when the port has option lines of its own, as Neutron does: dnsmasq up to 2.90
   * crashes on SIGHUP once a tagged host entry has answered a client, so fewer tags mean fewer
   * restarts (see {@link NetworkInstance}).
   */
  private static void hostLines(NetworkSnapshot n, Port p, String domain, boolean tagged,
      StringBuilder host, StringBuilder addn) {
    Optional<String> clientId = p.extraDhcpOptions().stream()
        .filter(o -> o.option().code() == 61 && o.ipVersion() == IpVersion.V4)
        .map(ExtraDhcpOption::value).findFirst();
    String portTag = tagged ? ",set:port-" + p.id() : "";
    boolean statelessTagged = false;
    for (FixedIp f : p.fixedIps()) {
      Subnet s = n.subnet(f.subnetId()).orElse(null);
      if (s == null || !s.enableDhcp() || !servesDhcp(s)) {
        continue;
      }
      boolean v6 = s.ipVersion() == IpVersion.V6;
      if (v6 && s.ipv6AddressMode().orElse(Ipv6Mode.DHCPV6_STATEFUL)
          == Ipv6Mode.DHCPV6_STATELESS) {
        if (tagged && !statelessTagged) {
          host.append(p.mac()).append(",tag:dhcpv6").append(portTag).append('\n');
          statelessTagged = true;
        }
        continue;
      }
      String name = hostName(p, f.ip());
      String fqdn = domain.isEmpty() ? name : name + "." + domain;
      host.append(p.mac()).append(',');
      if (v6) {
        host.append("tag:dhcpv6,");
      } else if (clientId.isPresent()) {
        host.append("id:").append(clientId.get()).append(',');
      }
      host.append(fqdn).append(',');
      host.append(v6 ? "[" + f.ip() + "]" : f.ip().toString());
      host.append(portTag).append('\n');
      addn.append(f.ip()).append('\t').append(fqdn);
      if (!domain.isEmpty()) {
        addn.append(' ').append(name);
      }
      addn.append('\n');
    }
  }

  /**
   * Writes a port's own option lines: only for the IP versions it has a served address in (an
   * address on a DHCP subnet with a range), and never the client id, which goes to the host file.
   */
  private static void portOptions(NetworkSnapshot n, Port p, StringBuilder opts) {
    boolean hasV4 = false;
    boolean hasV6 = false;
    for (FixedIp f : p.fixedIps()) {
      Subnet s = n.subnet(f.subnetId()).orElse(null);
      if (s != null && s.enableDhcp() && servesDhcp(s)) {
        hasV4 |= s.ipVersion() == IpVersion.V4;
        hasV6 |= s.ipVersion() == IpVersion.V6;
      }
    }
    for (ExtraDhcpOption o : p.extraDhcpOptions()) {
      boolean v4 = o.ipVersion() == IpVersion.V4;
      if (v4 && !hasV4 || !v4 && !hasV6 || v4 && o.option().code() == 61) {
        continue;
      }
      optionLine(opts, "port-" + p.id(), o.condition(), o.option(), o.value());
    }
  }

  private static void subnetOptions(NetworkSnapshot n, Subnet s, DhcpSettings settings,
      Port dhcpPort, StringBuilder out) {
    boolean v4 = s.ipVersion() == IpVersion.V4;
    String tag = "subnet-" + s.id();
    Map<Integer, String> derived = new LinkedHashMap<>();
    if (v4) {
      derived.put(3, s.gatewayIp().map(Object::toString).orElse(""));
      List<IpAddress> dns = s.dnsNameservers();
      if (!dns.isEmpty()) {
        derived.put(6, join(dns));
      }
      List<HostRoute> routes = routes(n, s, dhcpPort, settings.metadataRoute());
      if (!routes.isEmpty()) {
        StringBuilder r = new StringBuilder();
        for (HostRoute hr : routes) {
          r.append(r.length() == 0 ? "" : ",").append(hr.destination()).append(',')
              .append(hr.nexthop());
        }
        derived.put(121, r.toString());
        derived.put(249, r.toString());
      }
      settings.renewalTime().ifPresent(t -> derived.put(58, Long.toString(t.getSeconds())));
      settings.rebindingTime().ifPresent(t -> derived.put(59, Long.toString(t.getSeconds())));
    } else {
      List<IpAddress> dns = s.dnsNameservers();
      if (!dns.isEmpty()) {
        derived.put(23, join(dns)); // optionLine adds the brackets
      }
      domain(n, settings).ifPresent(d -> derived.put(24, d));
    }
    IpVersion version = s.ipVersion();
    List<ExtraDhcpOption> global = v4 ? settings.globalV4Options() : settings.globalV6Options();
    for (ExtraDhcpOption o : global) {
      if (o.condition() == OptionCondition.ALWAYS) {
        derived.remove(o.option().code()); // precedence: subnet < global < port
      }
    }
    for (Map.Entry<Integer, String> e : derived.entrySet()) {
      DhcpOption option = DhcpOptionCatalogue.byCode(e.getKey(), version).orElseThrow();
      optionLine(out, tag, OptionCondition.ALWAYS, option, e.getValue());
    }
    for (ExtraDhcpOption o : global) {
      optionLine(out, tag, o.condition(), o.option(), o.value());
    }
  }

  /** A single 0.0.0.0 or :: DNS server means "send none": an empty option line. */
  private static boolean isNone(List<IpAddress> dns) {
    return dns.size() == 1 && dns.get(0).isUnspecified();
  }

  private static String join(List<IpAddress> ips) {
    if (isNone(ips)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (IpAddress ip : ips) {
      sb.append(sb.length() == 0 ? "" : ",").append(ip);
    }
    return sb.toString();
  }

  /** The subnet's host routes, on-link routes to other IPv4 subnets, metadata, default. */
  static List<HostRoute> routes(NetworkSnapshot n, Subnet s, Port dhcpPort,
      MetadataRouteMode metadata) {
    List<HostRoute> routes = new ArrayList<>(s.hostRoutes());
    IpAddress any = IpAddress.ofV4(0);
    for (Subnet other : n.subnets()) {
      if (!other.id().equals(s.id()) && other.ipVersion() == IpVersion.V4
          && routes.stream().noneMatch(r -> r.destination().equals(other.cidr()))) {
        routes.add(new HostRoute(other.cidr(), any));
      }
    }
    Optional<IpAddress> hop = switch (metadata) {
      case VIA_GATEWAY -> s.gatewayIp();
      case VIA_DHCP_PORT -> dhcpPort == null ? Optional.empty() : dhcpPort.fixedIps().stream()
          .filter(f -> f.subnetId().equals(s.id())).map(FixedIp::ip).findFirst();
      case OFF -> Optional.empty();
    };
    if (hop.isPresent() && routes.stream().noneMatch(r -> r.destination().equals(METADATA))) {
      routes.add(new HostRoute(METADATA, hop.get()));
    }
    if (!routes.isEmpty() && s.gatewayIp().isPresent()
        && routes.stream().noneMatch(r -> r.destination().equals(DEFAULT_V4))) {
      routes.add(new HostRoute(DEFAULT_V4, s.gatewayIp().get()));
    }
    return routes;
  }

  private static void optionLine(StringBuilder out, String tag, OptionCondition condition,
      DhcpOption option, String value) {
    out.append("tag:").append(tag).append(',');
    condition.dnsmasqTag(option.ipVersion()).ifPresent(t -> out.append(t).append(','));
    out.append(option.dnsmasqKey());
    if (!value.isEmpty()) {
      out.append(',').append(option.ipVersion() == IpVersion.V6 ? bracketV6(option, value)
          : value);
    }
    out.append('\n');
  }

  /** IPv6 addresses in option values are written in brackets, as dnsmasq wants. */
  private static String bracketV6(DhcpOption option, String value) {
    switch (option.type()) {
      case IP:
        return "[" + value + "]";
      case IP_LIST:
        StringBuilder sb = new StringBuilder();
        for (String part : value.split(",")) {
          sb.append(sb.length() == 0 ? "" : ",").append('[').append(part).append(']');
        }
        return sb.toString();
      default:
        return value;
    }
  }
}
