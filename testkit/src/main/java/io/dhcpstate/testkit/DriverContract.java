package io.dhcpstate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverCapabilities;
import io.dhcpstate.spi.DriverContext;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DhcpDriver} must meet, as a JUnit 5 test class to extend: enabling,
 * applying, restarting and disabling are idempotent and leave {@link DhcpDriver#servedNetworks()}
 * right; unknown networks and leases are answered, not failed; and every stage completes within
 * {@link #stageTimeout()}.
 *
 * <p>Extend it in a driver's tests and say how to make a fresh driver; every test gets its own,
 * started with {@link #context()} and closed afterwards:
 *
 * <pre>{@code
 * class InMemoryDriverContractTest extends DriverContract {
 *   @Override
 *   protected DhcpDriver createDriver() {
 *     return InMemoryDriver.builder().build();
 *   }
 *
 *   @Override
 *   protected void cleanUp(DhcpDriver driver) {
 *     // delete files, namespaces or processes the driver left behind
 *   }
 * }
 * }</pre>
 *
 * <p>The networks the suite uses come from {@link #network(String)}: one DHCP-enabled subnet of
 * a version and address mode the driver's {@link DhcpDriver#capabilities()} cover, with two
 * ports. Override it (and {@link #newPort}) when a driver needs something else, such as
 * addresses on a test interface. Network ids start with {@code contract-}.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 */
public abstract class DriverContract {
  private DhcpDriver driver;
  private int networks;

  /** Creates the suite; subclasses need no constructor of their own. */
  protected DriverContract() {}

  /**
   * Creates a fresh driver for one test. It is started with {@link #context()} before the test
   * and closed after it.
   *
   * @return the driver under test
   */
  protected abstract DhcpDriver createDriver();

  /**
   * Cleans up after a test, once the driver is closed; the default does nothing.
   *
   * @param closedDriver the driver the test used
   */
  protected void cleanUp(DhcpDriver closedDriver) {}

  /**
   * Returns the longest any stage may take to complete (default 10 s).
   *
   * @return the bound
   */
  protected Duration stageTimeout() {
    return Duration.ofSeconds(10);
  }

  /**
   * Returns the context the driver is started with (default: the system clock, lease events
   * dropped).
   *
   * @return the context
   */
  protected DriverContext context() {
    return DriverContext.standalone();
  }

  /**
   * Returns the serving settings passed to every call (default {@link DhcpSettings#defaults()}).
   *
   * @return the settings
   */
  protected DhcpSettings settings() {
    return DhcpSettings.defaults();
  }

  /**
   * Makes a small valid network the driver can serve: one DHCP subnet of the first IP version
   * and address mode its capabilities list (IPv4 and static preferred), a gateway, and two
   * ports. Each call within a test uses another subnet range.
   *
   * @param networkId the network id
   * @return the network
   */
  protected NetworkSnapshot network(String networkId) {
    DriverCapabilities caps = driver.capabilities();
    int n = ++networks;
    boolean v4 = caps.ipVersions().contains(IpVersion.V4);
    AddressMode mode = caps.addressModes().contains(AddressMode.STATIC)
        ? AddressMode.STATIC : AddressMode.DYNAMIC;
    Subnet.Builder sb = v4
        ? Subnet.builder(networkId + "-v4", networkId, "10.213." + n + ".0/24")
            .gateway("10.213." + n + ".1").dns("10.213." + n + ".2")
        : Subnet.builder(networkId + "-v6", networkId, "fd00:213:" + n + "::/64")
            .gateway("fd00:213:" + n + "::1").ipv6Mode(io.dhcpstate.model.Ipv6Mode.DHCPV6_STATEFUL);
    if (mode == AddressMode.DYNAMIC) {
      sb.addressMode(mode).pool(v4 ? "10.213." + n + ".100" : "fd00:213:" + n + "::100",
          v4 ? "10.213." + n + ".200" : "fd00:213:" + n + "::200");
    }
    Subnet subnet = sb.revision(1).build();
    Network net = new Network(networkId, "contract network " + n, true, 1500, Optional.empty(), 1);
    NetworkSnapshot empty = NetworkSnapshot.of(net, List.of(subnet), List.of());
    Port p1 = newPort(empty, networkId + "-p1");
    NetworkSnapshot one = NetworkSnapshot.of(net, List.of(subnet), List.of(p1));
    Port p2 = newPort(one, networkId + "-p2");
    return NetworkSnapshot.of(net, List.of(subnet), List.of(p1, p2));
  }

  /**
   * Makes a port that fits a network: an unused MAC and the first unused address (from .10 on)
   * of its first DHCP subnet.
   *
   * @param network the network the port joins
   * @param portId the port id
   * @return the port, revision 1
   */
  protected Port newPort(NetworkSnapshot network, String portId) {
    Subnet subnet = network.subnets().stream().filter(Subnet::enableDhcp).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("network has no DHCP subnet"));
    IpAddress ip = subnet.cidr().address().plus(10);
    while (network.portByIp(ip).isPresent() || subnet.gatewayIp().equals(Optional.of(ip))) {
      ip = ip.plus(1);
    }
    long macBits = 0xfa163e000000L + 0x10;
    while (network.portByMac(MacAddress.of(macBits)).isPresent()) {
      macBits++;
    }
    return new Port(portId, network.network().id(), MacAddress.of(macBits),
        List.of(new FixedIp(subnet.id(), ip)), "compute:contract", true,
        Optional.of(portId.toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace('.', '-')),
        List.of(), 1);
  }

  /**
   * Returns the driver under test, started.
   *
   * @return the driver
   */
  protected final DhcpDriver driver() {
    return driver;
  }

  /**
   * Waits for a stage, failing the test if it does not complete within {@link #stageTimeout()}
   * or completes exceptionally.
   *
   * @param <T> the stage's value type
   * @param what what the stage is, for the failure message
   * @param stage the stage
   * @return its value
   */
  protected final <T> T await(String what, CompletionStage<T> stage) {
    assertNotNull(stage, what + " returned a null stage");
    CompletableFuture<T> f = stage.toCompletableFuture();
    try {
      return f.get(stageTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail(what + " did not complete within " + stageTimeout());
    } catch (ExecutionException e) {
      return fail(what + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(what + " was interrupted");
    }
  }

  /** Creates and starts the driver. */
  @BeforeEach
  final void startDriver() {
    networks = 0;
    driver = createDriver();
    assertNotNull(driver, "createDriver() returned null");
    driver.start(context());
  }

  /** Disables what the test left served, closes the driver and cleans up. */
  @AfterEach
  final void stopDriver() {
    if (driver == null) {
      return;
    }
    try {
      for (String id : await("servedNetworks", driver.servedNetworks())) {
        if (id.startsWith("contract-")) {
          await("disable " + id, driver.disable(id));
        }
      }
    } finally {
      try {
        driver.close();
      } finally {
        cleanUp(driver);
      }
    }
  }

  private Set<String> served() {
    return await("servedNetworks", driver.servedNetworks());
  }

  private NetworkSnapshot enabled(String id) {
    NetworkSnapshot net = network(id);
    await("enable " + id, driver.enable(net, settings()));
    return net;
  }

  private static NetworkSnapshot with(NetworkSnapshot net, List<Port> ports) {
    return NetworkSnapshot.of(net.network(), net.subnets(), ports);
  }

  private static NetworkChange portChange(Optional<Port> before, Optional<Port> after) {
    return new NetworkChange(List.of(new PortChange(before, after)), false, false, false);
  }

  @Test
  void name_always_isNotBlank() {
    assertNotNull(driver.name());
    assertFalse(driver.name().isBlank(), "driver name is blank");
  }

  @Test
  void capabilities_calledTwice_areEqual() {
    assertEquals(driver.capabilities(), driver.capabilities());
  }

  @Test
  void servedNetworks_freshDriver_listsNoContractNetwork() {
    assertTrue(served().stream().noneMatch(id -> id.startsWith("contract-")), served().toString());
  }

  @Test
  void enable_network_isListedAsServed() {
    enabled("contract-a");

    assertTrue(served().contains("contract-a"), served().toString());
  }

  @Test
  void enable_twice_isIdempotent() {
    NetworkSnapshot net = enabled("contract-a");
    Set<String> once = served();

    await("enable again", driver.enable(net, settings()));

    assertEquals(once, served());
  }

  @Test
  void enable_twoNetworks_servesBoth() {
    enabled("contract-a");
    enabled("contract-b");

    assertTrue(served().containsAll(Set.of("contract-a", "contract-b")), served().toString());
  }

  @Test
  void enable_changedSnapshot_replacesEarlierState() {
    NetworkSnapshot net = enabled("contract-a");
    List<Port> fewer = new ArrayList<>(net.ports());
    fewer.remove(0);

    await("enable changed", driver.enable(with(net, fewer), settings()));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void apply_portAdded_completesAndNetworkStaysServed() {
    NetworkSnapshot net = enabled("contract-a");
    Port added = newPort(net, "contract-a-new");
    List<Port> ports = new ArrayList<>(net.ports());
    ports.add(added);

    await("apply add", driver.apply(with(net, ports), settings(),
        portChange(Optional.empty(), Optional.of(added))));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void apply_portUpdated_completesAndNetworkStaysServed() {
    NetworkSnapshot net = enabled("contract-a");
    Port before = net.ports().iterator().next();
    Port after = new Port(before.id(), before.networkId(), before.mac(), before.fixedIps(),
        before.deviceOwner(), before.adminStateUp(), Optional.of("renamed"),
        before.extraDhcpOptions(), before.revision() + 1);
    List<Port> ports = new ArrayList<>(net.ports());
    ports.replaceAll(p -> p.id().equals(after.id()) ? after : p);

    await("apply update", driver.apply(with(net, ports), settings(),
        portChange(Optional.of(before), Optional.of(after))));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void apply_portRemoved_completesAndNetworkStaysServed() {
    NetworkSnapshot net = enabled("contract-a");
    Port gone = net.ports().iterator().next();
    List<Port> ports = new ArrayList<>(net.ports());
    ports.remove(gone);

    await("apply remove", driver.apply(with(net, ports), settings(),
        portChange(Optional.of(gone), Optional.empty())));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void apply_sameChangeTwice_isIdempotent() {
    NetworkSnapshot net = enabled("contract-a");
    Port added = newPort(net, "contract-a-new");
    List<Port> ports = new ArrayList<>(net.ports());
    ports.add(added);
    NetworkSnapshot next = with(net, ports);
    NetworkChange change = portChange(Optional.empty(), Optional.of(added));
    await("apply", driver.apply(next, settings(), change));

    await("apply again", driver.apply(next, settings(),
        new NetworkChange(List.of(), false, false, false)));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void restart_servedNetwork_keepsItServed() {
    NetworkSnapshot net = enabled("contract-a");

    await("restart", driver.restart(net, settings()));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void disable_servedNetwork_removesIt() {
    enabled("contract-a");
    enabled("contract-b");

    await("disable", driver.disable("contract-a"));

    assertFalse(served().contains("contract-a"), served().toString());
    assertTrue(served().contains("contract-b"), "disabling one network disabled another");
  }

  @Test
  void disable_twice_isIdempotent() {
    enabled("contract-a");
    await("disable", driver.disable("contract-a"));

    await("disable again", driver.disable("contract-a"));

    assertFalse(served().contains("contract-a"));
  }

  @Test
  void disable_unknownNetwork_completes() {
    await("disable unknown", driver.disable("contract-unknown"));

    assertFalse(served().contains("contract-unknown"));
  }

  @Test
  void enable_afterDisable_servesAgain() {
    NetworkSnapshot net = enabled("contract-a");
    await("disable", driver.disable("contract-a"));

    await("enable again", driver.enable(net, settings()));

    assertTrue(served().contains("contract-a"));
  }

  @Test
  void leases_unknownNetwork_isEmpty() {
    assertEquals(List.of(), await("leases", driver.leases("contract-unknown")));
  }

  @Test
  void leases_servedNetwork_belongToIt() {
    enabled("contract-a");

    for (Lease lease : await("leases", driver.leases("contract-a"))) {
      assertEquals("contract-a", lease.networkId(), lease.toString());
    }
  }

  @Test
  void leases_disabledNetwork_isEmpty() {
    enabled("contract-a");
    await("disable", driver.disable("contract-a"));

    assertEquals(List.of(), await("leases", driver.leases("contract-a")));
  }

  @Test
  void releaseLease_unknownLease_completesFalse() {
    NetworkSnapshot net = enabled("contract-a");
    Subnet subnet = net.subnets().iterator().next();
    Lease unknown = new Lease("contract-a", MacAddress.of(0x02_00_00_00_77_77L),
        subnet.cidr().address().plus(250), Optional.empty(), Optional.empty(), Optional.empty(),
        LeaseState.ACTIVE);

    assertFalse(await("releaseLease", driver.releaseLease(unknown)));
  }

  @Test
  void releaseLease_unknownNetwork_completesFalse() {
    Lease unknown = new Lease("contract-unknown", MacAddress.of(0x02_00_00_00_77_78L),
        IpAddress.parse("10.213.250.9"), Optional.empty(), Optional.empty(), Optional.empty(),
        LeaseState.ACTIVE);

    assertFalse(await("releaseLease", driver.releaseLease(unknown)));
  }

  @Test
  void enable_concurrentNetworks_servesAll() {
    List<NetworkSnapshot> nets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      nets.add(network("contract-c" + i));
    }
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (NetworkSnapshot net : nets) {
      calls.add(CompletableFuture.supplyAsync(() -> driver.enable(net, settings()))
          .thenCompose(s -> s));
    }

    await("concurrent enables", CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)));

    Set<String> expected = new HashSet<>();
    nets.forEach(n -> expected.add(n.network().id()));
    assertTrue(served().containsAll(expected), served().toString());
  }
}
