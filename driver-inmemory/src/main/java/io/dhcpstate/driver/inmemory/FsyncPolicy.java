package io.dhcpstate.driver.inmemory;

/**
 * When the lease journal forces its writes to disk. Every policy writes a lease to the
 * operating system before its ACK is sent, so all of them survive a crash of the JVM process;
 * they differ in what survives a crash of the machine.
 */
public enum FsyncPolicy {
  /**
   * Never fsync: the operating system writes when it likes. Survives a process kill, not a
   * power loss. This is what Kea's memfile backend does.
   */
  NEVER,
  /** fsync at most every 100 ms: a power loss can lose the last 100 ms of leases. */
  INTERVAL,
  /** fsync before every ACK: survives a power loss, at the cost of one disk flush per lease. */
  ALWAYS
}
