package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.RandomnessSource;

/**
 * Draws of whole valid network snapshots. Uniqueness (ids, MACs, addresses) comes from
 * bijections of the port's index rather than from retries, so a snapshot of n ports costs
 * O(n) draws and every draw, even all-minimum or all-maximum, gives a valid snapshot.
 */
final class Snapshots {
  /** Ports listed in full by {@link #describe(NetworkSnapshot)}. */
  private static final int DESCRIBED_PORTS = 20;

  private Snapshots() {}

  static NetworkSnapshot snapshot(RandomnessSource rs, SnapshotShape shape) {
    int subnetCount = between(rs, shape.minSubnets(), shape.maxSubnets());
    int portCount = between(rs, shape.minPorts(), shape.maxPorts());
    Network network = Resources.network(rs);
    int v6Count = between(rs, 0, subnetCount);
    long capacity = 2L * Math.max(1, portCount);
    List<Subnets.Slots> slots = new ArrayList<>(subnetCount);
    slots.addAll(Subnets.layout(rs, IpVersion.V4, subnetCount - v6Count, capacity));
    slots.addAll(Subnets.layout(rs, IpVersion.V6, v6Count, capacity));
    Names.Sequence subnetIds = new Names.Sequence(rs, "subnet");
    List<Subnet> subnets = new ArrayList<>(subnetCount);
    for (int i = 0; i < subnetCount; i++) {
      subnets.add(Subnets.subnet(rs, subnetIds.id(i), network.id(), slots.get(i).cidr()));
    }
    return NetworkSnapshot.of(network, subnets, ports(rs, network, subnets, slots, portCount));
  }

  private static List<Port> ports(RandomnessSource rs, Network network, List<Subnet> subnets,
      List<Subnets.Slots> slots, int count) {
    int n = subnets.size();
    Names.Sequence ids = new Names.Sequence(rs, "port");
    long oui = (between(rs, 0L, 0xff_ffffL) << 24 | Addresses.LOCAL_BIT) & ~Addresses.GROUP_BIT;
    long macOffset = Draws.bits(rs);
    long macStride = Draws.bits(rs);
    boolean dhcpPort = n > 0 && chance(rs, 40);
    long[] used = new long[n];
    List<Port> ports = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<FixedIp> ips = new ArrayList<>(2);
      if (n > 0 && !chance(rs, 5)) {
        int p = between(rs, 0, n - 1);
        ips.add(new FixedIp(subnets.get(p).id(), slots.get(p).address(used[p]++)));
        if (chance(rs, 15)) {
          int q = n == 1 || chance(rs, 30) ? p : (p + between(rs, 1, n - 1)) % n;
          ips.add(new FixedIp(subnets.get(q).id(), slots.get(q).address(used[q]++)));
        }
      }
      MacAddress mac = MacAddress.of(oui | Draws.spread(i, macOffset, macStride, 24));
      String owner = i == 0 && dhcpPort ? Port.DHCP_OWNER : Names.deviceOwner(rs);
      ports.add(Resources.port(rs, ids.id(i), network.id(), mac, ips, owner));
    }
    return ports;
  }

  /**
   * Describes a snapshot for a failure report: the network, every subnet and the first
   * {@value #DESCRIBED_PORTS} ports.
   */
  static String describe(NetworkSnapshot s) {
    StringBuilder sb = new StringBuilder(s.toString()).append("\n  ").append(s.network());
    for (Subnet subnet : s.subnets()) {
      sb.append("\n  ").append(subnet);
    }
    int shown = 0;
    for (Port p : s.ports()) {
      if (shown++ == DESCRIBED_PORTS) {
        sb.append("\n  ... ").append(s.portCount() - DESCRIBED_PORTS).append(" more ports");
        break;
      }
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
