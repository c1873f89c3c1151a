package io.dhcpstate.driver.dnsmasq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.testkit.DriverContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The testkit's driver contract, run against real dnsmasq processes in a network namespace this
 * class creates and removes. Each contract network gets its own veth interface there (created
 * the first time the driver asks for it), since two dnsmasq cannot share an interface's DHCP
 * socket. Skipped when not root or without {@code ip netns}.
 */
class DnsmasqDriverContractTest extends DriverContract {
  private static Netns ns;
  private static final Map<String, String> INTERFACES = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();
  private Path state;

  @BeforeAll
  static void createNamespace() {
    String why = Netns.unavailableReason();
    assumeTrue(why == null, "dnsmasq contract tests need network namespaces: " + why);
    ns = Netns.create("ddct");
  }

  @AfterAll
  static void removeNamespace() {
    if (ns != null) {
      ns.close();
    }
  }

  /** The interface of a network: a veth created in the namespace on first use. */
  private static String interfaceFor(String networkId) {
    return INTERFACES.computeIfAbsent(networkId, id -> {
      String name = "ct" + NEXT.getAndIncrement();
      ns.ip("link", "add", name, "type", "veth", "peer", "name", name + "p");
      ns.ip("link", "set", name, "up");
      ns.ip("link", "set", name + "p", "up");
      return name;
    });
  }

  @Override
  protected DhcpDriver createDriver() {
    state = TestDirs.create("dhcpstate-contract");
    return DnsmasqDriver.builder().stateDirectory(state.resolve("state"))
        .commandPrefix(CommandPrefix.netns(id -> ns.name()))
        .interfaces(DnsmasqDriverContractTest::interfaceFor)
        .stopTimeout(Duration.ofSeconds(3)).build();
  }

  @Override
  protected void cleanUp(DhcpDriver closedDriver) {
    TestDirs.delete(state);
  }

  @Override
  protected Duration stageTimeout() {
    return Duration.ofSeconds(20);
  }
}
