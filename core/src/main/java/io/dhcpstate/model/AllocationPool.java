package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;

/**
 * A range of addresses, both ends included, that a dynamic subnet may allocate from.
 *
 * @param start the first address
 * @param end the last address, not below {@code start} and of the same version
 */
public record AllocationPool(IpAddress start, IpAddress end) {

  /**
   * Validates the range.
   *
   * @throws InvalidResourceException if an end is missing, the versions differ or
   *     {@code end < start}
   */
  public AllocationPool {
    Checks.present("allocation_pool", null, "start", start);
    Checks.present("allocation_pool", null, "end", end);
    if (start.version() != end.version()) {
      Checks.fail("allocation_pool", null, "end", end, "must have the IP version of start "
          + start);
    }
    if (end.compareTo(start) < 0) {
      Checks.fail("allocation_pool", null, "end", end, "must not be below start " + start);
    }
  }

  /**
   * Parses and builds a pool.
   *
   * @param start the first address text
   * @param end the last address text
   * @return the pool
   * @throws InvalidResourceException if either value is invalid
   */
  public static AllocationPool of(String start, String end) {
    return new AllocationPool(Values.ip("allocation_pool", null, "start", start),
        Values.ip("allocation_pool", null, "end", end));
  }

  /**
   * Tells whether an address lies in the pool.
   *
   * @param ip the address
   * @return true if {@code start <= ip <= end} with the same version
   */
  public boolean contains(IpAddress ip) {
    return ip.version() == start.version() && ip.compareTo(start) >= 0 && ip.compareTo(end) <= 0;
  }

  /**
   * Tells whether this pool shares an address with another.
   *
   * @param other the other pool
   * @return true if they overlap
   */
  public boolean overlaps(AllocationPool other) {
    return other.start.version() == start.version()
        && other.start.compareTo(end) <= 0 && start.compareTo(other.end) <= 0;
  }
}
