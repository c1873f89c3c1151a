package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;

/**
 * One address a port holds on one subnet.
 *
 * @param subnetId the subnet the address belongs to
 * @param ip the address
 */
public record FixedIp(String subnetId, IpAddress ip) {

  /**
   * Validates both fields.
   *
   * @throws InvalidResourceException if the subnet id is invalid or the address missing
   */
  public FixedIp {
    Checks.id("fixed_ip", subnetId, "subnetId", subnetId);
    Checks.present("fixed_ip", subnetId, "ip", ip);
  }

  /**
   * Parses the address and builds the fixed IP.
   *
   * @param subnetId the subnet id
   * @param ip the address text
   * @return the fixed IP
   * @throws InvalidResourceException if either value is invalid
   */
  public static FixedIp of(String subnetId, String ip) {
    return new FixedIp(subnetId, IpAddress.tryParse(ip)
        .orElseThrow(() -> Checks.fail("fixed_ip", subnetId, "ip", ip, "not an IP address")));
  }
}
