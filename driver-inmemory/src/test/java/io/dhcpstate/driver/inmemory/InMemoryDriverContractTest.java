package io.dhcpstate.driver.inmemory;

import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.testkit.DriverContract;

/** The testkit's driver contract, run against a socketless in-memory driver. */
class InMemoryDriverContractTest extends DriverContract {
  @Override
  protected DhcpDriver createDriver() {
    return InMemoryDriver.builder().build();
  }
}
