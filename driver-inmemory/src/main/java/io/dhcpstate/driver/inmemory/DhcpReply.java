package io.dhcpstate.driver.inmemory;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A reply the server wants sent: the encoded DHCP message and where to send it. A broadcast
 * destination is {@code 255.255.255.255:68}.
 *
 * @param payload the encoded message; the caller must not change it
 * @param destination where to send it
 */
public record DhcpReply(byte[] payload, InetSocketAddress destination) {
  /** Checks both components are present. */
  public DhcpReply {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(destination, "destination");
  }
}
