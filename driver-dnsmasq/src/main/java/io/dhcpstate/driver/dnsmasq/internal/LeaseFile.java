package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.NetworkSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dnsmasq's lease file: parsing what dnsmasq wrote, and the initial file the driver writes
 * before the first start. IPv4 lines read {@code expiry mac ip hostname client-id}
 * ({@code 0} = infinite, {@code *} = none); the {@code duid} line and IPv6 lines are skipped.
 * Malformed lines are skipped and counted, never trusted. Stateless.
 */
public final class LeaseFile {
  /** Longest line looked at. */
  static final int MAX_LINE = 1024;

  private LeaseFile() {}

  /** Parsed leases and how many lines were skipped as malformed. */
  public record Parsed(List<Lease> leases, int malformed) {}

  /**
   * Parses a lease file's content.
   *
   * @param networkId the network the file belongs to
   * @param content the file's text
   * @return the leases and the malformed-line count
   */
  public static Parsed parse(String networkId, String content) {
    List<Lease> out = new ArrayList<>();
    int bad = 0;
    int start = 0;
    int n = content.length();
    while (start < n) {
      int end = content.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      String line = content.substring(start, end);
      start = end + 1;
      if (line.isBlank() || line.startsWith("duid ")) {
        continue;
      }
      Optional<Lease> l = line.length() > MAX_LINE ? Optional.empty() : line(networkId, line);
      if (l.isPresent()) {
        out.add(l.get());
      } else if (!isV6Line(line)) {
        bad++;
      }
    }
    return new Parsed(out, bad);
  }

  private static boolean isV6Line(String line) {
    String[] f = line.split(" ");
    return f.length >= 3 && f[2].indexOf(':') >= 0 && IpAddress.tryParse(f[2])
        .map(ip -> ip.version() == IpVersion.V6).orElse(false);
  }

  private static Optional<Lease> line(String networkId, String line) {
    String[] f = line.split(" ", -1);
    if (f.length != 5) {
      return Optional.empty();
    }
    long expiry;
    try {
      expiry = Long.parseLong(f[0]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Optional<MacAddress> mac = MacAddress.tryParse(f[1]);
    Optional<IpAddress> ip = IpAddress.tryParse(f[2]).filter(a -> a.version() == IpVersion.V4);
    if (expiry < 0 || mac.isEmpty() || ip.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> host = "*".equals(f[3]) ? Optional.empty() : Optional.of(f[3]);
    if (host.isPresent() && Checks.dnsNameProblem(host.get()) != null) {
      host = Optional.empty(); // a client-chosen name we will not repeat
    }
    Optional<String> clientId = "*".equals(f[4]) ? Optional.empty() : Optional.of(f[4]);
    try {
      return Optional.of(new Lease(networkId, mac.get(), ip.get(), clientId, host,
          expiry == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiry)),
          LeaseState.ACTIVE));
    } catch (RuntimeException invalid) {
      return Optional.empty();
    }
  }

  /**
   * Renders the initial lease file: every port's IPv4 fixed IP as an infinite lease, so
   * clients are not NAKed after a restart or failover.
   *
   * @param network the network
   * @return the file content
   */
  public static String initial(NetworkSnapshot network) {
    StringBuilder sb = new StringBuilder();
    List<Port> ports = new ArrayList<>(network.ports());
    ports.sort(java.util.Comparator.comparing(Port::id));
    for (Port p : ports) {
      if (p.isDhcpPort() || !p.adminStateUp()) {
        continue;
      }
      for (FixedIp f : p.fixedIps()) {
        if (f.ip().version() == IpVersion.V4
            && network.subnet(f.subnetId()).map(s -> s.enableDhcp()).orElse(false)) {
          sb.append("0 ").append(p.mac()).append(' ').append(f.ip()).append(' ')
              .append(Renderer.hostName(p, f.ip())).append(" *\n");
        }
      }
    }
    return sb.toString();
  }
}
