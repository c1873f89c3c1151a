/**
 * dhcpstate testkit: QuickTheories generators of valid and invalid model values, an injection
 * corpus, and (with the agent) a fake source, a recording driver and the driver contract suite.
 */
module io.dhcpstate.testkit {
  requires transitive io.dhcpstate.core;
  requires transitive quicktheories;
  requires transitive org.junit.jupiter.api;

  exports io.dhcpstate.testkit;

  // JUnit instantiates subclasses of DriverContract reflectively.
  opens io.dhcpstate.testkit to org.junit.platform.commons;
}
