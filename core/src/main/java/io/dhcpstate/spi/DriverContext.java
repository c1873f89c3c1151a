package io.dhcpstate.spi;

import java.time.InstantSource;

/**
 * What the agent gives a driver when it starts: the clock to read and where to report lease
 * events. Implementations are thread-safe; {@link #leaseEvent} may be called from any thread
 * and never blocks on the listener.
 */
public interface DriverContext {

  /**
   * Returns the agent's clock, which drivers use for lease times.
   *
   * @return the clock
   */
  InstantSource clock();

  /**
   * Reports a lease event to the agent's listener.
   *
   * @param event the event
   */
  void leaseEvent(LeaseEvent event);

  /**
   * Returns a context that drops lease events and reads the system clock, for drivers used
   * without an agent.
   *
   * @return a standalone context
   */
  static DriverContext standalone() {
    return new DriverContext() {
      @Override
      public InstantSource clock() {
        return InstantSource.system();
      }

      @Override
      public void leaseEvent(LeaseEvent event) {}
    };
  }
}
