package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.Lease;

/**
 * Where lease changes are made durable before the client hears of them. ACTIVE and DECLINED
 * records replace the lease of their (network, address); RELEASED and EXPIRED_RECLAIMED
 * remove it. Implementations must be thread-safe.
 */
public interface LeaseLog extends AutoCloseable {
  /** A log that keeps nothing, for a driver without a journal. */
  LeaseLog NONE = lease -> {};

  /**
   * Records a lease change; returns once it is as durable as the log's policy promises.
   *
   * @param lease the lease after the change
   */
  void record(Lease lease);

  @Override
  default void close() {}
}
