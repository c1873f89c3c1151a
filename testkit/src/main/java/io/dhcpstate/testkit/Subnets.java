package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.AllocationPool;
import io.dhcpstate.model.HostRoute;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.RandomnessSource;

/**
 * Draws of subnets: non-overlapping CIDRs laid out in private or documentation ranges, each
 * with room for a given number of port addresses, and the subnet's other fields.
 */
final class Subnets {
  /** IPv4 regions: base address and the number of free bits below it. */
  private static final long[][] V4_REGIONS = {
      {0x0a00_0000L, 24}, {0xac10_0000L, 20}, {0x6440_0000L, 22}, {0xc0a8_0000L, 16},
      {0xc612_0000L, 17}};

  private Subnets() {}

  /**
   * Where ports get their addresses in one subnet: slot {@code j} is a distinct address for
   * every {@code j} below {@link #capacity()}, never the network, gateway or broadcast address.
   */
  record Slots(IpPrefix cidr, long offset, long stride, int slotBits, long tag) {
    long capacity() {
      return 1L << slotBits;
    }

    IpAddress address(long j) {
      long s = Draws.spread(j, offset, stride, slotBits);
      if (cidr.version() == IpVersion.V4) {
        return cidr.address().plus(2 + s);
      }
      return IpAddress.ofV6(cidr.address().high(), tag << 32 | (1 + s));
    }
  }

  /**
   * Draws {@code count} non-overlapping CIDRs of a version, each with at least
   * {@code capacity} port slots; {@code count} at most 64 and {@code capacity} at most 2^17.
   */
  static List<Slots> layout(RandomnessSource rs, IpVersion version, int count, long capacity) {
    return version == IpVersion.V4 ? layoutV4(rs, count, capacity) : layoutV6(rs, count);
  }

  private static List<Slots> layoutV4(RandomnessSource rs, int count, long capacity) {
    int minHostBits = Math.max(3, Draws.bitsFor(capacity) + 1);
    int countBits = Draws.bitsFor(count);
    List<long[]> fitting = new ArrayList<>();
    for (long[] r : V4_REGIONS) {
      if (r[1] - countBits >= minHostBits) {
        fitting.add(r);
      }
    }
    long[] region = Draws.pick(rs, fitting);
    int regionBits = (int) region[1];
    int blockBits = between(rs, minHostBits, Math.min(regionBits - countBits, minHostBits + 8));
    long offset = Draws.bits(rs);
    long stride = Draws.bits(rs);
    List<Slots> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long block = Draws.spread(i, offset, stride, regionBits - blockBits);
      int hostBits = between(rs, minHostBits, blockBits);
      IpAddress base = IpAddress.ofV4((int) (region[0] + (block << blockBits)));
      out.add(new Slots(new IpPrefix(base, 32 - hostBits), Draws.bits(rs), Draws.bits(rs),
          hostBits - 1, 0));
    }
    return out;
  }

  private static List<Slots> layoutV6(RandomnessSource rs, int count) {
    boolean documentation = chance(rs, 60);
    long regionHigh = documentation
        ? 0x2001_0db8_0000_0000L
        : 0xfd00_0000_0000_0000L | between(rs, 0L, 0xff_ffff_ffffL) << 16;
    int blockLength = documentation ? 48 : 64;
    long offset = Draws.bits(rs);
    long stride = Draws.bits(rs);
    List<Slots> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long block = Draws.spread(i, offset, stride, 16);
      long high = regionHigh | block << (64 - blockLength);
      int length = between(rs, blockLength, 64);
      out.add(new Slots(new IpPrefix(IpAddress.ofV6(high, 0), length), Draws.bits(rs),
          Draws.bits(rs), 31, between(rs, 1L, 0xffff_ffffL)));
    }
    return out;
  }

  /** Draws a standalone subnet of a version, on its own network id. */
  static Subnet standalone(RandomnessSource rs, IpVersion version) {
    Slots slots = layout(rs, version, 1, 1).get(0);
    return subnet(rs, Names.id(rs), Names.id(rs), slots.cidr());
  }

  /** Draws every field of a subnet on a given CIDR. */
  static Subnet subnet(RandomnessSource rs, String id, String networkId, IpPrefix cidr) {
    IpVersion v = cidr.version();
    Optional<IpAddress> gateway = gateway(rs, cidr);
    Optional<Ipv6Mode> addressMode = Optional.empty();
    Optional<Ipv6Mode> raMode = Optional.empty();
    if (v == IpVersion.V6) {
      Ipv6Mode mode = Draws.pick(rs, List.of(Ipv6Mode.values()));
      int pattern = between(rs, 0, 3);
      addressMode = pattern == 1 || pattern == 2 ? Optional.of(mode) : Optional.empty();
      raMode = pattern == 1 || pattern == 3 ? Optional.of(mode) : Optional.empty();
    }
    return new Subnet(id, networkId, cidr, chance(rs, 85), gateway, dns(rs, v), routes(rs, v),
        pools(rs, cidr), addressMode, raMode,
        chance(rs, 30) ? AddressMode.DYNAMIC : AddressMode.STATIC,
        between(rs, 0L, Long.MAX_VALUE));
  }

  private static Optional<IpAddress> gateway(RandomnessSource rs, IpPrefix cidr) {
    int choice = between(rs, 0, 9);
    if (choice >= 8) {
      return Optional.empty();
    }
    if (cidr.version() == IpVersion.V6) {
      return Optional.of(IpAddress.ofV6(cidr.address().high(), 1));
    }
    return Optional.of(choice == 7 ? cidr.lastAddress().plus(-1) : cidr.address().plus(1));
  }

  private static List<IpAddress> dns(RandomnessSource rs, IpVersion v) {
    if (chance(rs, 5)) {
      return List.of(v == IpVersion.V4 ? IpAddress.ofV4(0) : IpAddress.ofV6(0, 0));
    }
    Set<IpAddress> out = new LinkedHashSet<>();
    int n = between(rs, 0, 3);
    for (int i = 0; i < n; i++) {
      out.add(Addresses.ip(rs, v));
    }
    return List.copyOf(out);
  }

  private static List<HostRoute> routes(RandomnessSource rs, IpVersion v) {
    Map<IpPrefix, HostRoute> out = new LinkedHashMap<>();
    int n = between(rs, 0, 4);
    for (int i = 0; i < n; i++) {
      IpPrefix destination = Addresses.prefix(rs, v);
      out.putIfAbsent(destination, new HostRoute(destination, Addresses.ip(rs, v)));
    }
    return List.copyOf(out.values());
  }

  /** Up to three pools in disjoint chunks of the subnet's host range. */
  private static List<AllocationPool> pools(RandomnessSource rs, IpPrefix cidr) {
    int n = between(rs, 0, 3);
    int hostBits = cidr.version().bits() - cidr.prefixLength();
    long usable = hostBits >= 50 ? 1L << 48 : (1L << hostBits) - 3;
    if (n == 0 || usable < n) {
      return List.of();
    }
    long chunk = usable / n;
    List<AllocationPool> out = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      long first = between(rs, 0L, chunk - 1);
      long last = between(rs, first, chunk - 1);
      IpAddress start = cidr.address().plus(2 + c * chunk + first);
      out.add(new AllocationPool(start, start.plus(last - first)));
    }
    return out;
  }
}
