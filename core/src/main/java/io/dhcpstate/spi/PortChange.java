package io.dhcpstate.spi;

import io.dhcpstate.model.Port;
import java.util.Objects;
import java.util.Optional;

/**
 * One port's change within a {@link NetworkChange}: its record before and after. A created port
 * has no {@code before}, a deleted one no {@code after}; the driver uses {@code before} to
 * release addresses or host entries the port no longer holds.
 *
 * @param before the port as the driver last received it, if it existed
 * @param after the port as it is now, if it still exists
 */
public record PortChange(Optional<Port> before, Optional<Port> after) {

  /**
   * Checks that at least one side is present and both sides are the same port.
   *
   * @throws IllegalArgumentException if both are empty or the ids differ
   */
  public PortChange {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.isEmpty() && after.isEmpty()) {
      throw new IllegalArgumentException("a port change needs a before or an after");
    }
    if (before.isPresent() && after.isPresent() && !before.get().id().equals(after.get().id())) {
      throw new IllegalArgumentException("before and after are different ports");
    }
  }

  /**
   * Returns the id of the changed port.
   *
   * @return the port id
   */
  public String portId() {
    return after.or(() -> before).orElseThrow().id();
  }

  /**
   * Tells whether the port was removed.
   *
   * @return true when there is no {@code after}
   */
  public boolean isRemoval() {
    return after.isEmpty();
  }
}
