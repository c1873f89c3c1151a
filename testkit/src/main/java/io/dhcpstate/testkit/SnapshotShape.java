package io.dhcpstate.testkit;

/**
 * The size of the network snapshots {@link ModelGenerators#snapshots(SnapshotShape)} makes: how
 * many subnets and ports, each drawn between a least and a most number (both included).
 * Shrinking a failing example moves towards the least numbers. Immutable.
 *
 * @param minSubnets the least number of subnets, at least 0
 * @param maxSubnets the most subnets, at least {@code minSubnets} and at most
 *     {@value #MAX_SUBNETS}
 * @param minPorts the least number of ports, at least 0
 * @param maxPorts the most ports, at least {@code minPorts} and at most {@value #MAX_PORTS}
 */
public record SnapshotShape(int minSubnets, int maxSubnets, int minPorts, int maxPorts) {
  /** The most subnets a generated snapshot may have. */
  public static final int MAX_SUBNETS = 64;
  /** The most ports a generated snapshot may have. */
  public static final int MAX_PORTS = 65_536;

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException if a bound is negative, a least number exceeds its most,
   *     or a most number exceeds {@link #MAX_SUBNETS} or {@link #MAX_PORTS}
   */
  public SnapshotShape {
    check("subnets", minSubnets, maxSubnets, MAX_SUBNETS);
    check("ports", minPorts, maxPorts, MAX_PORTS);
  }

  private static void check(String what, int min, int max, int limit) {
    if (min < 0 || min > max || max > limit) {
      throw new IllegalArgumentException(
          "need 0 <= min <= max <= " + limit + " " + what + ", got " + min + ".." + max);
    }
  }

  /**
   * Returns a shape of up to {@code maxSubnets} subnets and up to {@code maxPorts} ports.
   *
   * @param maxSubnets the most subnets
   * @param maxPorts the most ports
   * @return the shape, with least numbers 0
   * @throws IllegalArgumentException if a number is out of range
   */
  public static SnapshotShape upTo(int maxSubnets, int maxPorts) {
    return new SnapshotShape(0, maxSubnets, 0, maxPorts);
  }

  /**
   * Returns a shape of exactly {@code subnets} subnets and {@code ports} ports.
   *
   * @param subnets the number of subnets
   * @param ports the number of ports
   * @return the shape
   * @throws IllegalArgumentException if a number is out of range
   */
  public static SnapshotShape exactly(int subnets, int ports) {
    return new SnapshotShape(subnets, subnets, ports, ports);
  }
}
