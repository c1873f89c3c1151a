package io.dhcpstate.spi;

import io.dhcpstate.model.Lease;
import java.util.Objects;

/**
 * Something that happened to a lease in a driver, reported to the agent's listener so a host
 * application can mirror leases.
 *
 * @param type what happened
 * @param lease the lease after it happened
 */
public record LeaseEvent(Type type, Lease lease) {

  /** Checks both components are present. */
  public LeaseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(lease, "lease");
  }

  /** What happened to a lease. */
  public enum Type {
    /** A new lease was acknowledged to a client. */
    GRANTED,
    /** A client extended its lease. */
    RENEWED,
    /** A client gave its lease back, or the server released it. */
    RELEASED,
    /** A lease ran out and was reclaimed. */
    EXPIRED,
    /** A client declined its address; the address is on probation. */
    DECLINED
  }
}
