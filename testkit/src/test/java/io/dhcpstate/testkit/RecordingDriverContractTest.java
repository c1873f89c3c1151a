package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.spi.DhcpDriver;

/** Runs the driver contract suite against {@link RecordingDriver}. */
class RecordingDriverContractTest extends DriverContract {

  @Override
  protected DhcpDriver createDriver() {
    return new RecordingDriver("recording");
  }

  @Override
  protected void cleanUp(DhcpDriver closedDriver) {
    assertThat(((RecordingDriver) closedDriver).contractViolations()).isEmpty();
  }
}
