package io.dhcpstate.examples;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The README's first command: builds a network with a subnet and two ports, validates it as a
 * whole, prints it, and shows how bad input is rejected with an error naming the field.
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    int rejected = run(System.out);
    System.out.println();
    System.out.println("done: 1 network, 1 subnet, 2 ports validated; " + rejected
        + " bad inputs rejected");
  }

  /**
   * Builds, validates and prints the example network to {@code out}.
   *
   * @param out where to print
   * @return how many bad inputs were rejected
   */
  static int run(PrintStream out) {
    Network network = new Network("net-1", "tenant network", true, 1450,
        Optional.of("example.org"), 1);
    Subnet subnet = Subnet.builder("subnet-1", "net-1", "10.0.0.0/24")
        .gateway("10.0.0.1")
        .dns("10.0.0.2")
        .route("192.168.50.0/24", "10.0.0.254")
        .pool("10.0.0.100", "10.0.0.199")
        .addressMode(AddressMode.STATIC)
        .revision(1)
        .build();
    Port web = Port.builder("port-web", "net-1", "fa:16:3e:00:00:01")
        .fixedIp("subnet-1", "10.0.0.10")
        .hostname("web")
        .deviceOwner("compute:nova")
        .revision(1)
        .build();
    Port pxe = Port.builder("port-pxe", "net-1", "fa:16:3e:00:00:02")
        .fixedIp("subnet-1", "10.0.0.11")
        .option(ExtraDhcpOption.of("tag:ipxe,bootfile-name", "http://10.0.0.5/boot.ipxe"))
        .option(ExtraDhcpOption.of("tag:!ipxe,bootfile-name", "undionly.kpxe"))
        .revision(1)
        .build();
    NetworkSnapshot snapshot = NetworkSnapshot.of(network, List.of(subnet), List.of(web, pxe));

    out.printf("network %s  mtu %d  domain %s%n", network.id(), network.mtu(),
        network.dnsDomain().orElse("-"));
    for (Subnet s : snapshot.subnets()) {
      out.printf("  subnet %-9s %-15s gateway %-10s mode %s%n", s.id(), s.cidr(),
          s.gatewayIp().map(Object::toString).orElse("-"), s.addressMode());
    }
    out.printf("  %-9s %-17s %-11s %-9s %s%n", "port", "mac", "ip", "hostname", "options");
    snapshot.ports().stream().sorted(Comparator.comparing(Port::id)).forEach(p -> out.printf(
        "  %-9s %-17s %-11s %-9s %d%n", p.id(), p.mac(),
        p.fixedIps().stream().map(FixedIp::ip).map(Object::toString).findFirst().orElse("-"),
        p.hostname().orElse("-"), p.extraDhcpOptions().size()));

    out.println();
    out.println("bad input is rejected before it can reach a DHCP server:");
    int rejected = 0;
    rejected += reject(out, () -> Port.builder("port-evil", "net-1", "fa:16:3e:00:00:03")
        .hostname("evil\ndhcp-option-force=66,attacker").build());
    rejected += reject(out, () -> ExtraDhcpOption.of("dns-server", "1.2.3.4\nconf-file=/tmp/x"));
    rejected += reject(out, () -> NetworkSnapshot.of(network, List.of(subnet), List.of(web,
        Port.builder("port-dup", "net-1", "fa:16:3e:00:00:04").fixedIp("subnet-1", "10.0.0.10")
            .build())));
    return rejected;
  }

  private static int reject(PrintStream out, Runnable attempt) {
    try {
      attempt.run();
      out.println("  NOT rejected (this is a bug)");
      return 0;
    } catch (InvalidResourceException e) {
      out.println("  rejected: " + e.getMessage());
      return 1;
    }
  }
}
