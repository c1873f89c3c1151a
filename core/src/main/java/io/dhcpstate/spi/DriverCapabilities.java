package io.dhcpstate.spi;

import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.IpVersion;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a driver can serve. The agent hands a driver only subnets it can serve; the rest are
 * skipped and reported to the listener, not failed.
 *
 * @param ipVersions the IP versions the driver serves
 * @param addressModes the subnet address modes it supports
 */
public record DriverCapabilities(Set<IpVersion> ipVersions, Set<AddressMode> addressModes) {

  /**
   * Copies the sets and checks neither is empty.
   *
   * @throws IllegalArgumentException if a set is empty
   */
  public DriverCapabilities {
    ipVersions = Set.copyOf(Objects.requireNonNull(ipVersions, "ipVersions"));
    addressModes = Set.copyOf(Objects.requireNonNull(addressModes, "addressModes"));
    if (ipVersions.isEmpty() || addressModes.isEmpty()) {
      throw new IllegalArgumentException("a driver must serve some IP version and address mode");
    }
  }

  /**
   * Returns capabilities for everything: both IP versions, both address modes.
   *
   * @return full capabilities
   */
  public static DriverCapabilities all() {
    return new DriverCapabilities(EnumSet.allOf(IpVersion.class), EnumSet.allOf(AddressMode.class));
  }
}
