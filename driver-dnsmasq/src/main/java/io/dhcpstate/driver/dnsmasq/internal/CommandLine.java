package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.model.AllocationPool;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds dnsmasq's argument list for one network, Neutron-style: no shell ever sees it, and
 * every value in it is a validated identifier, address, number, path under the state
 * directory, or checked interface name. Stateless.
 */
public final class CommandLine {
  private CommandLine() {}

  /**
   * Returns the whole command: the network's command prefix, then {@link #arguments}.
   *
   * @param config the driver settings
   * @param network the network
   * @param settings the agent's settings
   * @param iface the checked interface name
   * @param dir the network's directory
   * @return the command
   */
  public static List<String> build(Config config, NetworkSnapshot network, DhcpSettings settings,
      String iface, Path dir) {
    List<String> c = new ArrayList<>(config.prefix().prefixFor(network.network().id()));
    c.addAll(arguments(config, network, settings, iface, dir));
    return c;
  }

  /**
   * Returns dnsmasq's own argument vector, binary first: what {@code /proc/PID/cmdline} of the
   * running dnsmasq holds. Anything in it changing needs a restart; SIGHUP re-reads only the
   * host and options files.
   *
   * @param config the driver settings
   * @param network the network
   * @param settings the agent's settings
   * @param iface the checked interface name
   * @param dir the network's directory
   * @return the arguments
   */
  public static List<String> arguments(Config config, NetworkSnapshot network,
      DhcpSettings settings, String iface, Path dir) {
    List<String> c = new ArrayList<>();
    c.add(config.dnsmasq().toString());
    c.add("--no-hosts");
    c.add("--no-resolv");
    c.add("--keep-in-foreground");
    c.add("--pid-file=" + dir.resolve("pid"));
    c.add("--dhcp-hostsfile=" + dir.resolve("host"));
    c.add("--addn-hosts=" + dir.resolve("addn_hosts"));
    c.add("--dhcp-optsfile=" + dir.resolve("opts"));
    c.add("--dhcp-leasefile=" + dir.resolve("leases"));
    c.add("--log-facility=" + dir.resolve("log"));
    c.add("--dhcp-match=set:ipxe,175");
    c.add("--dhcp-userclass=set:ipxe6,iPXE");
    c.add("--local-service");
    c.add("--bind-dynamic");
    c.add("--interface=" + checkInterface(iface));
    c.add("--except-interface=lo");
    long addresses = 0;
    String lease = lease(settings);
    for (Subnet s : network.subnets()) {
      if (!s.enableDhcp() || !Renderer.servesDhcp(s)) {
        continue;
      }
      for (String range : ranges(s, lease)) {
        c.add("--dhcp-range=" + range);
      }
      addresses = Math.min(Long.MAX_VALUE / 2, addresses + Math.min(s.cidr().size(), 1L << 32));
    }
    c.add("--dhcp-option-force=option:mtu," + network.network().mtu());
    c.add("--dhcp-lease-max=" + Math.max(1, Math.min(addresses, config.leaseCap())));
    c.add("--conf-file=" + config.extraConfig().map(Path::toString).orElse("/dev/null"));
    Renderer.domain(network, settings).ifPresent(d -> c.add("--domain=" + d));
    for (IpAddress f : config.forwarders()) {
      c.add("--server=" + f);
    }
    if (!config.pingBeforeOffer()) {
      c.add("--no-ping");
    }
    if (!config.dns()) {
      c.add("--port=0");
    }
    c.add("--user=" + config.user());
    return c;
  }

  /**
   * Tells whether a network needs a dnsmasq at all: it is up and has a subnet with a range.
   *
   * @param network the network
   * @return true if dnsmasq must run for it
   */
  public static boolean needsProcess(NetworkSnapshot network) {
    return network.network().adminStateUp() && network.subnets().stream()
        .anyMatch(s -> s.enableDhcp() && Renderer.servesDhcp(s));
  }

  private static String lease(DhcpSettings settings) {
    return settings.leaseTime().map(d -> d.getSeconds() + "s").orElse("infinite");
  }

  /** The {@code --dhcp-range} values of a subnet; what dnsmasq re-reads only on restart. */
  static List<String> ranges(Subnet s, String lease) {
    List<String> out = new ArrayList<>();
    String tag = "set:subnet-" + s.id() + ",";
    if (s.ipVersion() == IpVersion.V4) {
      String mask = s.cidr().netmask().toString();
      if (s.addressMode() == io.dhcpstate.model.AddressMode.DYNAMIC
          && !s.allocationPools().isEmpty()) {
        for (AllocationPool p : s.allocationPools()) {
          out.add(tag + p.start() + "," + p.end() + "," + mask + "," + lease);
        }
      } else {
        out.add(tag + s.cidr().address() + ",static," + mask + "," + lease);
      }
      return out;
    }
    if (!Renderer.servesDhcp(s)) {
      return out; // SLAAC, or a prefix longer than /64
    }
    out.add(tag + s.cidr().address() + ",static," + s.cidr().prefixLength() + "," + lease);
    return out;
  }

  /**
   * Returns what forces a restart when it changes: the DHCP ranges (with the lease time), the
   * MTU and the domain. The driver compares whole {@link #arguments} lists; this is the part
   * that depends on the network and the agent's settings.
   *
   * @param network the network
   * @param settings the agent's settings
   * @return a comparable key
   */
  public static List<String> restartKey(NetworkSnapshot network, DhcpSettings settings) {
    List<String> key = new ArrayList<>();
    String lease = lease(settings);
    for (Subnet s : network.subnets()) {
      if (s.enableDhcp()) {
        key.addAll(ranges(s, lease));
      }
    }
    key.add("mtu=" + network.network().mtu());
    key.add("domain=" + Renderer.domain(network, settings).orElse(""));
    return key;
  }

  /**
   * Checks an interface name the host application's resolver returned.
   *
   * @param iface the name
   * @return the name
   * @throws IllegalArgumentException if it is not 1–15 of {@code [A-Za-z0-9._-]} starting with
   *     a letter or digit
   */
  public static String checkInterface(String iface) {
    if (iface == null || !iface.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,14}")) {
      throw new IllegalArgumentException("interface resolver returned an invalid interface name");
    }
    return iface;
  }
}
